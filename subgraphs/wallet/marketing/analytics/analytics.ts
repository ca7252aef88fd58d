/**
 * Analytics (docs/marketing.md "Analytics") for the coalition (HQ) or one merchant, over
 * the calendar days [from, to] in the coalition time zone, in SQL, set-based: computed by the analytics job and kept
 * (analytics-snapshot.ts), which requests read.
 * A merchant's scope is its members (those who joined it) and the purchases
 * at its stores. A purchase is a checkout; what it paid is stored value plus
 * what was paid outside the hub (not points, not the coupon's discount), net
 * of what refunds paid back, on the day of each.
 *
 *   members         total at the end of `to`; joined in the range; active: a purchase in the 30 / 90 days up to the end
 *   daily           per day: members joined, purchases, amount paid
 *   tierDistribution members per tier now
 *   penetration     membersShare: members who joined the merchant ÷ coalition members (1 for the coalition);
 *                   purchasesShare: purchases at its stores by its own members ÷ all purchases recorded there (the
 *                   hub records members' purchases only, so this is the share its own members make of them; 1 for
 *                   the coalition)
 *   conversion      registeredToFirstPurchase: of those who joined in the range, the share with a purchase by the end;
 *                   freeToPaid: the share of members who have bought a paid plan by the end
 *   renewalRate     plans ending in the range renewed within 30 days of their end ÷ plans ending in the range
 *   repurchaseRate  members with two purchases or more in the range ÷ members with one or more
 *   storedValueFloat the value outstanding at the end: all lots (coalition), or the merchant's issued lots
 *   pointsLiability the scope's members' points at the end, at the burn rate in force then
 * Shares are ratios (null where the denominator is zero), not money.
 */
import { executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../../lib/errors.js';
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import { programmeInForce, type TierRecord } from '../../programme/index.js';
import { paidNetOnTheDay } from '../../ledger/index.js';

/** Analytics as a request answers them: with the instant up to which the database they were read from held every commit. */
export type AnalyticsAnswer = AnalyticsRecord & { databaseAsOf: Date };

export interface AnalyticsRecord {
  /** The instant the figures hold for: the range's end, or now while the range runs. */
  asOf: Date;
  members: { total: number; joinedInPeriod: number; activeIn30Days: number; activeIn90Days: number };
  daily: { date: string; newMembers: number; purchases: number; paid: Fen }[];
  tierDistribution: { tier: TierRecord; members: number }[];
  penetration: { membersShare: number | null; purchasesShare: number | null };
  conversion: { registeredToFirstPurchase: number | null; freeToPaid: number | null };
  renewalRate: number | null;
  repurchaseRate: number | null;
  storedValueFloat: Fen;
  /** The same float by the merchant that issued it, largest first (its issued lots only for a merchant). */
  storedValueFloatByIssuer: { issuerId: string; balance: Fen }[];
  pointsLiability: Fen;
  /** Task completions in the range, net of take-backs (a merchant: its own tasks). */
  taskCompletions: number;
  referrals: ReferralCountsRecord;
  /** The range as instants and the scope. */
  range: { start: Date; end: Date; merchantId: string | null };
}

export const MAX_ANALYTICS_DAYS = 400;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const share = (part: string | number, whole: string | number) => (Number(whole) === 0 ? null : Number(part) / Number(whole));

/** The calendar days asked for, checked: real dates, `to` not before `from`, at most MAX_ANALYTICS_DAYS. */
export function checkAnalyticsRange(range: { from: string; to: string }): { from: string; to: string } {
  const day = (field: 'from' | 'to') => {
    const value = range[field];
    const at = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
    // A real date only: 2026-02-30 parses to March, and is refused.
    if (!Number.isFinite(at) || new Date(at).toISOString().slice(0, 10) !== value) throw userInputError(`${field} must be a date like 2026-05-01`, field);
    return at;
  };
  const n = (day('to') - day('from')) / 86_400_000 + 1;
  if (n < 1) throw userInputError('to must not be before from', 'to');
  if (n > MAX_ANALYTICS_DAYS) throw userInputError(`at most ${MAX_ANALYTICS_DAYS} days at a time`, 'to');
  return range;
}

/**
 * Computes the figures over a checked range (checkAnalyticsRange) as of `now`: the analytics job's work
 * (analytics-snapshot.ts), never a request's.
 */
export async function computeAnalytics(
  em: EntityManager,
  now: Date,
  timeZone: string,
  range: { from: string; to: string },
  merchantId: string | null,
): Promise<AnalyticsRecord> {
  checkAnalyticsRange(range);
  const days: { start: Date; end: Date }[] = await executeSql(
    em,
    sql`select (${range.from}::date::timestamp at time zone ${timeZone}) as start, ((${range.to}::date + 1)::timestamp at time zone ${timeZone}) as end`,
  );
  const { start, end } = days[0]!;
  // Figures "at the end" are as of the end of `to`, or now if that is still to come.
  const asOf = new Date(Math.min(new Date(end).getTime(), now.getTime()));
  const scope = merchantId;

  // The scope's members with when they joined it: wallets (coalition) or memberships (a merchant).
  const members =
    scope === null
      ? sql`select member_id, created_at as joined_at from wallet.wallet`
      : sql`select member_id, joined_at from wallet.membership where merchant_id = ${scope}::uuid`;
  const atScope = scope === null ? sql`true` : sql`t.acquirer_id = ${scope}::uuid`;

  const [counts] = await executeSql<{ total: string; joined: string; active30: string; active90: string; coalition_members: string }>(
    em,
    sql`with scoped as (${members}),
     purchases as (select t.member_id, t.occurred_at from wallet.journal_transaction t
       where t.kind = 'CHECKOUT' and t.occurred_at > ${asOf}::timestamptz - interval '90 days' and t.occurred_at <= ${asOf} and ${atScope})
     select
       (select count(*) from scoped where joined_at <= ${asOf}) as total,
       (select count(*) from scoped where joined_at >= ${start} and joined_at < ${end}) as joined,
       (select count(distinct p.member_id) from purchases p join scoped s using (member_id) where p.occurred_at > ${asOf}::timestamptz - interval '30 days') as active30,
       (select count(distinct p.member_id) from purchases p join scoped s using (member_id)) as active90,
       (select count(*) from wallet.wallet) as coalition_members`,
  );

  const daily = await executeSql<{ date: string; new_members: string; purchases: string; paid: string }>(
    em,
    sql`with scoped as (${members}),
     d as (select generate_series(${range.from}::date, ${range.to}::date, interval '1 day')::date as date),
     joined as (select (joined_at at time zone ${timeZone})::date as date, count(*) as n from scoped where joined_at >= ${start} and joined_at < ${end} group by 1),
     moved as (
       select (t.occurred_at at time zone ${timeZone})::date as date, count(*) filter (where t.kind = 'CHECKOUT') as purchases,
         sum(${trustedSql(paidNetOnTheDay('t'))}) as paid
       from wallet.journal_transaction t
       where t.kind in ('CHECKOUT', 'REFUND') and t.occurred_at >= ${start} and t.occurred_at < ${end} and ${atScope}
       group by 1)
     select to_char(d.date, 'YYYY-MM-DD') as date, coalesce(j.n, 0) as new_members, coalesce(m.purchases, 0) as purchases, coalesce(m.paid, 0) as paid
     from d left join joined j using (date) left join moved m using (date) order by d.date`,
  );

  const programme = await programmeInForce(em, asOf);
  const tiers = await executeSql<{ rank: number; n: string }>(
    em,
    sql`with scoped as (${members}) select w.tier_rank as rank, count(*) as n from scoped s join wallet.wallet w using (member_id) group by 1`,
  );

  const [rates] = await executeSql<Record<string, string>>(
    em,
    sql`with scoped as (${members}),
     in_range as (select t.member_id, count(*) as n from wallet.journal_transaction t
       where t.kind = 'CHECKOUT' and t.occurred_at >= ${start} and t.occurred_at < ${end} and ${atScope} group by 1),
     newcomers as (select member_id from scoped where joined_at >= ${start} and joined_at < ${end}),
     plans as (select p.member_id, p.occurred_at, p.plan_valid_until from wallet.journal_transaction p
       where p.kind = 'PLAN_PURCHASE' and p.member_id in (select member_id from scoped))
     select
       (select count(*) from newcomers) as newcomers,
       (select count(*) from newcomers c where exists (select 1 from wallet.journal_transaction t
          where t.member_id = c.member_id and t.kind = 'CHECKOUT' and t.occurred_at < ${asOf} and ${atScope})) as converted,
       (select count(distinct member_id) from plans where occurred_at <= ${asOf}) as paying,
       (select count(*) from scoped where joined_at <= ${asOf}) as members,
       (select count(*) from plans e where e.plan_valid_until >= ${start} and e.plan_valid_until < ${end}) as ended,
       (select count(*) from plans e where e.plan_valid_until >= ${start} and e.plan_valid_until < ${end} and exists (
          select 1 from plans r where r.member_id = e.member_id and r.occurred_at > e.occurred_at and r.occurred_at <= e.plan_valid_until + interval '30 days')) as renewed,
       (select count(*) from in_range where n >= 2) as repeat_buyers,
       (select count(*) from in_range) as buyers,
       (select count(*) from wallet.journal_transaction t where t.kind = 'CHECKOUT' and t.occurred_at >= ${start} and t.occurred_at < ${end} and ${atScope}) as purchases,
       (select count(*) from wallet.journal_transaction t where t.kind = 'CHECKOUT' and t.occurred_at >= ${start} and t.occurred_at < ${end} and ${atScope}
          and t.member_id in (select member_id from scoped)) as own_purchases`,
  );

  const floatByIssuer = await executeSql<{ merchant_id: string; float: string }>(
    em,
    // As of the end: what the issuers' lots hold now, less what moved since (the entries after it, a credit raising a lot):
    // the months after the range are read, not the journal's whole history (nor an archived month, which is not there).
    sql`select f.merchant_id, sum(f.float) as float from (
       select l.issuer_id as merchant_id, l.remaining as float from wallet.issuer_lot l ${scope === null ? sql`` : sql`where l.issuer_id = ${scope}::uuid`}
       union all
       select e.merchant_id, e.amount from wallet.journal_entry e
       where e.account = 'STORED_VALUE' and e.occurred_at >= ${asOf} ${scope === null ? sql`` : sql`and e.merchant_id = ${scope}::uuid`}) f
     group by 1 having sum(f.float) <> 0`,
  );
  const storedValueFloatByIssuer = floatByIssuer
    .map((row) => ({ issuerId: row.merchant_id, balance: BigInt(row.float) }))
    .sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : a.issuerId.localeCompare(b.issuerId)));
  const [value] = await executeSql<{ points: string }>(
    em,
    // As of the end, the same way: the members' points now, less what moved since.
    sql`with scoped as (${members})
     select (select coalesce(sum(w.points_balance), 0) from wallet.wallet w
              ${scope === null ? sql`` : sql`where w.member_id in (select member_id from scoped)`})
          + (select coalesce(sum(e.amount), 0) from wallet.journal_entry e where e.account = 'MEMBER_POINTS' and e.occurred_at >= ${asOf}
              ${scope === null ? sql`` : sql`and e.member_id in (select member_id from scoped)`}) as points`,
  );

  return {
    asOf,
    members: {
      total: Number(counts!.total),
      joinedInPeriod: Number(counts!.joined),
      activeIn30Days: Number(counts!.active30),
      activeIn90Days: Number(counts!.active90),
    },
    daily: daily.map((d) => ({ date: d.date, newMembers: Number(d.new_members), purchases: Number(d.purchases), paid: BigInt(d.paid) })),
    tierDistribution: programme.tiers.map((tier, rank) => ({ tier, members: Number(tiers.find((t) => t.rank === rank)?.n ?? 0) })),
    penetration: {
      membersShare: scope === null ? 1 : share(counts!.total, counts!.coalition_members),
      purchasesShare: scope === null ? 1 : share(rates!.own_purchases!, rates!.purchases!),
    },
    conversion: { registeredToFirstPurchase: share(rates!.converted!, rates!.newcomers!), freeToPaid: share(rates!.paying!, rates!.members!) },
    renewalRate: share(rates!.renewed!, rates!.ended!),
    repurchaseRate: share(rates!.repeat_buyers!, rates!.buyers!),
    storedValueFloat: storedValueFloatByIssuer.reduce((total, issuer) => total + issuer.balance, 0n),
    storedValueFloatByIssuer,
    pointsLiability: divideRoundHalfAwayFromZero(BigInt(value!.points) * 100n, BigInt(programme.pointsPerYuanBurn)),
    taskCompletions: await taskCompletionsIn(em, { start: new Date(start), end: new Date(end), merchantId: scope }),
    referrals: await referralCountsIn(em, { start: new Date(start), end: new Date(end), merchantId: scope }),
    range: { start: new Date(start), end: new Date(end), merchantId: scope },
  };
}

