/**
 * Monthly settlement (docs/settlement.md), computed in SQL over the
 * journal, set-based: for period P and each pair of acquirer A and issuer I,
 *   R(A, I)          = I's lot value consumed at A's stores minus value refunded there
 *   commission(A, I) = Σ over the rates in force: round(R_part × bps / 10000), halves away from zero
 *   net(M)           = Σ_{I≠M} (R(M, I) − commission(M, I)) − Σ_{X≠M} R(X, M)
 * and for points ("Points" above), per merchant and rate in force, rounded per part:
 *   pointsIssued(M)   = points earned at M's stores − points refunds took back there; pointsCost   = round(issued × earnCostPer100 / 100)
 *   pointsRedeemed(M) = points burned at M's stores − points refunds gave back there; pointsCredit = round(redeemed × burnValuePer100 / 100)
 *   net(M)           += pointsCredit(M) − pointsCost(M)
 * and for coupons (docs/marketing.md "Coupons"), from each redemption's funding lines (shares rounded at checkout):
 *   couponCredit(M)   = shares of discounts given at M's stores that others (HQ or other merchants) fund
 *   couponCost(M)     = M's shares of discounts given at other merchants' stores
 *   net(M)           += couponCredit(M) − couponCost(M)
 * and for member discounts (docs/benefits.md), the same from BENEFIT_FUNDED lines (a refund reverses each share in proportion):
 *   benefitCredit(M)  = shares of benefits given at M's stores that others fund
 *   benefitCost(M)    = M's shares of benefits given at other merchants' stores
 *   net(M)           += benefitCredit(M) − benefitCost(M)
 *   HQ income         = Σ commission + Σ pointsCost − Σ pointsCredit − the coupon and benefit shares HQ funds
 * and Σ net + HQ income = 0 exactly, or the run is not finalised.
 */
import { sqlArray, HASH_WORK_MEM, executeSql, sql, trustedSql, type Sql } from '../../../lib/sql.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { domainError, notFound } from '../../../lib/errors.js';
import type { Fen } from '../../../lib/money.js';
import { COALITION_TIME_ZONE, lockPeriodExclusive, parsePeriod, type Period } from '../ledger/index.js';
import { programmeInForce } from '../programme/index.js';

export type SettlementStatus = 'DRAFT' | 'FINALIZED';

export interface TotalsRecord {
  crossRedemptions: Fen;
  commission: Fen;
  topUps: Fen;
  bonusGranted: Fen;
  pointsIssued: bigint;
  pointsRedeemed: bigint;
  pointsGrantedByHq: bigint;
  pointsExpired: bigint;
  pointsCost: Fen;
  pointsCredit: Fen;
  couponDiscountsFundedByHq: Fen;
  benefitCostsFundedByHq: Fen;
  hqIncome: Fen;
  /** All members' points at the period's end, negative balances included, and their worth at the burn rate then. */
  pointsOutstanding: bigint;
  pointsLiability: Fen;
}

export interface SettlementRunRecord {
  id: string;
  period: string;
  status: SettlementStatus;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  computedAt: Date;
  finalizedAt: Date | null;
  totals: TotalsRecord;
}

export interface StatementRecord {
  runId: string;
  period: string;
  status: SettlementStatus;
  merchantId: string;
  topUps: Fen;
  bonusGranted: Fen;
  redeemedOwnValue: Fen;
  acquiredFromOthers: Fen;
  redeemedElsewhere: Fen;
  commission: Fen;
  pointsIssued: bigint;
  pointsCost: Fen;
  pointsRedeemed: bigint;
  pointsCredit: Fen;
  couponCredit: Fen;
  couponCost: Fen;
  benefitCredit: Fen;
  benefitCost: Fen;
  net: Fen;
  outstandingFloat: Fen;
}

export interface PositionRecord {
  acquirerId: string;
  issuerId: string;
  amount: Fen;
  commission: Fen;
}

