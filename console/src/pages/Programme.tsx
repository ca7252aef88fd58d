/** HQ's programme: the tier ladder (editable, the graph's validation shown at the field), plans, each merchant's points rates. */
import { useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import type { ConsoleProgrammeQuery, ProgrammeCycle } from '../graphql/graphql';
import { useAction } from '../graph/use-action';
import { useSession } from '../graph/session';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';

const ProgrammeOperation = graphql(`
  query ConsoleProgramme {
    programme {
      cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints
      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description upgradeGiftCouponTemplate { id } }
      plans { code name price { amount } period pointsMultiplierBps active }
    }
    merchants { id name kind settlementTerms { canIssue canAccept commissionBps pointsPerYuan earnCostPer100Points burnValuePer100Points } }
  }
`);

const SetProgrammeOperation = graphql(`
  mutation ConsoleSetProgramme($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle tiers { code threshold } } } }
`);

const SetTermsOperation = graphql(`
  mutation ConsoleSetSettlementTerms($input: SettlementTermsInput!) {
    setSettlementTerms(input: $input) { merchant { id settlementTerms { pointsPerYuan earnCostPer100Points burnValuePer100Points commissionBps } } }
  }
`);

const SetPlanOperation = graphql(`
  mutation ConsoleSetMembershipPlan($input: MembershipPlanInput!) { setMembershipPlan(input: $input) { plan { code name price { amount } active } } }
`);

const TERMS_NUMBERS = ['pointsPerYuan', 'earnCostPer100Points', 'burnValuePer100Points', 'commissionBps'] as const;

const NUMBERS = ['growthPerYuan', 'pointsPerYuanBurn', 'signInGrowth', 'signInPoints'] as const;
const CYCLES = ['YEAR', 'QUARTER', 'MONTH'] as const;
const TIER_NUMBERS = ['threshold', 'pointsMultiplierBps', 'upgradeGiftPoints'] as const;

export function Programme() {
  const { t } = useI18n();
  const { send } = useSession();
  const { data, error, loading, reload } = useOperation(ProgrammeOperation, {});
  const saving = useAction();
  const saveError = saving.error;
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    const tiers = data!.programme.tiers.map((tier, i) => ({
      code: tier.code,
      name: String(form.get(`tiers.${i}.name`)),
      description: String(form.get(`tiers.${i}.description`)),
      upgradeGiftCouponTemplateId: tier.upgradeGiftCouponTemplate?.id ?? null,
      threshold: number(`tiers.${i}.threshold`),
      pointsMultiplierBps: number(`tiers.${i}.pointsMultiplierBps`),
      upgradeGiftPoints: number(`tiers.${i}.upgradeGiftPoints`),
    }));
    const numbers = Object.fromEntries(NUMBERS.map((field) => [field, Number(form.get(field))])) as Record<(typeof NUMBERS)[number], number>;
    setSaved(false);
    const done = await saving.run(() => send(SetProgrammeOperation, { input: { cycle: String(form.get('cycle')) as ProgrammeCycle, ...numbers, tiers } }));
    if (done) {
      setSaved(true);
      reload();
    }
  }

  const p = data?.programme;
  return (
    <section aria-busy={loading || saving.busy}>
      <h1>{t('programme')}</h1>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {p && (
        <form onSubmit={save} className="panel" data-testid="programme-form">
          <div className="inline">
            <label>
              {t('cycle')}
              <select name="cycle" defaultValue={p.cycle}>
                {CYCLES.map((cycle) => (
                  <option key={cycle} value={cycle}>
                    {t(`cycle${cycle}`)}
                  </option>
                ))}
              </select>
            </label>
            {NUMBERS.map((field) => (
              <label key={field}>
                {t(field)}
                <input name={field} type="number" defaultValue={p[field]} />
                <FieldError error={saveError} field={field} />
              </label>
            ))}
          </div>
          <h2>{t('tiers')}</h2>
          <table data-table="tiers">
            <thead>
              <tr>
                <th>{t('code')}</th>
                <th>{t('name')}</th>
                <th>{t('threshold')}</th>
                <th>{t('multiplier')} (bp)</th>
                <th>{t('giftPoints')}</th>
                <th>{t('tierWords')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tiers.map((tier, i) => (
                <tr key={tier.code}>
                  <td>{tier.code}</td>
                  <td>
                    <input name={`tiers.${i}.name`} defaultValue={tier.name} />
                    <FieldError error={saveError} field={`tiers.${i}.name`} />
                  </td>
                  {TIER_NUMBERS.map((field) => (
                    <td key={field}>
                      <input name={`tiers.${i}.${field}`} type="number" defaultValue={tier[field]} />
                      <FieldError error={saveError} field={`tiers.${i}.${field}`} />
                    </td>
                  ))}
                  <td>
                    <input name={`tiers.${i}.description`} defaultValue={tier.description} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {saveError && !saveError.field?.startsWith('tiers.') && !NUMBERS.includes(saveError.field as (typeof NUMBERS)[number]) && (
            <ErrorNotice error={saveError} />
          )}
          <button type="submit" className="primary" disabled={saving.busy}>
            {saving.busy ? t('saving') : t('save')}
          </button>
          {saved && (
            <span role="status" data-testid="saved">
              {t('saved')}
            </span>
          )}
        </form>
      )}
      {p && <Plans plans={p.plans} />}
      {data && <PointsRates merchants={data.merchants} />}
    </section>
  );
}

/** A table whose rows save one at a time: which row the last save was of, so its refusal or its "saved" shows there. */
function useRowSave() {
  const action = useAction();
  const [row, setRow] = useState<{ key: string; saved: boolean } | null>(null);
  async function save(key: string, work: () => Promise<unknown>) {
    setRow({ key, saved: false });
    const done = await action.run(work);
    setRow({ key, saved: done !== undefined });
  }
  return { action, row, save };
}

type Plan = NonNullable<ConsoleProgrammeQuery['programme']>['plans'][number];

/** Each plan editable on its own row; the graph's message beside the field it names. */
function Plans({ plans }: { plans: Plan[] }) {
  const { t, label } = useI18n();
  const { send } = useSession();
  const { action, row, save: saveRow } = useRowSave();

  function save(plan: Plan, form: HTMLFormElement) {
    const values = new FormData(form);
    return saveRow(plan.code, () =>
      send(SetPlanOperation, {
        input: {
          code: plan.code,
          name: String(values.get('name')),
          price: { amount: String(values.get('price')) },
          period: plan.period,
          pointsMultiplierBps: Number(values.get('pointsMultiplierBps')),
          active: values.get('active') === 'on',
        },
      }),
    );
  }

  return (
    <div className="panel">
      <h2>{t('plans')}</h2>
      <table data-table="plans">
        <thead>
          <tr>
            <th>{t('code')}</th>
            <th>{t('name')}</th>
            <th>{t('price')}</th>
            <th>{t('cycle')}</th>
            <th>{t('multiplier')} (bp)</th>
            <th>{t('status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => {
            const error = row?.key === plan.code ? action.error : null;
            const formId = `plan-${plan.code}`;
            return (
              <tr key={plan.code} data-plan={plan.code}>
                <td>
                  {plan.code}
                  <form
                    id={formId}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void save(plan, e.currentTarget);
                    }}
                  />
                </td>
                <td>
                  <input form={formId} name="name" defaultValue={plan.name} />
                  <FieldError error={error} field="name" />
                </td>
                <td>
                  <input form={formId} name="price" defaultValue={plan.price.amount} inputMode="decimal" />
                  <FieldError error={error} field="price" />
                </td>
                <td>{label('PlanPeriod', plan.period)}</td>
                <td>
                  <input form={formId} name="pointsMultiplierBps" type="number" defaultValue={plan.pointsMultiplierBps} />
                  <FieldError error={error} field="pointsMultiplierBps" />
                </td>
                <td>
                  <input form={formId} name="active" type="checkbox" defaultChecked={plan.active} />
                </td>
                <td>
                  <button form={formId} type="submit" disabled={action.busy}>
                    {action.busy && row?.key === plan.code ? t('saving') : t('save')}
                  </button>
                  {row?.key === plan.code && row.saved && <span role="status"> {t('saved')}</span>}
                  {error && !['name', 'price', 'pointsMultiplierBps'].includes(error.field ?? '') && <ErrorNotice error={error} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type MerchantTerms = ConsoleProgrammeQuery['merchants'][number];

/** Each merchant's points rates (its settlement terms), editable on its row. */
function PointsRates({ merchants }: { merchants: MerchantTerms[] }) {
  const { t } = useI18n();
  const { send } = useSession();
  const { action, row, save: saveRow } = useRowSave();

  function save(merchant: MerchantTerms, form: HTMLFormElement) {
    const values = new FormData(form);
    const numbers = Object.fromEntries(TERMS_NUMBERS.map((field) => [field, Number(values.get(field))])) as Record<(typeof TERMS_NUMBERS)[number], number>;
    return saveRow(merchant.id, () =>
      send(SetTermsOperation, {
        input: { merchantId: merchant.id, canIssue: merchant.settlementTerms.canIssue, canAccept: merchant.settlementTerms.canAccept, ...numbers },
      }),
    );
  }

  return (
    <div className="panel">
      <h2>{t('pointsRates')}</h2>
      <table data-table="points-rates">
        <thead>
          <tr>
            <th>{t('merchant')}</th>
            <th>{t('pointsPerYuan')}</th>
            <th>{t('earnCost')} (分)</th>
            <th>{t('burnValue')} (分)</th>
            <th>{t('commission')} (bp)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {merchants.map((m) => {
            const error = row?.key === m.id ? action.error : null;
            const formId = `terms-${m.id}`;
            return (
              <tr key={m.id} data-merchant={m.id}>
                <td>
                  {m.name}
                  <form
                    id={formId}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void save(m, e.currentTarget);
                    }}
                  />
                </td>
                {TERMS_NUMBERS.map((field) => (
                  <td key={field}>
                    <input form={formId} name={field} type="number" defaultValue={m.settlementTerms[field]} />
                    <FieldError error={error} field={field} />
                  </td>
                ))}
                <td>
                  <button form={formId} type="submit" disabled={action.busy}>
                    {action.busy && row?.key === m.id ? t('saving') : t('save')}
                  </button>
                  {row?.key === m.id && row.saved && (
                    <span role="status" data-testid="terms-saved">
                      {' '}
                      {t('saved')}
                    </span>
                  )}
                  {error && !(TERMS_NUMBERS as readonly string[]).includes(error.field ?? '') && <ErrorNotice error={error} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