/**
 * Task completions in a range, net of take-backs, each in the period of its own instant (a completion counts where it
 * happened, its take-back where that happened); a merchant's: its own tasks.
 */
async function taskCompletionsIn(em: EntityManager, range: AnalyticsRecord['range']): Promise<number> {
  const own = range.merchantId === null ? sql`true` : sql`t.owner_id = ${range.merchantId}::uuid`;
  const rows: { n: string }[] = await executeSql(
    em,
    sql`select (select count(*) from wallet.task_completion k join wallet.task t on t.id = k.task_id
        where k.completed_at >= ${range.start} and k.completed_at < ${range.end} and ${own})
      - (select count(*) from wallet.task_completion k join wallet.task t on t.id = k.task_id
        where k.taken_back_at >= ${range.start} and k.taken_back_at < ${range.end} and ${own}) as n`,
  );
  return Number(rows[0]!.n);
}

export interface ReferralCountsRecord {
  invited: number;
  converted: number;
  pointsGranted: bigint;
}

/**
 * Invitations in a range, each fact in the period of its own instant: members registered with a code, conversions less
 * those taken back, and both sides' points less those taken back. A merchant's: invitees registered at its stores,
 * conversions made at its stores.
 */
async function referralCountsIn(em: EntityManager, range: { start: Date; end: Date; merchantId: string | null }): Promise<ReferralCountsRecord> {
  const registeredHere = range.merchantId === null ? sql`true` : sql`w.registered_at_merchant_id = ${range.merchantId}::uuid`;
  const convertedHere = range.merchantId === null ? sql`true` : sql`c.acquirer_id = ${range.merchantId}::uuid`;
  const rows: { invited: string; converted: string; undone: string; points: string; points_back: string }[] = await executeSql(
    em,
    sql`select
      (select count(*) from wallet.wallet w where w.invited_by is not null and w.registered_at >= ${range.start} and w.registered_at < ${range.end} and ${registeredHere}) as invited,
      (select count(*) from wallet.referral_conversion c where c.converted_at >= ${range.start} and c.converted_at < ${range.end} and ${convertedHere}) as converted,
      (select count(*) from wallet.referral_conversion c where c.taken_back_at >= ${range.start} and c.taken_back_at < ${range.end} and ${convertedHere}) as undone,
      (select coalesce(sum(c.inviter_points + c.invitee_points), 0) from wallet.referral_conversion c
        where c.converted_at >= ${range.start} and c.converted_at < ${range.end} and ${convertedHere}) as points,
      (select coalesce(sum(c.inviter_points + c.invitee_points), 0) from wallet.referral_conversion c
        where c.taken_back_at >= ${range.start} and c.taken_back_at < ${range.end} and ${convertedHere}) as points_back`,
  );
  const r = rows[0]!;
  return { invited: Number(r.invited), converted: Number(r.converted) - Number(r.undone), pointsGranted: BigInt(r.points) - BigInt(r.points_back) };
}