interface RunRow {
  id: string;
  period: string;
  status: SettlementStatus;
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  computed_at: Date;
  finalized_at: Date | null;
  cross_redemptions: string;
  commission: string;
  top_ups: string;
  bonus_granted: string;
  points_issued: string;
  points_redeemed: string;
  points_granted: string;
  points_expired: string;
  points_cost: string;
  points_credit: string;
  coupon_discounts_funded_by_hq: string;
  benefit_costs_funded_by_hq: string;
  hq_income: string;
  points_outstanding: string;
  points_liability: string;
}

const RUN_COLUMNS = `id, period, status, time_zone, starts_at, ends_at, computed_at, finalized_at, cross_redemptions, commission, top_ups, bonus_granted,
  points_issued, points_redeemed, points_granted, points_expired, points_cost, points_credit, coupon_discounts_funded_by_hq, benefit_costs_funded_by_hq, hq_income, points_outstanding,
  points_liability`;

const toRun = (row: RunRow): SettlementRunRecord => ({
  id: row.id,
  period: row.period,
  status: row.status,
  timeZone: row.time_zone,
  startsAt: new Date(row.starts_at),
  endsAt: new Date(row.ends_at),
  computedAt: new Date(row.computed_at),
  finalizedAt: row.finalized_at ? new Date(row.finalized_at) : null,
  totals: {
    crossRedemptions: BigInt(row.cross_redemptions),
    commission: BigInt(row.commission),
    topUps: BigInt(row.top_ups),
    bonusGranted: BigInt(row.bonus_granted),
    pointsIssued: BigInt(row.points_issued),
    pointsRedeemed: BigInt(row.points_redeemed),
    pointsGrantedByHq: BigInt(row.points_granted),
    pointsExpired: BigInt(row.points_expired),
    pointsCost: BigInt(row.points_cost),
    pointsCredit: BigInt(row.points_credit),
    couponDiscountsFundedByHq: BigInt(row.coupon_discounts_funded_by_hq),
    benefitCostsFundedByHq: BigInt(row.benefit_costs_funded_by_hq),
    hqIncome: BigInt(row.hq_income),
    pointsOutstanding: BigInt(row.points_outstanding),
    pointsLiability: BigInt(row.points_liability),
  },
});

/**
 * round_half_away(numerator / denominator) in SQL, for a positive denominator: the rounding (docs/settlement.md) of every amount the run makes.
 * In bigint, whose division truncates (a floor, as both operands are positive): over a month's parts it is twice as quick
 * as numeric, and an amount past bigint's range stops the run with an error rather than being rounded.
 */
const roundHalfAway = (numerator: Sql, denominator: Sql) =>
  sql`sign((${numerator})::bigint) * ((2 * abs((${numerator})::bigint) + (${denominator})::bigint) / (2 * (${denominator})::bigint))`;
/** The same, over text of our own (the run's statements are built once, from constants). */
const halfAwayFromZero = (numerator: string, denominator: string) => roundHalfAway(trustedSql(numerator), trustedSql(denominator)).text;

/** round_half_away(points × rate / 100): fen for points at a rate in fen per 100 points, in SQL. */
const pointsFen = (points: string, rate: string) => halfAwayFromZero(`${points} * ${rate}`, '100');

/**
 * Each merchant's points from per-(merchant, account, rate) sums: issued and
 * redeemed, and their fen rounded per rate's part. Reads a relation with
 * merchant_id, account, points_rate and amount.
 */
export const pointsOfMerchants = (flows: Sql) => sql`
  select merchant_id,
    coalesce(sum(amount) filter (where account = 'POINTS_EARNED'), 0) as points_issued,
    coalesce(sum(${trustedSql(pointsFen('amount', 'points_rate'))}) filter (where account = 'POINTS_EARNED'), 0) as points_cost,
    -coalesce(sum(amount) filter (where account = 'POINTS_BURNED'), 0) as points_redeemed,
    -coalesce(sum(${trustedSql(pointsFen('amount', 'points_rate'))}) filter (where account = 'POINTS_BURNED'), 0) as points_credit
  from (select merchant_id, account, points_rate, sum(amount)::bigint as amount from ${flows}
        where account in ('POINTS_EARNED', 'POINTS_BURNED') group by 1, 2, 3) parts
  group by merchant_id`;

