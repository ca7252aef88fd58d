/**
 * Benefits (权益) and tasks (任务) for a month: per benefit, who held it, who used it and what it cost against its
 * budget (权益使用率, 权益成本); per tier, what its benefits cost against what its members paid; the tasks in force.
 * HQ sees every owner's, a merchant its own and HQ's it co-funds or accepts (the graph decides, docs/access.md).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import { useOperation } from '../graph/use-operation';
import { DatabaseAsOf } from '../parts/DatabaseAsOf';
import { ErrorNotice } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { Chart } from '../parts/Chart';
import { count, fenOf, yuan } from '../parts/money';
import { today } from '../parts/dates';
import { useSession } from '../graph/session';
import { BenefitActiveToggle, CreateBenefitForm, EditBenefitForm } from './benefit-forms';
import { CreateTaskForm, TaskActiveToggle } from './task-forms';

const BenefitsOperation = graphql(`
  query ConsoleBenefits($month: String!) {
    benefitUsage(month: $month) {
      benefit { id name kind owner { id name } }
      entitled
      users
      uses
      usageRateBps
      cost { amount }
      budget { amount }
      budgetUsed { amount }
    }
    tierBenefitCost(month: $month) { tier { code name } benefitCost { amount } paid { amount } costRateBps databaseAsOf }
    tasks { id name kind goal window active owner { id name } completions members pointsGranted growthGranted }
    benefits { id name kind active owner { id name } tiers { code } plans { code } }
    programme { tiers { code name } plans { code name } }
    couponTemplates { id name owner { id } }
    merchants { id name }
  }
`);

/** Basis points as a percentage with two decimals, exact (no float): 1234 → "12.34%". */
const bps = (value: number | null | undefined) => (value == null ? '—' : `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}%`);

/** What the matrix reads of a benefit: the tiers and plans that carry it. */
type MatrixBenefit = { tiers: { code: string }[]; plans: { code: string }[] };

