/** An error as a clerk reads it: what it means, then the graph's own message and code. */
import { GraphError } from '../graph/client';
import { useI18n } from './i18n';

export function ErrorNotice({ error, onRetry }: { error: GraphError | null; onRetry?: () => void }) {
  const { t, explain } = useI18n();
  if (!error) return null;
  return (
    <div className="error" role="alert" data-code={error.code}>
      <strong>{explain(error.code)}</strong>
      <div className="error-detail">
        {error.message}{' '}
        <span className="code">
          ({t('errorCode')}: {error.code}
          {error.field ? `, ${error.field}` : ''})
        </span>
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** The message for one field of a form, when the graph named that field. */
export function FieldError({ error, field }: { error: GraphError | null; field: string }) {
  if (!error || error.code !== 'BAD_USER_INPUT' || error.field !== field) return null;
  return (
    <span className="field-error" role="alert" data-field={field}>
      {error.message}
    </span>
  );
}