/**
 * Each merchant's reimbursements from the sums of a funding account (COUPON_FUNDED for coupons, BENEFIT_FUNDED for
 * member discounts and services; a relation with merchant_id, the funder or null for HQ, acquirer_id and amount): what
 * others fund of what was given at its stores (credit), and what it funds of what was given at others' (cost). A
 * merchant's share of what its own store gave is its own cost and moves nothing.
 */
export const reimbursementsOfMerchants = (flows: Sql, account: 'COUPON_FUNDED' | 'BENEFIT_FUNDED') => sql`
  select merchant_id, sum(credit)::bigint as credit, sum(cost)::bigint as cost from (
    select acquirer_id as merchant_id, amount as credit, 0 as cost from ${flows}
    where account = ${account} and merchant_id is distinct from acquirer_id
    union all
    select merchant_id, 0, amount from ${flows}
    where account = ${account} and merchant_id <> acquirer_id) reimbursements
  group by merchant_id`;

/**
 * Positions from per-(acquirer, issuer, rate) parts `r` at rate `bps`: the
 * commission is rounded per part, half away from zero, and summed per pair.
 */
const positionsFromParts = (runId: string, parts: Sql) => {
  const commission = trustedSql(halfAwayFromZero('r * bps', '10000'));
  return sql`
  select ${runId}::uuid as run_id, acquirer_id, issuer_id, sum(r)::bigint as amount, sum(${commission})::bigint as commission
  from (${parts}) parts
  group by acquirer_id, issuer_id
  having sum(r) <> 0 or sum(${commission}) <> 0`;
};

/** Positions of a period straight from the journal. The ledger verifier re-checks finalised runs with it. */
export const positionsSelect = (runId: string, startsAt: Date, endsAt: Date) =>
  positionsFromParts(
    runId,
    sql`
    select acquirer_id, merchant_id as issuer_id, coalesce(commission_bps, 0)::bigint as bps, sum(amount)::bigint as r
    from wallet.journal_entry
    where account = 'STORED_VALUE' and transaction_kind in ('CHECKOUT', 'REFUND')
      and occurred_at >= ${startsAt} and occurred_at < ${endsAt} and acquirer_id <> merchant_id
    group by acquirer_id, merchant_id, commission_bps`,
  );

/**
 * A run reads the period's entries once: they are folded into a small
 * temporary aggregate (per merchant, acquirer, account, rate of commission
 * or points, and whether a redemption: a checkout or its refund, the only
 * movements a position counts), and positions and statements are both
 * derived from it; each redemption row is one part of a position. The aggregate is a
 * CREATE TABLE AS so that PostgreSQL may scan in parallel (a statement that
 * inserts may not). ACQUIRER_SALES and MEMBER_POINTS entries are not
 * aggregated (nor COUPON_DISCOUNT, BENEFIT_GIVEN): every transaction balances per asset, so their sums mirror the
 * other accounts' (the redemptions; the points earned, burned, granted and
 * expired; the coupons' funding).
 *
 * The ledger verifier re-checks finalised runs with positionsSelect, which
 * reads the journal itself rather than this aggregate.
 */
const flowsSql = (period: Period) => sql`
  create temporary table settlement_flows on commit drop as
  select merchant_id, acquirer_id, account, transaction_kind in ('CHECKOUT', 'REFUND') as redemption, commission_bps, points_rate,
    sum(amount)::bigint as amount
  from wallet.journal_entry
  where occurred_at >= ${period.startsAt}::timestamptz and occurred_at < ${period.endsAt}::timestamptz
    and account not in ('ACQUIRER_SALES', 'MEMBER_POINTS', 'COUPON_DISCOUNT', 'BENEFIT_GIVEN')
  group by 1, 2, 3, 4, 5, 6`;