export function Benefits() {
  const { t, label } = useI18n();
  const [month, setMonth] = useState(today().slice(0, 7));
  const { data, error, loading, reload } = useOperation(BenefitsOperation, { month });
  const { session } = useSession();
  const [editing, setEditing] = useState<string | null>(null);

  // The matrix's columns: the tiers, then the plans, each saying whether it carries a benefit.
  const carriers = useMemo(
    () =>
      data
        ? [
            ...data.programme.tiers.map((tier) => ({
              key: `tier:${tier.code}`,
              name: tier.name,
              carries: (b: MatrixBenefit) => b.tiers.some((x) => x.code === tier.code),
            })),
            ...data.programme.plans.map((plan) => ({
              key: `plan:${plan.code}`,
              name: plan.name,
              carries: (b: MatrixBenefit) => b.plans.some((x) => x.code === plan.code),
            })),
          ]
        : [],
    [data],
  );

  // Yuan as numbers only for the bars' lengths; the labels show the exact decimal the graph sent.
  const costChart = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 160, right: 110 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: data.benefitUsage.map((u) => u.benefit.name) },
        series: [
          {
            type: 'bar',
            data: data.benefitUsage.map((u) => ({
              value: Number(fenOf(u.cost.amount)) / 100,
              label: { show: true, position: 'right', formatter: yuan(u.cost.amount) },
            })),
          },
        ],
      },
    [data],
  );

  // What this caller owns (HQ's have no owner): the graph lets only a benefit's or a task's owner change it, and a pack
  // or a task's reward gives coupons of its owner's own templates.
  const ownedHere = (owner: { id: string } | null | undefined) => (owner?.id ?? null) === (session?.merchant?.id ?? null);
  const ownTemplates = data ? data.couponTemplates.filter((c) => ownedHere(c.owner)) : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMonth(String(new FormData(event.currentTarget).get('month')));
  }

  return (
    <section aria-busy={loading}>
      <h1>{t('benefits')}</h1>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('month')}
          <input name="month" type="month" defaultValue={month} required />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {data && (
        <>
          <h2>{t('benefitMatrix')}</h2>
          <table data-table="benefit-matrix">
            <thead>
              <tr>
                <th>{t('benefit')}</th>
                <th>{t('kind')}</th>
                <th>{t('owner')}</th>
                {carriers.map((carrier) => (
                  <th key={carrier.key}>{carrier.name}</th>
                ))}
                <th>{t('active')}</th>
              </tr>
            </thead>
            <tbody>
              {data.benefits.map((b) => (
                <tr key={b.id} data-benefit={b.id} className={b.active ? undefined : 'retired'}>
                  <td>
                    {b.name}
                    {!b.active && ` (${t('retired')})`}
                  </td>
                  <td>{label('BenefitKind', b.kind)}</td>
                  <td>{b.owner?.name ?? t('hq')}</td>
                  {carriers.map((carrier) => (
                    <td key={carrier.key} data-cell={carrier.key} className="mark">
                      {carrier.carries(b) ? '✓' : ''}
                    </td>
                  ))}
                  <td>
                    {ownedHere(b.owner) && (
                      <>
                        <BenefitActiveToggle id={b.id} active={b.active} onChanged={reload} />
                        <button type="button" data-action="edit" onClick={() => setEditing(b.id)}>
                          {t('edit')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          {data.benefits
            .filter((b) => b.id === editing)
            .map((b) => (
              <EditBenefitForm
                key={b.id}
                benefit={b}
                choices={data.programme}
                onSaved={() => {
                  setEditing(null);
                  reload();
                }}
              />
            ))}
          <CreateBenefitForm
            choices={{
              tiers: data.programme.tiers,
              plans: data.programme.plans,
              templates: ownTemplates,
              merchants: data.merchants,
            }}
            onCreated={reload}
          />

          <h2>{t('benefitUsage')}</h2>
          <table data-table="benefit-usage">
            <thead>
              <tr>
                <th>{t('benefit')}</th>
                <th>{t('kind')}</th>
                <th>{t('owner')}</th>
                <th>{t('entitled')}</th>
                <th>{t('users')}</th>
                <th>{t('uses')}</th>
                <th>{t('usageRate')}</th>
                <th>{t('cost')}</th>
                <th>{t('budgetUsed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.benefitUsage.map((u) => (
                <tr key={u.benefit.id} data-benefit={u.benefit.id}>
                  <td>{u.benefit.name}</td>
                  <td>{label('BenefitKind', u.benefit.kind)}</td>
                  <td>{u.benefit.owner?.name ?? t('hq')}</td>
                  <td data-cell="entitled">{count(u.entitled)}</td>
                  <td data-cell="users">{count(u.users)}</td>
                  <td data-cell="uses">{count(u.uses)}</td>
                  <td data-cell="usage-rate">{bps(u.usageRateBps)}</td>
                  <td data-cell="cost">{yuan(u.cost.amount)}</td>
                  <td data-cell="budget-used">
                    {yuan(u.budgetUsed.amount)}
                    {u.budget && ` / ${yuan(u.budget.amount)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.benefitUsage.length === 0 && <p data-testid="no-benefits">{t('noBenefits')}</p>}
          {costChart && data.benefitUsage.length > 0 && <Chart name="benefit-cost" option={costChart} height={60 + 32 * data.benefitUsage.length} />}

          <h2>{t('benefitCostPerTier')}</h2>
          <table data-table="tier-benefit-cost">
            <thead>
              <tr>
                <th>{t('tier')}</th>
                <th>{t('benefitCost')}</th>
                <th>{t('paidByMembers')}</th>
                <th>{t('costRate')}</th>
              </tr>
            </thead>
            <tbody>
              {data.tierBenefitCost.map((c) => (
                <tr key={c.tier.code} data-tier={c.tier.code}>
                  <td>{c.tier.name}</td>
                  <td data-cell="benefit-cost">{yuan(c.benefitCost.amount)}</td>
                  <td data-cell="paid">{yuan(c.paid.amount)}</td>
                  <td data-cell="cost-rate">{bps(c.costRateBps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">
            <DatabaseAsOf name="tier-benefit-cost" instant={data.tierBenefitCost[0]?.databaseAsOf} />
          </p>

          <h2>{t('tasks')}</h2>
          <table data-table="tasks">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('kind')}</th>
                <th>{t('goal')}</th>
                <th>{t('taskWindow')}</th>
                <th>{t('owner')}</th>
                <th>{t('active')}</th>
                <th>{t('completions')}</th>
                <th>{t('completedBy')}</th>
                <th>{t('pointsGranted')}</th>
                <th>{t('growthGranted')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {data.tasks.map((task) => (
                <tr key={task.id} data-task={task.id}>
                  <td>{task.name}</td>
                  <td>{label('TaskKind', task.kind)}</td>
                  <td>{task.goal == null ? '—' : count(task.goal)}</td>
                  <td>{label('TaskWindow', task.window)}</td>
                  <td>{task.owner?.name ?? t('hq')}</td>
                  <td>{task.active ? t('yes') : t('no')}</td>
                  <td data-cell="completions">{count(task.completions)}</td>
                  <td data-cell="members">{count(task.members)}</td>
                  <td data-cell="points">{count(task.pointsGranted)}</td>
                  <td data-cell="growth">{count(task.growthGranted)}</td>
                  <td>{ownedHere(task.owner) && <TaskActiveToggle id={task.id} active={task.active} onChanged={reload} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CreateTaskForm templates={ownTemplates} onCreated={reload} />
        </>
      )}
    </section>
  );
}
