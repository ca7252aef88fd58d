/**
 * The ledger verifier: re-derives every invariant of the money core from the
 * live database and names the rows that break one. Used by
 * `npm run verify-ledger` and by the tests after they move money.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { positionsSelect, reimbursementsOfMerchants, pointsOfMerchants } from './settlement.js';
import { COALITION_TIME_ZONE } from '../ledger/index.js';

export interface LedgerCheck {
  name: string;
  /** How many rows the check looked at. */
  checked: number;
  /** One line per offending row; empty when the invariant holds. */
  violations: string[];
}

interface Check {
  name: string;
  count: string;
  violations: string;
  describe: (row: Record<string, unknown>) => string;
}

/**
 * The journal's months archived (ledger/journal/journal-months.ts, docs/operations.md "Archiving a month") leave what the
 * checks need of them: their entries' sums per member, lot and account (journal_archived_sum), which the holders' checks
 * add to the entries still attached; and the instant the attached journal starts at, before which the checks that match
 * the journal against other records (coupons, benefits, tasks, referrals, campaigns, settlements) look at nothing.
 */
const HOLDER_ENTRIES = `(select member_id, account, lot_id, points_lot_id, amount from wallet.journal_entry
  union all select member_id, account, lot_id, points_lot_id, amount from wallet.journal_archived_sum)`;
const ATTACHED_FROM = `(select coalesce(max(ends_at), '-infinity') from wallet.journal_month where archived_at is not null)`;
const attached = (transactionId: string) =>
  `exists (select 1 from wallet.journal_transaction_key a where a.id = ${transactionId} and a.occurred_at >= ${ATTACHED_FROM})`;

