/**
 * Creating a benefit (权益) from the benefits page, changing the tiers, plans and budget of one, and retiring or
 * reviving one. The form sends what the clerk filled in (blank fields are left out, so the graph's defaults and its
 * rules per kind apply: a discount's percentage, a pack's template and count, a service's monthly uses) and shows the
 * graph's message beside the field it names.
 */
import type { FormEvent, ReactNode } from 'react';
import { graphql } from '../graphql';
import type { BenefitKind, BenefitOccasion } from '../graphql/graphql';
import type { GraphError } from '../graph/client';
import { useAction } from '../graph/use-action';
import { useSession } from '../graph/session';
import { ErrorNotice } from '../parts/ErrorNotice';
import { ActiveToggle, Field, chosen, money, text, useSubmission, whole } from '../parts/forms';
import { useI18n, type Key } from '../parts/i18n';

const CreateBenefitOperation = graphql(`
  mutation ConsoleCreateBenefit($input: BenefitInput!) { createBenefit(input: $input) { benefit { id name } } }
`);

const UpdateBenefitOperation = graphql(`
  mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { id active } } }
`);

/** The fields this form shows, named as the graph names them and labelled by the same i18n key: a refusal naming another is shown under the form. */
const FIELDS: Key[] = [
  'name',
  'kind',
  'tiers',
  'plans',
  'percentOff',
  'maxDiscount',
  'minOrder',
  'couponTemplateId',
  'count',
  'points',
  'occasion',
  'usesPerMonth',
  'costPerUse',
  'monthlyBudget',
  'acceptedBy',
];

/** A multiple select of codes (tiers, plans, merchants), labelled by its field's name, with the graph's message beside it. */
function SeveralOf({
  name,
  options,
  preset = [],
  error,
}: {
  name: Key;
  options: { value: string; name: string }[];
  preset?: string[];
  error: GraphError | null;
}) {
  const { t } = useI18n();
  return (
    <Field label={t(name)} name={name} error={error}>
      <select name={name} multiple size={Math.min(4, Math.max(2, options.length))} defaultValue={preset}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

const codesOf = (items: { code: string; name: string }[]) => items.map((item) => ({ value: item.code, name: item.name }));

interface Choices {
  tiers: { code: string; name: string }[];
  plans: { code: string; name: string }[];
  templates: { id: string; name: string }[];
  merchants: { id: string; name: string }[];
}

export function CreateBenefitForm({ choices, onCreated }: { choices: Choices; onCreated(): void }) {
  const { t, label } = useI18n();
  const { send, session } = useSession();
  const { busy, error, done, run } = useSubmission();
  const isHq = session?.role === 'HQ';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      const { createBenefit } = await send(CreateBenefitOperation, {
        input: {
          name: text(form, 'name') ?? '',
          kind: String(form.get('kind')) as BenefitKind,
          tiers: chosen(form, 'tiers'),
          plans: chosen(form, 'plans'),
          percentOff: whole(form, 'percentOff'),
          maxDiscount: money(form, 'maxDiscount'),
          minOrder: money(form, 'minOrder'),
          couponTemplateId: text(form, 'couponTemplateId'),
          count: whole(form, 'count'),
          points: whole(form, 'points'),
          occasion: text(form, 'occasion') as BenefitOccasion | undefined,
          usesPerMonth: whole(form, 'usesPerMonth'),
          costPerUse: money(form, 'costPerUse'),
          monthlyBudget: money(form, 'monthlyBudget'),
          acceptedBy: chosen(form, 'acceptedBy'),
        },
      });
      onCreated();
      return createBenefit.benefit.name;
    });
  }

  const field = (name: Key, children: ReactNode) => (
    <Field label={t(name)} name={name} error={error}>
      {children}
    </Field>
  );

  return (
    <form className="inline create" onSubmit={submit} aria-busy={busy} data-testid="create-benefit">
      {field('name', <input name="name" />)}
      {field(
        'kind',
        <select name="kind">
          {(['DISCOUNT', 'COUPON_PACK', 'POINTS_GIFT', 'SERVICE'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {label('BenefitKind', kind)}
            </option>
          ))}
        </select>,
      )}
      <SeveralOf name="tiers" options={codesOf(choices.tiers)} error={error} />
      <SeveralOf name="plans" options={codesOf(choices.plans)} error={error} />
      {field('percentOff', <input name="percentOff" type="number" />)}
      {field('maxDiscount', <input name="maxDiscount" inputMode="decimal" size={6} />)}
      {field('minOrder', <input name="minOrder" inputMode="decimal" size={6} />)}
      {field(
        'couponTemplateId',
        <select name="couponTemplateId" defaultValue="">
          <option value="">—</option>
          {choices.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>,
      )}
      {field('count', <input name="count" type="number" />)}
      {field('points', <input name="points" type="number" />)}
      {field(
        'occasion',
        <select name="occasion" defaultValue="">
          <option value="">—</option>
          {(['MONTHLY', 'BIRTHDAY', 'ANNIVERSARY', 'ON_REACHING'] as const).map((occasion) => (
            <option key={occasion} value={occasion}>
              {label('BenefitOccasion', occasion)}
            </option>
          ))}
        </select>,
      )}
      {field('usesPerMonth', <input name="usesPerMonth" type="number" />)}
      {field('costPerUse', <input name="costPerUse" inputMode="decimal" size={6} />)}
      {field('monthlyBudget', <input name="monthlyBudget" inputMode="decimal" size={8} />)}
      {isHq && <SeveralOf name="acceptedBy" options={choices.merchants.map((m) => ({ value: m.id, name: m.name }))} error={error} />}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('createBenefit')}
      </button>
      {error && !FIELDS.includes((error.field ?? '') as Key) && <ErrorNotice error={error} />}
      {done && (
        <span role="status" data-testid="benefit-created">
          {t('created', { name: done })}
        </span>
      )}
    </form>
  );
}