/**
 * Each issuer's outstanding float when the period opens. The previous
 * period's finalised statements hold it (they are immutable and the ledger
 * verifier keeps them matching the journal), so normally no history is read;
 * before the first finalised period it is summed from the history.
 */
const openingFromRun = (previousRunId: string) =>
  sql`select merchant_id, outstanding_float from wallet.settlement_statement where run_id = ${previousRunId}::uuid`;
const openingFromHistory = (startsAt: Date) => sql`
  select merchant_id, -sum(amount) as outstanding_float from wallet.journal_entry
  where account = 'STORED_VALUE' and occurred_at < ${startsAt}::timestamptz group by merchant_id`;

/** Positions and statements from settlement_flows. */
const settlementSql = (runId: string, opening: Sql) => sql`
  with pairs as (
    ${positionsFromParts(
      runId,
      sql`
      select acquirer_id, merchant_id as issuer_id, coalesce(commission_bps, 0)::bigint as bps, amount as r
      from settlement_flows
      where account = 'STORED_VALUE' and redemption and acquirer_id <> merchant_id`,
    )}),
  -- One row per acquirer (Migration20261201000600): 200 rows for a coalition of 200 merchants rather than 40,000.
  positions as (
    insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions)
    select run_id, acquirer_id, array_agg(issuer_id order by issuer_id), array_agg(amount order by issuer_id), array_agg(commission order by issuer_id)
    from pairs group by run_id, acquirer_id
    returning 1),
  per_merchant as (
    select merchant_id,
      coalesce(sum(amount) filter (where account = 'ISSUER_CASH'), 0) as top_ups,
      coalesce(sum(amount) filter (where account = 'ISSUER_BONUS'), 0) as bonus_granted,
      coalesce(sum(amount) filter (where account = 'STORED_VALUE' and redemption and acquirer_id = merchant_id), 0) as redeemed_own,
      -coalesce(sum(amount) filter (where account = 'STORED_VALUE'), 0) as float_change
    from settlement_flows where merchant_id is not null group by merchant_id),
  points as (${pointsOfMerchants(sql`settlement_flows`)}),
  coupons as (${reimbursementsOfMerchants(sql`settlement_flows`, 'COUPON_FUNDED')}),
  benefits as (${reimbursementsOfMerchants(sql`settlement_flows`, 'BENEFIT_FUNDED')}),
  opening as (${opening}),
  acquired as (
    select acquirer_id as merchant_id, sum(amount) as amount, sum(commission) as commission from pairs group by acquirer_id),
  elsewhere as (
    select issuer_id as merchant_id, sum(amount) as amount from pairs group by issuer_id),
  merchants as (
    select id as merchant_id from wallet.merchant
    union select merchant_id from per_merchant union select merchant_id from opening union select merchant_id from points
    union select merchant_id from coupons union select merchant_id from benefits
    union select merchant_id from acquired union select merchant_id from elsewhere)
  insert into wallet.settlement_statement (run_id, merchant_id, top_ups, bonus_granted, redeemed_own_value, acquired_from_others,
    redeemed_elsewhere, commission, points_issued, points_cost, points_redeemed, points_credit, coupon_credit, coupon_cost,
    benefit_credit, benefit_cost, net, outstanding_float)
  select ${runId}::uuid, m.merchant_id, coalesce(f.top_ups, 0), coalesce(f.bonus_granted, 0), coalesce(f.redeemed_own, 0),
    coalesce(a.amount, 0), coalesce(e.amount, 0), coalesce(a.commission, 0),
    coalesce(p.points_issued, 0), coalesce(p.points_cost, 0), coalesce(p.points_redeemed, 0), coalesce(p.points_credit, 0),
    coalesce(c.credit, 0), coalesce(c.cost, 0), coalesce(b.credit, 0), coalesce(b.cost, 0),
    coalesce(a.amount, 0) - coalesce(a.commission, 0) - coalesce(e.amount, 0) + coalesce(p.points_credit, 0) - coalesce(p.points_cost, 0)
      + coalesce(c.credit, 0) - coalesce(c.cost, 0) + coalesce(b.credit, 0) - coalesce(b.cost, 0),
    coalesce(o.outstanding_float, 0) + coalesce(f.float_change, 0)
  from merchants m
  left join points p using (merchant_id)
  left join coupons c using (merchant_id)
  left join benefits b using (merchant_id)
  left join per_merchant f using (merchant_id)
  left join opening o using (merchant_id)
  left join acquired a using (merchant_id)
  left join elsewhere e using (merchant_id)`;