const CHECKS: Check[] = [
  {
    name: 'every journal transaction sums to zero in each asset',
    count: 'select count(*) from wallet.journal_transaction',
    violations: `select transaction_id, asset, sum(amount) as off from wallet.journal_entry group by transaction_id, asset having sum(amount) <> 0`,
    describe: (r) => `transaction ${r.transaction_id} is off by ${r.off} ${r.asset === 'FEN' ? 'fen' : 'points'}`,
  },
  {
    name: "every transaction's amount equals its stored-value entries",
    count: 'select count(*) from wallet.journal_transaction',
    violations: `select t.id, t.kind, t.amount, coalesce(e.stored, 0) as stored from wallet.journal_transaction t
      left join (select transaction_id, sum(amount) as stored from wallet.journal_entry where account = 'STORED_VALUE' group by transaction_id) e on e.transaction_id = t.id
      where (t.kind = 'TOP_UP' and -coalesce(e.stored, 0) <> t.amount)
         or (t.kind = 'CHECKOUT' and coalesce(e.stored, 0) <> t.amount)
         or (t.kind = 'REFUND' and -coalesce(e.stored, 0) <> t.amount)`,
    describe: (r) => `${r.kind} ${r.id} says ${r.amount} fen but its stored-value entries move ${r.stored}`,
  },
  {
    name: 'no lot is negative or above its value',
    count: 'select count(*) from wallet.issuer_lot',
    violations: 'select id, remaining, principal + bonus as value from wallet.issuer_lot where remaining < 0 or remaining > principal + bonus',
    describe: (r) => `lot ${r.id} holds ${r.remaining} of ${r.value} fen`,
  },
  {
    name: "every lot's remaining value equals its entries",
    count: 'select count(*) from wallet.issuer_lot',
    violations: `select l.id, l.remaining, coalesce(-e.total, 0) as entries from wallet.issuer_lot l
      left join (select lot_id, sum(amount) as total from ${HOLDER_ENTRIES} e where lot_id is not null group by lot_id) e on e.lot_id = l.id
      where l.remaining <> coalesce(-e.total, 0)`,
    describe: (r) => `lot ${r.id} holds ${r.remaining} fen but its entries say ${r.entries}`,
  },
  {
    name: "every member's balance equals its lots' remaining value",
    count: 'select count(*) from wallet.wallet',
    violations: `select w.member_id, w.balance, coalesce(l.total, 0) as lots from wallet.wallet w
      left join (select member_id, sum(remaining) as total from wallet.issuer_lot group by member_id) l using (member_id)
      where w.balance <> coalesce(l.total, 0)`,
    describe: (r) => `member ${r.member_id} has balance ${r.balance} fen but lots worth ${r.lots}`,
  },
  {
    name: "every member's balance equals its stored-value entries",
    count: 'select count(*) from wallet.wallet',
    violations: `select w.member_id, w.balance, coalesce(-e.total, 0) as entries from wallet.wallet w
      left join (select member_id, sum(amount) as total from ${HOLDER_ENTRIES} e where account = 'STORED_VALUE' group by member_id) e using (member_id)
      where w.balance <> coalesce(-e.total, 0)`,
    describe: (r) => `member ${r.member_id} has balance ${r.balance} fen but entries say ${r.entries}`,
  },
  {
    name: "every points lot's remaining points equal its entries, and none is negative",
    count: 'select count(*) from wallet.points_lot',
    violations: `select l.id, l.remaining, coalesce(-e.total, 0) as entries from wallet.points_lot l
      left join (select points_lot_id, sum(amount) as total from ${HOLDER_ENTRIES} e where points_lot_id is not null group by points_lot_id) e on e.points_lot_id = l.id
      where l.remaining <> coalesce(-e.total, 0) or l.remaining < 0`,
    describe: (r) => `points lot ${r.id} holds ${r.remaining} points but its entries say ${r.entries}`,
  },
  {
    name: "every member's points balance equals its points entries, and its lots less what it owes",
    count: 'select count(*) from wallet.wallet',
    violations: `select w.member_id, w.points_balance, coalesce(-e.total, 0) as entries, coalesce(l.total, 0) - coalesce(e.owed, 0) as lots_less_owed
      from wallet.wallet w
      left join (select member_id, sum(amount) as total, sum(amount) filter (where points_lot_id is null) as owed
                 from ${HOLDER_ENTRIES} e where account = 'MEMBER_POINTS' group by member_id) e using (member_id)
      left join (select member_id, sum(remaining) as total from wallet.points_lot group by member_id) l using (member_id)
      where w.points_balance <> coalesce(-e.total, 0) or w.points_balance <> coalesce(l.total, 0) - coalesce(e.owed, 0)`,
    describe: (r) => `member ${r.member_id} has ${r.points_balance} points but entries say ${r.entries} and lots less debt ${r.lots_less_owed}`,
  },
  {
    name: "every transaction's points change equals its entries on the member's points",
    count: 'select count(*) from wallet.journal_transaction',
    violations: `select t.id, t.kind, t.points_change, coalesce(-e.total, 0) as entries from wallet.journal_transaction t
      left join (select transaction_id, sum(amount) as total from wallet.journal_entry where account = 'MEMBER_POINTS' group by transaction_id) e on e.transaction_id = t.id
      where t.points_change <> coalesce(-e.total, 0)`,
    describe: (r) => `${r.kind} ${r.id} says points change ${r.points_change} but its entries move ${r.entries}`,
  },
  {
    name: 'no checkout is refunded beyond its order amount',
    count: "select count(*) from wallet.journal_transaction where kind = 'CHECKOUT'",
    violations: `select c.id, c.order_amount, sum(r.order_amount) as returned from wallet.journal_transaction c
      join wallet.journal_transaction r on r.refund_of = c.id group by c.id, c.order_amount having sum(r.order_amount) > c.order_amount`,
    describe: (r) => `checkout ${r.id} of an order of ${r.order_amount} fen has ${r.returned} returned`,
  },
  {
    name: 'every idempotency key maps to one transaction',
    count: 'select count(distinct (client_id, idempotency_key)) from wallet.journal_transaction',
    violations: 'select client_id, idempotency_key, count(*) as n from wallet.journal_transaction group by 1, 2 having count(*) > 1',
    describe: (r) => `client ${r.client_id} key ${r.idempotency_key} has ${r.n} transactions`,
  },
  {
    // The key table holds what is unique across the journal's months (Migration20261206000100): one row per transaction.
    name: 'every journal transaction has its key row, and every key row of an attached month its transaction',
    count: 'select count(*) from wallet.journal_transaction_key',
    violations: `select coalesce(t.id, k.id) as id, t.id is null as transaction_missing from wallet.journal_transaction t
      full join (select k.* from wallet.journal_transaction_key k where not exists (select 1 from wallet.journal_month m
                 where m.archived_at is not null and k.occurred_at >= m.starts_at and k.occurred_at < m.ends_at)) k
        on k.id = t.id and k.occurred_at = t.occurred_at and k.member_id = t.member_id and k.client_id = t.client_id
       and k.idempotency_key = t.idempotency_key and k.request_hash = t.request_hash
       and k.sign_in_day is not distinct from t.sign_in_day and k.payment_ref is not distinct from t.payment_ref
       and k.refund_of is not distinct from t.refund_of
       and k.refunded_order_amount is not distinct from case when t.refund_of is not null then t.order_amount end
      where t.id is null or k.id is null`,
    describe: (r) => `transaction ${r.id} ${r.transaction_missing ? 'has a key row and no transaction' : 'has no key row that matches it'}`,
  },
  {
    name: 'no checkout is refunded beyond its stored value',
    count: "select count(*) from wallet.journal_transaction where kind = 'CHECKOUT'",
    violations: `select c.id, c.amount, sum(r.amount) as refunded from wallet.journal_transaction c
      join wallet.journal_transaction r on r.refund_of = c.id group by c.id, c.amount having sum(r.amount) > c.amount`,
    describe: (r) => `checkout ${r.id} of ${r.amount} fen has ${r.refunded} refunded`,
  },
  {
    name: "every coupon is used at most once at a time, and its uses match the journal's checkouts and refunds",
    count: 'select count(*) from wallet.coupon',
    violations: `select c.id, c.redemptions, c.restorations, coalesce(u.used, 0) as used, coalesce(g.given_back, 0) as given_back from wallet.coupon c
      left join (select coupon_id, count(*) as used from wallet.journal_transaction where kind = 'CHECKOUT' and coupon_id is not null group by coupon_id) u on u.coupon_id = c.id
      left join (select k.coupon_id, count(*) as given_back from wallet.journal_transaction r join wallet.journal_transaction k on k.id = r.refund_of
                 where r.coupon_restored group by k.coupon_id) g on g.coupon_id = c.id
      where c.issued_at >= ${ATTACHED_FROM}
        and (c.redemptions - c.restorations not in (0, 1) or c.redemptions <> coalesce(u.used, 0) or c.restorations <> coalesce(g.given_back, 0))`,
    describe: (r) => `coupon ${r.id} counts ${r.redemptions} uses and ${r.restorations} returns but the journal has ${r.used} and ${r.given_back}`,
  },
  {
    name: "every coupon's discount is funded in full, and its template's budget holds",
    count: 'select count(*) from wallet.journal_transaction where coupon_discount is not null',
    violations: `select t.id, t.kind, coalesce(t.coupon_discount, 0) as discount, coalesce(e.funded, 0) as funded, coalesce(-e.given, 0) as given
      from wallet.journal_transaction t
      left join (select transaction_id, sum(amount) filter (where account = 'COUPON_FUNDED') as funded,
                   sum(amount) filter (where account = 'COUPON_DISCOUNT') as given
                 from wallet.journal_entry where account in ('COUPON_FUNDED', 'COUPON_DISCOUNT') group by transaction_id) e on e.transaction_id = t.id
      where (t.kind = 'CHECKOUT' and (coalesce(t.coupon_discount, 0) <> coalesce(e.funded, 0) or coalesce(t.coupon_discount, 0) <> coalesce(-e.given, 0)))
      union all
      select t.id, 'TEMPLATE', t.budget, t.issued, (select count(*) from wallet.coupon c where c.template_id = t.id)
      from wallet.coupon_template t where t.issued > t.budget or t.issued <> (select count(*) from wallet.coupon c where c.template_id = t.id)`,
    describe: (r) =>
      r.kind === 'TEMPLATE'
        ? `coupon template ${r.id} has a budget of ${r.discount}, counts ${r.funded} issued and has ${r.given} coupons`
        : `${r.kind} ${r.id} gave ${r.discount} fen off but its lines fund ${r.funded} and discount ${r.given}`,
  },
  {
    name: 'every member discount is funded in full by the lines that give it, and a refund gives back no more than it took',
    count: 'select count(*) from wallet.journal_transaction where member_discount is not null',
    violations: `select t.id, t.kind, coalesce(t.member_discount, 0) as discount, coalesce(e.funded, 0) as funded, coalesce(-e.given, 0) as given
      from wallet.journal_transaction t
      left join (select transaction_id, sum(amount) filter (where account = 'BENEFIT_FUNDED') as funded,
                   sum(amount) filter (where account = 'BENEFIT_GIVEN') as given
                 from wallet.journal_entry where account in ('BENEFIT_FUNDED', 'BENEFIT_GIVEN') group by transaction_id) e on e.transaction_id = t.id
      where (t.kind = 'CHECKOUT' and (coalesce(t.member_discount, 0) <> coalesce(e.funded, 0) or coalesce(t.member_discount, 0) <> coalesce(-e.given, 0)))
         or (t.kind <> 'CHECKOUT' and coalesce(e.funded, 0) + coalesce(e.given, 0) <> 0)
      union all
      select k.id, 'REFUNDED', k.member_discount, coalesce(sum(e.amount), 0), 0 from wallet.journal_transaction k
        join wallet.journal_transaction r on r.refund_of = k.id
        join wallet.journal_entry e on e.transaction_id = r.id and e.account = 'BENEFIT_FUNDED'
      where k.member_discount is not null group by k.id, k.member_discount having -sum(e.amount) > k.member_discount`,
    describe: (r) =>
      r.kind === 'REFUNDED'
        ? `checkout ${r.id} gave ${r.discount} fen of member discount but its refunds took back ${-Number(r.funded)}`
        : `${r.kind} ${r.id} gave ${r.discount} fen of member discount but its lines fund ${r.funded} and give ${r.given}`,
  },
  {
    name: "every member's uses of a service in a month match its BENEFIT_USE transactions",
    count: 'select count(*) from wallet.benefit_use_month',
    violations: `select coalesce(c.member_id, j.member_id) as member_id, coalesce(c.benefit_id, j.benefit_id) as benefit_id, coalesce(c.month, j.month) as month,
        coalesce(c.uses, 0) as counted, coalesce(j.uses, 0) as journal
      from wallet.benefit_use_month c
      full join (select member_id, benefit_id, (date_trunc('month', occurred_at at time zone '${COALITION_TIME_ZONE}'))::date as month, count(*) as uses
                 from wallet.journal_transaction where kind = 'BENEFIT_USE' group by 1, 2, 3) j using (member_id, benefit_id, month)
      where c.uses is distinct from j.uses and coalesce(c.month, j.month) >= (${ATTACHED_FROM} at time zone '${COALITION_TIME_ZONE}')::date`,
    describe: (r) => `member ${r.member_id} counts ${r.counted} uses of benefit ${r.benefit_id} in ${String(r.month)} but the journal has ${r.journal}`,
  },
  {
    name: 'every points gift granted matches its BENEFIT_POINTS transaction',
    count: "select count(*) from wallet.benefit where kind = 'POINTS_GIFT'",
    violations: `select coalesce(g.benefit_id, t.benefit_id) as benefit_id, coalesce(g.member_id, t.member_id) as member_id,
        coalesce(g.n, 0) as grants, coalesce(g.points, 0) as granted, coalesce(t.n, 0) as transactions, coalesce(t.points, 0) as journal
      from (select benefit_id, member_id, count(*) as n, sum(points) as points from wallet.benefit_grant
            where points > 0 and granted_at >= ${ATTACHED_FROM} group by 1, 2) g
      full join (select benefit_id, member_id, count(*) as n, sum(points_change) as points from wallet.journal_transaction where kind = 'BENEFIT_POINTS' group by 1, 2) t
        using (benefit_id, member_id)
      where coalesce(g.n, 0) <> coalesce(t.n, 0) or coalesce(g.points, 0) <> coalesce(t.points, 0)`,
    describe: (r) =>
      `member ${r.member_id} was granted ${r.granted} points of gift ${r.benefit_id} in ${r.grants} grants but the journal has ${r.journal} in ${r.transactions}`,
  },
  {
    // A reward's movement gives exactly its points (REWARD gifts a tier reached by its growth are HQ's lines beside them);
    // a take-back's takes exactly those points back, and only a taken-back completion has one.
    name: "every task completion's points match its TASK_REWARD transaction, and a take-back's its REWARD_TAKEN_BACK",
    count: 'select count(*) from wallet.task_completion',
    violations: `select k.id, k.points, r.points_earned as rewarded, b.points_change as taken, k.taken_back_by, k.take_back_transaction_id
      from wallet.task_completion k
      left join wallet.journal_transaction r on r.id = k.reward_transaction_id
      left join wallet.journal_transaction b on b.id = k.take_back_transaction_id
      where ${attached('k.event_transaction_id')} and ((k.reward_transaction_id is null) <> (k.points = 0 and k.growth = 0)
        or (r.id is not null and (r.kind <> 'TASK_REWARD' or r.member_id <> k.member_id or r.points_earned <> k.points))
        or (k.take_back_transaction_id is not null and (k.taken_back_by is null or b.kind <> 'REWARD_TAKEN_BACK' or b.member_id <> k.member_id or b.points_change <> -k.points))
        or (k.taken_back_by is not null and k.reward_transaction_id is not null and k.take_back_transaction_id is null))`,
    describe: (r) => `task completion ${r.id} of ${r.points} points: rewarded ${r.rewarded ?? 'nothing'}, taken back ${r.taken ?? 'nothing'}`,
  },
  {
    name: "every referral conversion's points match its REFERRAL_REWARD transactions, and a take-back's its REWARD_TAKEN_BACK",
    count: 'select count(*) from wallet.referral_conversion',
    violations: `select c.id, c.invitee_points, c.inviter_points, e.points_change as invitee, r.points_change as inviter, eb.points_change as invitee_back, rb.points_change as inviter_back
      from wallet.referral_conversion c
      left join wallet.journal_transaction e on e.id = c.invitee_transaction_id
      left join wallet.journal_transaction r on r.id = c.inviter_transaction_id
      left join wallet.journal_transaction eb on eb.id = c.invitee_take_back_transaction_id
      left join wallet.journal_transaction rb on rb.id = c.inviter_take_back_transaction_id
      where ${attached('c.checkout_id')} and ((c.invitee_points > 0) <> (e.id is not null) or (c.inviter_points > 0) <> (r.id is not null)
        or e.kind <> 'REFERRAL_REWARD' or e.member_id <> c.invitee_id or e.points_earned <> c.invitee_points
        or r.kind <> 'REFERRAL_REWARD' or r.member_id <> c.inviter_id or r.points_earned <> c.inviter_points
        or (c.taken_back_by is null) <> (eb.id is null and rb.id is null and c.taken_back_at is null)
        or (c.taken_back_by is not null and ((e.id is null) <> (eb.id is null) or (r.id is null) <> (rb.id is null)))
        or eb.points_change <> -c.invitee_points or rb.points_change <> -c.inviter_points
        or (not c.inviter_rewarded and c.inviter_points <> 0))`,
    describe: (r) =>
      `referral conversion ${r.id}: invitee ${r.invitee_points} points (journal ${r.invitee ?? 'none'}, back ${r.invitee_back ?? 'none'}), inviter ${r.inviter_points} (journal ${r.inviter ?? 'none'}, back ${r.inviter_back ?? 'none'})`,
  },
  {
    name: "every campaign's points granted to members match its CAMPAIGN_POINTS transactions",
    count: "select count(*) from wallet.campaign where action_kind = 'GRANT_POINTS'",
    violations: `select c.id, coalesce(g.n, 0) as members, coalesce(g.points, 0) as granted, coalesce(t.n, 0) as transactions, coalesce(t.points, 0) as journal
      from wallet.campaign c
      left join (select campaign_id, count(*) as n, sum(points_granted) as points from wallet.campaign_member
                 where points_granted is not null and reached_at >= ${ATTACHED_FROM} group by campaign_id) g
        on g.campaign_id = c.id
      left join (select campaign_id, count(*) as n, sum(campaign_points) as points from wallet.journal_transaction where kind = 'CAMPAIGN_POINTS' group by campaign_id) t
        on t.campaign_id = c.id
      where coalesce(g.n, 0) <> coalesce(t.n, 0) or coalesce(g.points, 0) <> coalesce(t.points, 0)`,
    describe: (r) => `campaign ${r.id} granted ${r.granted} points to ${r.members} members but the journal has ${r.journal} in ${r.transactions} transactions`,
  },
  {
    name: 'every finalised settlement conserves value',
    count: "select count(*) from wallet.settlement_run where status = 'FINALIZED'",
    violations: `select r.id, r.period, n.net + r.hq_income as off from wallet.settlement_run r,
        lateral (select coalesce(sum(net), 0) as net, coalesce(sum(commission), 0) as commission, coalesce(sum(points_cost), 0) as cost,
                   coalesce(sum(points_credit), 0) as credit, coalesce(sum(coupon_credit), 0) - coalesce(sum(coupon_cost), 0) as coupons,
                   coalesce(sum(benefit_credit), 0) - coalesce(sum(benefit_cost), 0) as benefits
                 from wallet.settlement_statement where run_id = r.id) n
      where r.status = 'FINALIZED' and (n.net + r.hq_income <> 0
        or r.hq_income <> n.commission + n.cost - n.credit - r.coupon_discounts_funded_by_hq - r.benefit_costs_funded_by_hq
        or n.coupons <> r.coupon_discounts_funded_by_hq or n.benefits <> r.benefit_costs_funded_by_hq)`,
    describe: (r) => `settlement ${r.period} (${r.id}) is off by ${r.off} fen`,
  },
];

