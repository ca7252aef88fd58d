/**
 * What the console's create and edit forms share: reading a field as the graph takes it (a blank field is left out,
 * so the graph's defaults apply), a labelled field with the graph's message beside it, a submission that remembers
 * what it created, and the button that retires or brings back what its owner made.
 */
import { useState, type ReactNode } from 'react';
import type { GraphError } from '../graph/client';
import { useAction } from '../graph/use-action';
import { ErrorNotice, FieldError } from './ErrorNotice';
import { useI18n } from './i18n';

/** The field's text, trimmed; undefined when blank. */
export const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
};
/** A whole number, as the clerk typed it (the graph refuses what is not one). */
export const whole = (form: FormData, name: string) => (text(form, name) === undefined ? undefined : Number(text(form, name)));
/** An amount of money as the graph takes it: the decimal the clerk typed, never a float. */
export const money = (form: FormData, name: string) => (text(form, name) === undefined ? undefined : { amount: text(form, name)! });
/** The options chosen in a multiple select; undefined when none is. */
export const chosen = (form: FormData, name: string) => {
  const values = form.getAll(name).map(String);
  return values.length ? values : undefined;
};

/** A form's action, and the name of what it last created (shown once it is). */
export function useSubmission() {
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const run = async (work: () => Promise<string>) => {
    setDone(null);
    setDone((await action.run(work)) ?? null);
  };
  return { busy: action.busy, error: action.error, done, run };
}

export function Field({ label, name, error, children }: { label: string; name: string; error: GraphError | null; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
      <FieldError error={error} field={name} />
    </label>
  );
}

/** Retires what is active (or stops it) and brings back what is not; `change` asks the graph, `onChanged` reloads. */
export function ActiveToggle({ active, change, onChanged }: { active: boolean; change(active: boolean): Promise<unknown>; onChanged(): void }) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <>
      <button
        type="button"
        disabled={action.busy}
        data-action={active ? 'retire' : 'revive'}
        onClick={() =>
          void action.run(async () => {
            await change(!active);
            onChanged();
          })
        }
      >
        {active ? t('retire') : t('revive')}
      </button>
      {action.error && <ErrorNotice error={action.error} />}
    </>
  );
}