/**
 * Computes the period's settlement into a DRAFT run, replacing an earlier
 * draft with numbers from the same ledger. One run per period, also under
 * concurrent calls: they queue on the period's lock.
 */
export async function runSettlement(em: EntityManager, clock: Clock, label: string, timeZone = COALITION_TIME_ZONE): Promise<SettlementRunRecord> {
  const period = parsePeriod(label, timeZone);
  if (clock.now() < period.endsAt) throw domainError('PERIOD_NOT_ENDED', `${label} ends at ${period.endsAt.toISOString()}; settle it after that`);
  return em.transactional(async (tx) => {
    await lockPeriodExclusive(tx, period);
    const existing: { id: string; status: SettlementStatus }[] = await executeSql(
      tx,
      sql`select id, status from wallet.settlement_run where period = ${label} for update`,
    );
    if (existing[0]?.status === 'FINALIZED') throw domainError('PERIOD_FINALIZED', `${label} is finalised and cannot be run again`);
    const runId = existing[0]?.id ?? randomUUID();
    const now = clock.now();
    if (existing[0]) {
      await executeSql(tx, sql`delete from wallet.settlement_position where run_id = ${runId}`);
      await executeSql(tx, sql`delete from wallet.settlement_statement where run_id = ${runId}`);
    } else {
      await executeSql(
        tx,
        sql`insert into wallet.settlement_run (id, period, status, time_zone, starts_at, ends_at, computed_at, cross_redemptions, commission, top_ups, bonus_granted)
         values (${runId}, ${label}, 'DRAFT', ${timeZone}, ${period.startsAt}, ${period.endsAt}, ${now}, 0, 0, 0, 0)`,
      );
    }
    // The float carries on from the previous period only if that run is finalised (immutable) and adjacent.
    const previous: { id: string }[] = await executeSql(
      tx,
      sql`select id from wallet.settlement_run where status = 'FINALIZED' and ends_at = ${period.startsAt} and time_zone = ${timeZone}`,
    );
    // Enough memory to hash-aggregate rather than sort the month on disk (see bench/README.md).
    await tx.execute(HASH_WORK_MEM);
    await executeSql(tx, flowsSql(period));
    await executeSql(tx, settlementSql(runId, previous[0] ? openingFromRun(previous[0].id) : openingFromHistory(period.startsAt)));
    // HQ's points: what it granted and what expired in the period, and everyone's points at its end.
    const pointsPerYuanBurn = (await programmeInForce(tx, new Date(period.endsAt.getTime() - 1))).pointsPerYuanBurn;
    const openingPoints = previous[0]
      ? sql`select points_outstanding from wallet.settlement_run where id = ${previous[0].id}::uuid`
      : sql`select -coalesce(sum(amount), 0) from wallet.journal_entry where account = 'MEMBER_POINTS' and occurred_at < ${period.startsAt}::timestamptz`;
    const liability = roundHalfAway(sql`(outstanding.points * 100)`, sql`${pointsPerYuanBurn}::bigint`);
    const rows: RunRow[] = await executeSql(
      tx,
      sql`with s as (
         select coalesce(sum(acquired_from_others), 0) as cross_redemptions, coalesce(sum(commission), 0) as commission,
           coalesce(sum(top_ups), 0) as top_ups, coalesce(sum(bonus_granted), 0) as bonus_granted,
           coalesce(sum(points_issued), 0) as points_issued, coalesce(sum(points_redeemed), 0) as points_redeemed,
           coalesce(sum(points_cost), 0) as points_cost, coalesce(sum(points_credit), 0) as points_credit
         from wallet.settlement_statement where run_id = ${runId}),
       hq as (
         select coalesce(sum(amount) filter (where account = 'POINTS_GRANTED'), 0) as granted,
           -coalesce(sum(amount) filter (where account = 'POINTS_EXPIRED'), 0) as expired,
           coalesce(sum(amount) filter (where account = 'COUPON_FUNDED' and merchant_id is null), 0) as coupons_funded,
           coalesce(sum(amount) filter (where account = 'BENEFIT_FUNDED' and merchant_id is null), 0) as benefits_funded,
           -- The members' points change by what the other points accounts move (each transaction balances in points).
           coalesce(sum(amount) filter (where account in ('POINTS_EARNED', 'POINTS_BURNED', 'POINTS_GRANTED', 'POINTS_EXPIRED', 'POINTS_EXCHANGED')), 0)
             as member_change
         from settlement_flows),
       outstanding as (select (${openingPoints}) + (select member_change from hq) as points)
       update wallet.settlement_run r set computed_at = ${now},
         cross_redemptions = s.cross_redemptions,
         commission = s.commission, top_ups = s.top_ups, bonus_granted = s.bonus_granted,
         points_issued = s.points_issued, points_redeemed = s.points_redeemed, points_cost = s.points_cost, points_credit = s.points_credit,
         coupon_discounts_funded_by_hq = hq.coupons_funded,
         benefit_costs_funded_by_hq = hq.benefits_funded,
         hq_income = s.commission + s.points_cost - s.points_credit - hq.coupons_funded - hq.benefits_funded,
         points_granted = hq.granted, points_expired = hq.expired,
         points_outstanding = outstanding.points,
         points_liability = ${liability}
       from s, hq, outstanding
       where id = ${runId} returning ${trustedSql(RUN_COLUMNS.replace(/(\w+)/g, 'r.$1'))}`,
    );
    return toRun(rows[0]!);
  });
}

