/**
 * Creating a benefit (权益) from the benefits page, changing the tiers, plans and budget of one, and retiring or
 * reviving one. The form sends what the clerk filled
 * in (blank fields are left out, so the graph's defaults and its rules per kind apply: a discount's percentage, a
 * pack's template and count, a service's monthly uses) and shows the graph's message beside the field it names.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { graphql } from '../graphql';
import type { BenefitKind, BenefitOccasion } from '../graphql/graphql';
import { useAction } from '../graph/use-action';
import { useSession } from '../graph/session';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n, type Key } from '../parts/i18n';

const CreateBenefitOperation = graphql(`
  mutation ConsoleCreateBenefit($input: BenefitInput!) { createBenefit(input: $input) { benefit { id name } } }
`);

const UpdateBenefitOperation = graphql(`
  mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { id active } } }
`);

const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
};
const whole = (form: FormData, name: string) => (text(form, name) === undefined ? undefined : Number(text(form, name)));
const money = (form: FormData, name: string) => (text(form, name) === undefined ? undefined : { amount: text(form, name)! });
const codes = (form: FormData, name: string) => {
  const chosen = form.getAll(name).map(String);
  return chosen.length ? chosen : undefined;
};

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

interface Choices {
  tiers: { code: string; name: string }[];
  plans: { code: string; name: string }[];
  templates: { id: string; name: string }[];
  merchants: { id: string; name: string }[];
}

export function CreateBenefitForm({ choices, onCreated }: { choices: Choices; onCreated(): void }) {
  const { t, label } = useI18n();
  const { send, session } = useSession();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const { error, busy } = action;
  const isHq = session?.role === 'HQ';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDone(null);
    void action
      .run(async () => {
        const { createBenefit } = await send(CreateBenefitOperation, {
          input: {
            name: text(form, 'name') ?? '',
            kind: String(form.get('kind')) as BenefitKind,
            tiers: codes(form, 'tiers'),
            plans: codes(form, 'plans'),
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
            acceptedBy: codes(form, 'acceptedBy'),
          },
        });
        onCreated();
        return createBenefit.benefit.name;
      })
      .then((name) => setDone(name ?? null));
  }

  const field = (name: Key, children: ReactNode) => (
    <label>
      {t(name)}
      {children}
      <FieldError error={error} field={name} />
    </label>
  );
  const several = (name: Key, options: { value: string; name: string }[]) =>
    field(
      name,
      <select name={name} multiple size={Math.min(4, Math.max(2, options.length))}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.name}
          </option>
        ))}
      </select>,
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
      {several(
        'tiers',
        choices.tiers.map((tier) => ({ value: tier.code, name: tier.name })),
      )}
      {several(
        'plans',
        choices.plans.map((plan) => ({ value: plan.code, name: plan.name })),
      )}
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
      {isHq &&
        several(
          'acceptedBy',
          choices.merchants.map((m) => ({ value: m.id, name: m.name })),
        )}
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
  const action = useAction();
  const { error, busy } = action;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const budget = form.get('noBudget') ? { monthlyBudget: null } : money(form, 'monthlyBudget') ? { monthlyBudget: money(form, 'monthlyBudget') } : {};
    void action
      .run(async () => {
        await send(UpdateBenefitOperation, {
          id: benefit.id,
          input: { tiers: form.getAll('tiers').map(String), plans: form.getAll('plans').map(String), ...budget },
        });
        onSaved();
        return benefit.id;
      })
      .then(() => undefined);
  }
  const several = (name: 'tiers' | 'plans', options: { code: string; name: string }[], chosen: { code: string }[]) => (
    <label>
      {t(name)}
      <select name={name} multiple size={Math.min(4, Math.max(2, options.length))} defaultValue={chosen.map((c) => c.code)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
      <FieldError error={error} field={name} />
    </label>
  );
  return (
    <form className="inline" onSubmit={submit} aria-busy={busy} data-testid="edit-benefit" data-benefit={benefit.id}>
      <strong>{benefit.name}</strong>
      {several('tiers', choices.tiers, benefit.tiers)}
      {several('plans', choices.plans, benefit.plans)}
      <label>
        {t('monthlyBudget')}
        <input name="monthlyBudget" inputMode="decimal" size={8} />
        <FieldError error={error} field="monthlyBudget" />
      </label>
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
  const { t } = useI18n();
  const { send } = useSession();
  const action = useAction();
  return (
    <>
      <button
        type="button"
        disabled={action.busy}
        data-action={active ? 'retire' : 'revive'}
        onClick={() =>
          void action.run(async () => {
            await send(UpdateBenefitOperation, { id, input: { active: !active } });
            onChanged();
            return id;
          })
        }
      >
        {active ? t('retire') : t('revive')}
      </button>
      {action.error && <ErrorNotice error={action.error} />}
    </>
  );
}
