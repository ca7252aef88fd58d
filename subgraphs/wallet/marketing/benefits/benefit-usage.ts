/**
 * A month's usage and cost of benefits, and each tier's benefit cost against what its members paid (权益使用率,
 * 权益成本率; docs/benefits.md "Usage and cost"). Set-based, in one statement each, from the journal and the grants:
 * - a use is a discount applied (a checkout naming the benefit), a service used (BENEFIT_USE), a pack coupon redeemed
 *   (a checkout with a coupon the pack granted), a gift given (a grant of points); refunds change cost in their own
 *   month, never users or uses;
 * - cost: what the discounts' and services' funders paid (BENEFIT_FUNDED, net of the month's refunds), the pack coupons'
 *   discounts (COUPON_FUNDED, net of the full refunds that gave them back), the gifts' burn value;
 * - entitled: the members whose tier carried the benefit at any time in the month (their tier at its start, from the
 *   first upgrade or drop after it, else their tier now, and every tier an upgrade or a drop gave them in it), or who
 *   held a plan carrying it (a purchase before its end, valid after its start);
 * - a tier's cost counts each use at the tier the member held when it happened (the movement's tier_rank; a refund's,
 *   at its checkout's), and `paid` is its members' checkouts net of the month's refunds (at a merchant's stores, for
 *   a merchant's figures). Rates are basis points rounded down, null when nothing is entitled or nothing was paid.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Claims } from '../../../../lib/auth.js';
import { forbidden } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import type { Fen } from '../../../../lib/money.js';
import { executeSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import { paidNetOnTheDay, type Period } from '../../ledger/index.js';
import { tierCodeSql, type ProgrammeRecord, type TierRecord } from '../../programme/index.js';
import { budgetUsedSql } from './benefit-budget.js';
import { benefitsByIds, type BenefitRecord } from './benefit.js';

export interface BenefitUsageRecord {
  benefit: BenefitRecord;
  entitled: number;
  users: number;
  uses: number;
  usageRateBps: number | null;
  cost: Fen;
  budget: Fen | null;
  budgetUsed: Fen;
}

export interface TierBenefitCostRecord {
  tier: TierRecord;
  benefitCost: Fen;
  paid: Fen;
  costRateBps: number | null;
}

/** A rate in basis points, rounded down; null over nothing. */
export function rateBps(part: bigint, whole: bigint): number | null {
  return whole > 0n ? Number((part * 10_000n) / whole) : null;
}

/**
 * Whose benefits a caller's figures are over: HQ every benefit, or one merchant's (`merchantId`); a merchant its own,
 * and in `benefitUsage` also HQ's that it co-funds (another merchant's id is FORBIDDEN). Returns the filters on
 * `wallet.benefit b` (`benefits` for the usage, `owned` for the tiers' cost: a merchant's tier rate is what its own
 * benefits cost against what its stores were paid), and the merchant whose stores' purchases a tier's `paid` counts
 * (null: the coalition's).
 */
export interface UsageScope {
  benefits: Sql;
  owned: Sql;
  stores: string | null;
}

export function usageScope(claims: Claims | null, merchantId: string | null | undefined): UsageScope {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const named = merchantId == null ? null : requireUuid(merchantId, 'merchantId');
  if (caller.role === 'MERCHANT' && named !== null && named !== caller.merchantId) throw forbidden("A merchant sees its own benefits' figures, not another's");
  if (caller.role === 'HQ') {
    const benefits = named === null ? sql`true` : sql`b.owner_id = ${named}::uuid`;
    return { benefits, owned: benefits, stores: named };
  }
  return {
    benefits: sql`(b.owner_id = ${caller.merchantId}::uuid or (b.owner_id is null
      and exists (select 1 from wallet.benefit_funder f where f.benefit_id = b.id and f.merchant_id = ${caller.merchantId}::uuid)))`,
    owned: sql`b.owner_id = ${caller.merchantId}::uuid`,
    stores: caller.merchantId!,
  };
}