/** Checks conservation (Σ net + HQ income = 0) and makes the run immutable. */
export async function finalizeSettlement(em: EntityManager, clock: Clock, runId: string): Promise<SettlementRunRecord> {
  return em.transactional(async (tx) => {
    const runs: RunRow[] = await executeSql(tx, sql`select ${trustedSql(RUN_COLUMNS)} from wallet.settlement_run where id = ${runId} for update`);
    const run = runs[0];
    if (!run) throw notFound('Settlement run');
    if (run.status === 'FINALIZED') throw domainError('PERIOD_FINALIZED', `${run.period} is already finalised`);
    // HQ's coupon and benefit shares as the run summed them from the journal: the statements' reimbursements must account for them.
    const sums: { net: string; hq_income: string }[] = await executeSql(
      tx,
      sql`select coalesce(sum(s.net), 0) as net,
         (select coalesce(sum(commission), 0) from wallet.settlement_pair where run_id = ${runId})
           + coalesce(sum(s.points_cost), 0) - coalesce(sum(s.points_credit), 0) - ${run.coupon_discounts_funded_by_hq}::bigint
           - ${run.benefit_costs_funded_by_hq}::bigint as hq_income
       from wallet.settlement_statement s where s.run_id = ${runId}`,
    );
    const imbalance = BigInt(sums[0]!.net) + BigInt(sums[0]!.hq_income);
    if (imbalance !== 0n) throw domainError('SETTLEMENT_UNBALANCED', `Statements do not conserve value (off by ${imbalance} fen); not finalised`);
    const rows: RunRow[] = await executeSql(
      tx,
      sql`update wallet.settlement_run set status = 'FINALIZED', finalized_at = ${clock.now()} where id = ${runId} returning ${trustedSql(RUN_COLUMNS)}`,
    );
    return toRun(rows[0]!);
  });
}