/**
 * Changes which tiers and plans carry a benefit, and its monthly budget (left blank, the budget stays; "no budget"
 * removes it). Members gain or lose it as the graph says (docs/benefits.md).
 */
export function EditBenefitForm({
  benefit,
  choices,
  onSaved,
}: {
  benefit: { id: string; name: string; tiers: { code: string }[]; plans: { code: string }[] };
  choices: Pick<Choices, 'tiers' | 'plans'>;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { send } = useSession();
  const { error, busy, run } = useAction();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = money(form, 'monthlyBudget');
    void run(async () => {
      await send(UpdateBenefitOperation, {
        id: benefit.id,
        // Every tier or plan unticked is a list of none: the benefit is carried by none of them.
        input: {
          tiers: form.getAll('tiers').map(String),
          plans: form.getAll('plans').map(String),
          ...(form.get('noBudget') ? { monthlyBudget: null } : budget ? { monthlyBudget: budget } : {}),
        },
      });
      onSaved();
    });
  }
  return (
    <form className="inline" onSubmit={submit} aria-busy={busy} data-testid="edit-benefit" data-benefit={benefit.id}>
      <strong>{benefit.name}</strong>
      <SeveralOf name="tiers" options={codesOf(choices.tiers)} preset={benefit.tiers.map((x) => x.code)} error={error} />
      <SeveralOf name="plans" options={codesOf(choices.plans)} preset={benefit.plans.map((x) => x.code)} error={error} />
      <Field label={t('monthlyBudget')} name="monthlyBudget" error={error}>
        <input name="monthlyBudget" inputMode="decimal" size={8} />
      </Field>
      <label>
        <input name="noBudget" type="checkbox" /> {t('noBudget')}
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
      {error && !['tiers', 'plans', 'monthlyBudget'].includes(error.field ?? '') && <ErrorNotice error={error} />}
    </form>
  );
}

/** Retires an active benefit (members keep nothing more of it from now on) or brings a retired one back. */
export function BenefitActiveToggle({ id, active, onChanged }: { id: string; active: boolean; onChanged(): void }) {
  const { send } = useSession();
  return <ActiveToggle active={active} change={(to) => send(UpdateBenefitOperation, { id, input: { active: to } })} onChanged={onChanged} />;
}