const inMonth = (column: string, month: Period) =>
  sql`${trustedSql(column)} >= ${month.startsAt}::timestamptz and ${trustedSql(column)} < ${month.endsAt}::timestamptz`;

/**
 * The month's uses and costs of the benefits in `ids`, one row per event: (benefit, member, use: 1 for a use and 0 for
 * a refund's change, cost in fen, the tier rank it counts at). Written once for both figures.
 */
function benefitEvents(ids: readonly string[], month: Period): Sql {
  const mine = sql`any(${sqlArray(ids)}::uuid[])`;
  return sql`
    select t.benefit_id, t.member_id, case when t.kind = 'REFUND' then 0 else 1 end as used,
      coalesce((select sum(e.amount) from wallet.journal_entry e where e.transaction_id = t.id and e.occurred_at = t.occurred_at and e.account = 'BENEFIT_FUNDED'), 0) as cost,
      coalesce(k.tier_rank, t.tier_rank) as tier_rank
    from wallet.journal_transaction t left join wallet.journal_transaction k on k.id = t.refund_of and k.occurred_at <= t.occurred_at
    where t.benefit_id = ${mine} and t.kind in ('CHECKOUT', 'REFUND', 'BENEFIT_USE') and ${inMonth('t.occurred_at', month)}
    union all
    select c.benefit_id, t.member_id, case when t.kind = 'REFUND' then 0 else 1 end,
      coalesce((select sum(e.amount) from wallet.journal_entry e where e.transaction_id = t.id and e.occurred_at = t.occurred_at and e.account = 'COUPON_FUNDED'), 0),
      coalesce(k.tier_rank, t.tier_rank)
    from wallet.journal_transaction t left join wallet.journal_transaction k on k.id = t.refund_of and k.occurred_at <= t.occurred_at
    join wallet.coupon c on c.id = coalesce(t.coupon_id, k.coupon_id)
    where c.benefit_id = ${mine} and t.kind in ('CHECKOUT', 'REFUND') and ${inMonth('t.occurred_at', month)}
      and (t.kind = 'CHECKOUT' or t.coupon_restored)
    union all
    select g.benefit_id, g.member_id, 1, g.value, t.tier_rank
    from wallet.benefit_grant g left join wallet.journal_transaction t on t.id = g.transaction_id
    where g.benefit_id = ${mine} and g.points > 0 and g.month = ${month.label + '-01'}::date`;
}

/** The members whose tier carried a benefit of `ids` at any time in the month, or who held a plan carrying it then. */
function entitledMembers(ids: readonly string[], month: Period, programme: ProgrammeRecord): Sql {
  const top = programme.tiers.length - 1;
  return sql`
    with changes as (
      select member_id, upgraded_at as at, from_rank, to_rank from wallet.tier_upgrade where upgraded_at >= ${month.startsAt}::timestamptz
      union all
      select member_id, dropped_at, from_rank, to_rank from wallet.tier_drop where dropped_at >= ${month.startsAt}::timestamptz),
    first_change as (select distinct on (member_id) member_id, from_rank from changes order by member_id, at),
    ranks as (
      select w.member_id, least(coalesce(f.from_rank, w.tier_rank), ${top}::int) as rank
      from wallet.wallet w left join first_change f using (member_id) where w.created_at < ${month.endsAt}::timestamptz
      union
      select member_id, least(to_rank, ${top}::int) from changes where at < ${month.endsAt}::timestamptz)
    select b.id as benefit_id, r.member_id from ranks r
      join wallet.benefit b on ${tierCodeSql(programme, sql`r.rank`)} = any(b.tiers) where b.id = any(${sqlArray(ids)}::uuid[])
    union
    select b.id, t.member_id from wallet.journal_transaction t join wallet.benefit b on t.plan_code = any(b.plans)
    where b.id = any(${sqlArray(ids)}::uuid[]) and t.kind = 'PLAN_PURCHASE'
      and t.occurred_at < ${month.endsAt}::timestamptz and t.plan_valid_until > ${month.startsAt}::timestamptz`;
}