async function scalar(em: EntityManager, sql: string): Promise<number> {
  const rows: { count: string }[] = await em.execute(sql);
  return Number(rows[0]?.count ?? 0);
}

/** Recomputes each finalised run's positions from the journal and compares them with what was finalised. */
async function finalisedRunsMatchLedger(em: EntityManager): Promise<LedgerCheck> {
  const runs: { id: string; period: string; starts_at: Date; ends_at: Date }[] = await em.execute(
    `select id, period, starts_at, ends_at from wallet.settlement_run where status = 'FINALIZED' and starts_at >= ${ATTACHED_FROM} order by period`,
  );
  const violations: string[] = [];
  for (const run of runs) {
    const diff: { acquirer_id: string; issuer_id: string; stored: string | null; ledger: string | null }[] = await executeSql(
      em,
      sql`with ledger as (${positionsSelect(run.id, run.starts_at, run.ends_at)}),
            stored as (select acquirer_id, issuer_id, amount, commission from wallet.settlement_pair where run_id = ${run.id})
       select coalesce(l.acquirer_id, s.acquirer_id) as acquirer_id, coalesce(l.issuer_id, s.issuer_id) as issuer_id,
              s.amount || '/' || s.commission as stored, l.amount || '/' || l.commission as ledger
       from ledger l full join stored s on s.acquirer_id = l.acquirer_id and s.issuer_id = l.issuer_id
       where l.amount is distinct from s.amount or l.commission is distinct from s.commission`,
    );
    for (const d of diff) {
      violations.push(
        `settlement ${run.period}: position ${d.acquirer_id} <- ${d.issuer_id} finalised as ${d.stored ?? 'none'} (amount/commission) but the ledger gives ${d.ledger ?? 'none'}`,
      );
    }
    // Points lines, re-derived from the period's journal entries rather than the run's aggregate.
    const points: { merchant_id: string; stored: string | null; ledger: string | null }[] = await executeSql(
      em,
      sql`with ledger as (${pointsOfMerchants(sql`(select merchant_id, account, points_rate, amount from wallet.journal_entry
                         where occurred_at >= ${run.starts_at}::timestamptz and occurred_at < ${run.ends_at}::timestamptz) e`)}),
            stored as (select merchant_id, points_issued, points_cost, points_redeemed, points_credit from wallet.settlement_statement where run_id = ${run.id})
       select coalesce(l.merchant_id, s.merchant_id) as merchant_id,
              concat_ws('/', s.points_issued, s.points_cost, s.points_redeemed, s.points_credit) as stored,
              concat_ws('/', l.points_issued, l.points_cost, l.points_redeemed, l.points_credit) as ledger
       from ledger l full join stored s using (merchant_id)
       where coalesce(l.points_issued, 0) <> coalesce(s.points_issued, 0) or coalesce(l.points_cost, 0) <> coalesce(s.points_cost, 0)
          or coalesce(l.points_redeemed, 0) <> coalesce(s.points_redeemed, 0) or coalesce(l.points_credit, 0) <> coalesce(s.points_credit, 0)`,
    );
    for (const d of points) {
      violations.push(
        `settlement ${run.period}: points of ${d.merchant_id} finalised as ${d.stored || 'none'} (issued/cost/redeemed/credit) but the ledger gives ${d.ledger || 'none'}`,
      );
    }
    // Coupon and benefit reimbursements, re-derived from the period's funding lines.
    for (const [account, what, credit, cost] of [
      ['COUPON_FUNDED', 'coupons', sql`coupon_credit`, sql`coupon_cost`],
      ['BENEFIT_FUNDED', 'benefits', sql`benefit_credit`, sql`benefit_cost`],
    ] as const) {
      const reimbursed: { merchant_id: string; stored: string | null; ledger: string | null }[] = await executeSql(
        em,
        sql`with ledger as (${reimbursementsOfMerchants(
          sql`(select merchant_id, acquirer_id, account, amount from wallet.journal_entry
                           where account = ${account} and occurred_at >= ${run.starts_at}::timestamptz and occurred_at < ${run.ends_at}::timestamptz) e`,
          account,
        )}),
              stored as (select merchant_id, ${credit} as credit, ${cost} as cost from wallet.settlement_statement where run_id = ${run.id})
         select coalesce(l.merchant_id, s.merchant_id) as merchant_id,
                concat_ws('/', s.credit, s.cost) as stored, concat_ws('/', l.credit, l.cost) as ledger
         from ledger l full join stored s using (merchant_id)
         where coalesce(l.credit, 0) <> coalesce(s.credit, 0) or coalesce(l.cost, 0) <> coalesce(s.cost, 0)`,
      );
      for (const d of reimbursed) {
        violations.push(
          `settlement ${run.period}: ${what} of ${d.merchant_id} finalised as ${d.stored || 'none'} (credit/cost) but the ledger gives ${d.ledger || 'none'}`,
        );
      }
    }
    // HQ's points totals: granted and expired in the period, everyone's points at its end.
    const totals: { stored: string; ledger: string }[] = await executeSql(
      em,
      sql`select concat_ws('/', r.points_granted, r.points_expired, r.points_outstanding) as stored,
              concat_ws('/', coalesce(sum(e.amount) filter (where e.account = 'POINTS_GRANTED' and e.occurred_at >= r.starts_at), 0),
                             -coalesce(sum(e.amount) filter (where e.account = 'POINTS_EXPIRED' and e.occurred_at >= r.starts_at), 0),
                             -coalesce(sum(e.amount) filter (where e.account = 'MEMBER_POINTS'), 0)) as ledger
       from wallet.settlement_run r left join (select asset, account, amount, occurred_at from wallet.journal_entry
         union all select 'POINTS', account, amount, '-infinity' from wallet.journal_archived_sum where account = 'MEMBER_POINTS') e
         on e.asset = 'POINTS' and e.occurred_at < r.ends_at
       where r.id = ${run.id} group by r.id`,
    );
    if (totals[0] && totals[0].stored !== totals[0].ledger) {
      violations.push(
        `settlement ${run.period}: HQ's points (granted/expired/outstanding) finalised as ${totals[0].stored} but the ledger gives ${totals[0].ledger}`,
      );
    }
  }
  return { name: 'every finalised settlement still matches the ledger', checked: runs.length, violations };
}

export async function verifyLedger(em: EntityManager, opts: { maxViolationsPerCheck?: number } = {}): Promise<LedgerCheck[]> {
  const limit = opts.maxViolationsPerCheck ?? 50;
  const results: LedgerCheck[] = [];
  for (const check of CHECKS) {
    const rows: Record<string, unknown>[] = await em.execute(`${check.violations} limit ${limit}`);
    results.push({ name: check.name, checked: await scalar(em, check.count), violations: rows.map(check.describe) });
  }
  results.push(await finalisedRunsMatchLedger(em));
  return results;
}
