/** HQ's programme: the tier ladder (editable, the graph's validation shown at the field), plans, each merchant's points rates. */
import { useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import type { ProgrammeCycle } from '../graphql/graphql';
import { GraphError } from '../graph/client';
import { useSession } from '../graph/session';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { yuan } from '../parts/money';

const ProgrammeOperation = graphql(`
  query ConsoleProgramme {
    programme {
      cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints
      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints benefits upgradeGiftCouponTemplate { id } }
      plans { code name price { amount } period pointsMultiplierBps active }
    }
    merchants { id name kind settlementTerms { canIssue canAccept commissionBps pointsPerYuan earnCostPer100Points burnValuePer100Points } }
  }
`);

const SetProgrammeOperation = graphql(`
  mutation ConsoleSetProgramme($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle tiers { code threshold } } } }
`);

const NUMBERS = ['growthPerYuan', 'pointsPerYuanBurn', 'signInGrowth', 'signInPoints'] as const;
const TIER_NUMBERS = ['threshold', 'pointsMultiplierBps', 'upgradeGiftPoints'] as const;

export function Programme() {
  const { t } = useI18n();
  const { send } = useSession();
  const { data, error, loading, reload } = useOperation(ProgrammeOperation, {});
  const [saveError, setSaveError] = useState<GraphError | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    const tiers = data!.programme.tiers.map((tier, i) => ({
      code: tier.code,
      name: String(form.get(`tiers.${i}.name`)),
      benefits: String(form.get(`tiers.${i}.benefits`)),
      upgradeGiftCouponTemplateId: tier.upgradeGiftCouponTemplate?.id ?? null,
      threshold: number(`tiers.${i}.threshold`),
      pointsMultiplierBps: number(`tiers.${i}.pointsMultiplierBps`),
      upgradeGiftPoints: number(`tiers.${i}.upgradeGiftPoints`),
    }));
    const numbers = Object.fromEntries(NUMBERS.map((field) => [field, Number(form.get(field))])) as Record<(typeof NUMBERS)[number], number>;
    setState('saving');
    setSaveError(null);
    try {
      await send(SetProgrammeOperation, { input: { cycle: String(form.get('cycle')) as ProgrammeCycle, ...numbers, tiers } });
      setState('saved');
      reload();
    } catch (caught) {
      setSaveError(caught instanceof GraphError ? caught : new GraphError('NETWORK', String(caught)));
      setState('idle');
    }
  }

  const p = data?.programme;
  return (
    <section aria-busy={loading || state === 'saving'}>
      <h1>{t('programme')}</h1>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {p && (
        <form onSubmit={save} className="panel" data-testid="programme-form">
          <div className="inline">
            <label>{t('cycle')}<select name="cycle" defaultValue={p.cycle}><option>YEAR</option><option>QUARTER</option><option>MONTH</option></select></label>
            {NUMBERS.map((field) => (
              <label key={field}>{field === 'growthPerYuan' ? t('growthPerYuan') : field}
                <input name={field} type="number" defaultValue={p[field]} /><FieldError error={saveError} field={field} />
              </label>
            ))}
          </div>
          <h2>{t('tiers')}</h2>
          <table data-table="tiers">
            <thead><tr><th>{t('code')}</th><th>{t('name')}</th><th>{t('threshold')}</th><th>{t('multiplier')} (bp)</th><th>{t('giftPoints')}</th><th>{t('benefits')}</th></tr></thead>
            <tbody>
              {p.tiers.map((tier, i) => (
                <tr key={tier.code}>
                  <td>{tier.code}</td>
                  <td><input name={`tiers.${i}.name`} defaultValue={tier.name} /><FieldError error={saveError} field={`tiers.${i}.name`} /></td>
                  {TIER_NUMBERS.map((field) => (
                    <td key={field}><input name={`tiers.${i}.${field}`} type="number" defaultValue={tier[field]} /><FieldError error={saveError} field={`tiers.${i}.${field}`} /></td>
                  ))}
                  <td><input name={`tiers.${i}.benefits`} defaultValue={tier.benefits} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {saveError && !saveError.field?.startsWith('tiers.') && !NUMBERS.includes(saveError.field as (typeof NUMBERS)[number]) && <ErrorNotice error={saveError} />}
          <button type="submit" className="primary" disabled={state === 'saving'}>{state === 'saving' ? t('saving') : t('save')}</button>
          {state === 'saved' && <span role="status" data-testid="saved">{t('saved')}</span>}
        </form>
      )}
      {p && (
        <div className="panel">
          <h2>{t('plans')}</h2>
          <table data-table="plans">
            <thead><tr><th>{t('code')}</th><th>{t('name')}</th><th>{t('price')}</th><th>{t('cycle')}</th><th>{t('multiplier')} (bp)</th><th>{t('status')}</th></tr></thead>
            <tbody>{p.plans.map((plan) => <tr key={plan.code}><td>{plan.code}</td><td>{plan.name}</td><td className="num">{yuan(plan.price.amount)}</td><td>{plan.period}</td><td>{plan.pointsMultiplierBps}</td><td>{plan.active ? '✓' : '—'}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      {data && (
        <div className="panel">
          <h2>{t('pointsRates')}</h2>
          <table data-table="points-rates">
            <thead><tr><th>{t('merchant')}</th><th>{t('pointsPerYuan')}</th><th>{t('earnCost')}</th><th>{t('burnValue')}</th><th>{t('commission')} (bp)</th></tr></thead>
            <tbody>{data.merchants.map((m) => (
              <tr key={m.id}><td>{m.name}</td><td>{m.settlementTerms.pointsPerYuan}</td><td>{m.settlementTerms.earnCostPer100Points} 分</td><td>{m.settlementTerms.burnValuePer100Points} 分</td><td>{m.settlementTerms.commissionBps}</td></tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