/** The benefits in scope, oldest first (at most as many as the catalogue lists). */
async function benefitsInScope(em: EntityManager, scope: Sql): Promise<string[]> {
  const rows: { id: string }[] = await executeSql(em, sql`select b.id from wallet.benefit b where ${scope} order by b.created_at, b.id limit 500`);
  return rows.map((r) => r.id);
}

/** Each benefit's month, for `benefitUsage`. */
export async function benefitUsage(em: EntityManager, month: Period, programme: ProgrammeRecord, scope: Sql): Promise<BenefitUsageRecord[]> {
  const ids = await benefitsInScope(em, scope);
  if (ids.length === 0) return [];
  const rows: { id: string; entitled: string; users: string; uses: string; cost: string; budget_used: string }[] = await executeSql(
    em,
    sql`with events as (${benefitEvents(ids, month)}),
      entitled as (select benefit_id, count(*) as n from (${entitledMembers(ids, month, programme)}) e group by benefit_id),
      used as (select benefit_id, count(distinct member_id) filter (where used = 1) as users, sum(used) as uses, sum(cost) as cost from events group by benefit_id)
    select b.id, coalesce(en.n, 0) as entitled, coalesce(u.users, 0) as users, coalesce(u.uses, 0) as uses, coalesce(u.cost, 0) as cost,
      ${budgetUsedSql(sql`b.id`, month)} as budget_used
    from wallet.benefit b left join entitled en on en.benefit_id = b.id left join used u on u.benefit_id = b.id
    where b.id = any(${sqlArray(ids)}::uuid[])`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (await benefitsByIds(em, ids)).flatMap((benefit) => {
    const row = benefit && byId.get(benefit.id);
    if (!benefit || !row) return [];
    const [entitled, users] = [BigInt(row.entitled), BigInt(row.users)];
    return [
      {
        benefit,
        entitled: Number(entitled),
        users: Number(users),
        uses: Number(row.uses),
        usageRateBps: rateBps(users, entitled),
        cost: BigInt(row.cost),
        budget: benefit.monthlyBudget,
        budgetUsed: BigInt(row.budget_used),
      },
    ];
  });
}

/** Each tier's month, for `tierBenefitCost`: the cost at the tier of the benefits in scope, against what its members paid. */
export async function tierBenefitCost(em: EntityManager, month: Period, programme: ProgrammeRecord, scope: UsageScope): Promise<TierBenefitCostRecord[]> {
  const ids = await benefitsInScope(em, scope.owned);
  const top = programme.tiers.length - 1;
  const atTier = (column: string) => sql`least(coalesce(${trustedSql(column)}, w.tier_rank), ${top}::int)`;
  const rows: { rank: number; cost: string; paid: string }[] = await executeSql(
    em,
    sql`with costs as (
        select ${atTier('e.tier_rank')} as rank, sum(e.cost) as cost from (${benefitEvents(ids, month)}) e
        join wallet.wallet w using (member_id) group by 1),
      paid as (
        select ${atTier('coalesce(k.tier_rank, t.tier_rank)')} as rank, sum(${trustedSql(paidNetOnTheDay('t'))}) as paid
        from wallet.journal_transaction t left join wallet.journal_transaction k on k.id = t.refund_of and k.occurred_at <= t.occurred_at join wallet.wallet w on w.member_id = t.member_id
        where t.kind in ('CHECKOUT', 'REFUND') and ${inMonth('t.occurred_at', month)} ${scope.stores ? sql`and t.acquirer_id = ${scope.stores}::uuid` : sql``}
        group by 1)
    select r.rank, coalesce(c.cost, 0) as cost, coalesce(p.paid, 0) as paid
    from generate_series(0, ${top}::int) r(rank) left join costs c using (rank) left join paid p using (rank) order by r.rank`,
  );
  return rows.map((r) => {
    const [cost, paid] = [BigInt(r.cost), BigInt(r.paid)];
    return { tier: programme.tiers[r.rank]!, benefitCost: cost, paid, costRateBps: rateBps(cost, paid) };
  });
}
