/**
 * A benefit's monthly budget (docs/benefits.md "Budget"). A member discount and a service use are promises made at a
 * till: they never stop for a budget, but their cost counts against it, and the owner's webhook hears BENEFIT_BUDGET
 * once at 80% and once at 100% of a month's budget. The count is not kept in the movement (one row per benefit that
 * every till of the coalition would wait on): a movement of a budgeted benefit queues one check per benefit and month
 * beside the request (a check already waiting is replaced), and the check sums the month's cost from the journal: each
 * funder's share of what was given, less what refunds in the month gave back (a refund's change counts in its month).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { formatDecimal, type Fen } from '../../../../lib/money.js';
import { parsePeriod, periodOf, type Period, type QueuedJob, type TransactionRecord } from '../../ledger/index.js';
import { queueDeliveries } from '../webhooks/webhooks.js';

export const BENEFIT_BUDGET_TASK = 'benefit-budget';

export interface BudgetCheck {
  benefitId: string;
  /** The month, "2026-11", in the coalition's time zone. */
  period: string;
}

/**
 * The month's check to queue after a movement that gave (or gave back) a budgeted benefit, or a bulk movement's range of
 * its gifts, in the movement's transaction.
 */
export function budgetCheckJob(transaction: Pick<TransactionRecord, 'benefitId' | 'occurredAt'>, timeZone: string): QueuedJob | null {
  if (transaction.benefitId === null) return null;
  const check: BudgetCheck = { benefitId: transaction.benefitId, period: periodOf(transaction.occurredAt, timeZone).label };
  return {
    task: BENEFIT_BUDGET_TASK,
    payload: check,
    key: `${BENEFIT_BUDGET_TASK}:${check.benefitId}:${check.period}`,
    when: sql`exists (select 1 from wallet.benefit where id = ${check.benefitId}::uuid and monthly_budget is not null)`,
  };
}

/**
 * What a benefit's month has used of its budget, written once for the notices, the grants and the figures: what its
 * discounts' and services' funders paid in the month, net of the month's refunds, and its grants of the month at face
 * value (a pack's coupons, a gift's points at their burn value). `benefit`: its id, bound or a column.
 */
export function budgetUsedSql(benefit: Sql, month: Period): Sql {
  return sql`((select coalesce(sum(e.amount), 0) from wallet.journal_transaction t
      join wallet.journal_entry e on e.transaction_id = t.id and e.occurred_at = t.occurred_at and e.account = 'BENEFIT_FUNDED'
      where t.benefit_id = ${benefit} and t.occurred_at >= ${month.startsAt}::timestamptz and t.occurred_at < ${month.endsAt}::timestamptz)
    + (select coalesce(sum(g.value), 0) from wallet.benefit_grant g where g.benefit_id = ${benefit} and g.month = ${month.label + '-01'}::date))`;
}

/** What a benefit has used of a month's budget, before a grant decides what fits. */
export async function monthSpent(em: EntityManager, benefitId: string, month: Period): Promise<Fen> {
  const rows: { value: string }[] = await executeSql(em, sql`select ${budgetUsedSql(sql`${benefitId}::uuid`, month)} as value`);
  return BigInt(rows[0]!.value);
}

/** The thresholds announced, in percent of the budget. */
const THRESHOLDS = [80, 100] as const;

/** The check's work: the month's cost, and a notice (with its webhook delivery) for each threshold it has reached, once. */
export async function checkBenefitBudget(em: EntityManager, now: Date, timeZone: string, check: BudgetCheck): Promise<number[]> {
  const month = parsePeriod(check.period, timeZone);
  return em.transactional(async (tx) => {
    const rows: { owner_id: string | null; budget: string | null; used: string }[] = await executeSql(
      tx,
      sql`select b.owner_id, b.monthly_budget as budget, ${budgetUsedSql(sql`b.id`, month)} as used from wallet.benefit b where b.id = ${check.benefitId}`,
    );
    const row = rows[0];
    if (!row || row.budget === null) return [];
    const [budget, used] = [BigInt(row.budget), BigInt(row.used)];
    const reached = THRESHOLDS.filter((t) => used * 100n >= budget * BigInt(t));
    if (reached.length === 0) return [];
    const noticed: { threshold: number }[] = await executeSql(
      tx,
      sql`insert into wallet.benefit_budget_notice (benefit_id, month, threshold, used, budget, noticed_at)
       select ${check.benefitId}::uuid, ${`${check.period}-01`}::date, t, ${used.toString()}::bigint, ${budget.toString()}::bigint, ${now}
       from unnest(${`{${reached.join(',')}}`}::int[]) t
       on conflict do nothing returning threshold`,
    );
    for (const { threshold } of noticed) {
      await queueDeliveries(
        tx,
        now,
        'BENEFIT_BUDGET',
        sql`select ${row.owner_id}::uuid as owner_id, jsonb_build_object('benefitId', ${check.benefitId}::text, 'month', ${check.period}::text,
          'threshold', ${threshold}::int, 'budget', ${formatDecimal(budget)}::text, 'used', ${formatDecimal(used)}::text) as payload`,
      );
    }
    return noticed.map((n) => n.threshold);
  });
}
