/**
 * The instant the database a report was read from holds every commit up to (`databaseAsOf`): a read replica's, which
 * may lag behind the primary, or the answer's own when it was read there (docs/operations.md "Read replica"). Shown
 * beside each report, so that a figure read from a replica that has fallen behind says so.
 */
import { useI18n } from './i18n';
import { shanghaiTime } from './dates';

export function DatabaseAsOf({ name, instant }: { name: string; instant: string | null | undefined }) {
  const { t } = useI18n();
  if (!instant) return null;
  return (
    <span className="database-as-of" data-testid={`${name}-database-as-of`}>
      {t('databaseAsOf', { time: shanghaiTime(instant) })}
    </span>
  );
}
