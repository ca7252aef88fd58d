/**
 * Creating a task (任务) from the benefits and tasks page, and stopping or restarting one. The form sends what the
 * clerk filled in (blank fields are left out, so the graph's rules per kind apply: a count for most kinds, an amount for
 * SPEND) and shows the graph's message beside the field it names.
 */
import type { FormEvent, ReactNode } from 'react';
import { graphql } from '../graphql';
import type { TaskKind, TaskWindow } from '../graphql/graphql';
import { useSession } from '../graph/session';
import { ErrorNotice } from '../parts/ErrorNotice';
import { ActiveToggle, Field, money, text, useSubmission, whole } from '../parts/forms';
import { useI18n, type Key } from '../parts/i18n';

const CreateTaskOperation = graphql(`
  mutation ConsoleCreateTask($input: TaskInput!) { createTask(input: $input) { task { id name } } }
`);

const UpdateTaskOperation = graphql(`
  mutation ConsoleUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { task { id active } } }
`);

/** The graph's names for the fields this form shows (a reward's are under `reward.`), and their labels. */
const FIELDS: Record<string, Key> = {
  name: 'name',
  kind: 'kind',
  goal: 'goal',
  goalAmount: 'goalAmount',
  minPaid: 'minPaid',
  window: 'taskWindow',
  'reward.points': 'points',
  'reward.growth': 'growth',
  'reward.couponTemplateId': 'couponTemplateId',
  'reward.badge.code': 'badgeCode',
  'reward.badge.name': 'badgeName',
};

export function CreateTaskForm({ templates, onCreated }: { templates: { id: string; name: string }[]; onCreated(): void }) {
  const { t, label } = useI18n();
  const { send } = useSession();
  const { busy, error, done, run } = useSubmission();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const badgeCode = text(form, 'reward.badge.code');
    void run(async () => {
      const { createTask } = await send(CreateTaskOperation, {
        input: {
          name: text(form, 'name') ?? '',
          kind: String(form.get('kind')) as TaskKind,
          goal: whole(form, 'goal'),
          goalAmount: money(form, 'goalAmount'),
          minPaid: money(form, 'minPaid'),
          window: String(form.get('window')) as TaskWindow,
          reward: {
            points: whole(form, 'reward.points'),
            growth: whole(form, 'reward.growth'),
            couponTemplateId: text(form, 'reward.couponTemplateId'),
            ...(badgeCode ? { badge: { code: badgeCode, name: text(form, 'reward.badge.name') ?? '' } } : {}),
          },
        },
      });
      onCreated();
      return createTask.task.name;
    });
  }

  const field = (name: string, children: ReactNode) => (
    <Field label={t(FIELDS[name]!)} name={name} error={error}>
      {children}
    </Field>
  );

  return (
    <form className="inline create" onSubmit={submit} aria-busy={busy} data-testid="create-task">
      {field('name', <input name="name" />)}
      {field(
        'kind',
        <select name="kind">
          {(['SIGN_IN_STREAK', 'PURCHASES', 'SPEND', 'NEW_MERCHANTS', 'REFERRALS'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {label('TaskKind', kind)}
            </option>
          ))}
        </select>,
      )}
      {field('goal', <input name="goal" type="number" />)}
      {field('goalAmount', <input name="goalAmount" inputMode="decimal" size={8} />)}
      {field('minPaid', <input name="minPaid" inputMode="decimal" size={6} />)}
      {field(
        'window',
        <select name="window">
          {(['ONCE', 'MONTH', 'CYCLE'] as const).map((window) => (
            <option key={window} value={window}>
              {label('TaskWindow', window)}
            </option>
          ))}
        </select>,
      )}
      {field('reward.points', <input name="reward.points" type="number" />)}
      {field('reward.growth', <input name="reward.growth" type="number" />)}
      {field(
        'reward.couponTemplateId',
        <select name="reward.couponTemplateId" defaultValue="">
          <option value="">—</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>,
      )}
      {field('reward.badge.code', <input name="reward.badge.code" size={12} />)}
      {field('reward.badge.name', <input name="reward.badge.name" size={8} />)}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('createTask')}
      </button>
      {error && !(error.field && error.field in FIELDS) && <ErrorNotice error={error} />}
      {done && (
        <span role="status" data-testid="task-created">
          {t('created', { name: done })}
        </span>
      )}
    </form>
  );
}

/** Stops an active task (no one completes it from now on; what was given stays) or starts a stopped one again. */
export function TaskActiveToggle({ id, active, onChanged }: { id: string; active: boolean; onChanged(): void }) {
  const { send } = useSession();
  return <ActiveToggle active={active} change={(to) => send(UpdateTaskOperation, { id, input: { active: to } })} onChanged={onChanged} />;
}