export async function settlementOfPeriod(em: EntityManager, label: string): Promise<SettlementRunRecord | null> {
  parsePeriod(label);
  const rows: RunRow[] = await executeSql(em, sql`select ${trustedSql(RUN_COLUMNS)} from wallet.settlement_run where period = ${label}`);
  return rows[0] ? toRun(rows[0]) : null;
}

interface StatementRow {
  run_id: string;
  period: string;
  status: SettlementStatus;
  merchant_id: string;
  top_ups: string;
  bonus_granted: string;
  redeemed_own_value: string;
  acquired_from_others: string;
  redeemed_elsewhere: string;
  commission: string;
  points_issued: string;
  points_cost: string;
  points_redeemed: string;
  points_credit: string;
  coupon_credit: string;
  coupon_cost: string;
  benefit_credit: string;
  benefit_cost: string;
  net: string;
  outstanding_float: string;
}

const toStatement = (r: StatementRow): StatementRecord => ({
  runId: r.run_id,
  period: r.period,
  status: r.status,
  merchantId: r.merchant_id,
  topUps: BigInt(r.top_ups),
  bonusGranted: BigInt(r.bonus_granted),
  redeemedOwnValue: BigInt(r.redeemed_own_value),
  acquiredFromOthers: BigInt(r.acquired_from_others),
  redeemedElsewhere: BigInt(r.redeemed_elsewhere),
  commission: BigInt(r.commission),
  pointsIssued: BigInt(r.points_issued),
  pointsCost: BigInt(r.points_cost),
  pointsRedeemed: BigInt(r.points_redeemed),
  pointsCredit: BigInt(r.points_credit),
  couponCredit: BigInt(r.coupon_credit),
  couponCost: BigInt(r.coupon_cost),
  benefitCredit: BigInt(r.benefit_credit),
  benefitCost: BigInt(r.benefit_cost),
  net: BigInt(r.net),
  outstandingFloat: BigInt(r.outstanding_float),
});

export async function statementsOfRuns(em: EntityManager, runIds: readonly string[], merchantId?: string): Promise<StatementRecord[][]> {
  const rows: StatementRow[] = await executeSql(
    em,
    sql`select s.*, r.period, r.status from wallet.settlement_statement s join wallet.settlement_run r on r.id = s.run_id
     where s.run_id = any(${sqlArray(runIds)}::uuid[]) ${merchantId ? sql`and s.merchant_id = ${merchantId}` : sql``} order by s.net desc, s.merchant_id`,
  );
  return runIds.map((id) => rows.filter((r) => r.run_id === id).map(toStatement));
}

export async function positionsOfRuns(em: EntityManager, runIds: readonly string[]): Promise<PositionRecord[][]> {
  const rows: { run_id: string; acquirer_id: string; issuer_id: string; amount: string; commission: string }[] = await executeSql(
    em,
    sql`select run_id, acquirer_id, issuer_id, amount, commission from wallet.settlement_pair where run_id = any(${sqlArray(runIds)}::uuid[]) order by amount desc, acquirer_id, issuer_id`,
  );
  return runIds.map((id) =>
    rows
      .filter((r) => r.run_id === id)
      .map((r) => ({ acquirerId: r.acquirer_id, issuerId: r.issuer_id, amount: BigInt(r.amount), commission: BigInt(r.commission) })),
  );
}

export async function statementOfMerchant(em: EntityManager, label: string, merchantId: string): Promise<StatementRecord | null> {
  const run = await settlementOfPeriod(em, label);
  if (!run) return null;
  const [statements] = await statementsOfRuns(em, [run.id], merchantId);
  return statements?.[0] ?? null;
}
