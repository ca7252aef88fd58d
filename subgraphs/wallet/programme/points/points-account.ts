/**
 * A member's points as the ledger holds them: the lots a movement locks, the
 * postings a purse's moves become, and what the member app and the till show
 * (balance, value, next expiry, the 会员增值量化 projection).
 */
import { sqlArray, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import { EARNING_YEAR_LOT, type HeldPointsLot, type Posting, paidNetOnTheDay } from '../../ledger/index.js';
import { earningYearOf, type EarningYear } from './points-expiry.js';
import { PointsPurse } from './points-lots.js';

/** The lot points earned now go to: the earning year's, by id if it was read, else the one the ledger opens or finds. */
export function earningLotId(lots: readonly HeldPointsLot[], year: EarningYear): string {
  return lots.find((l) => l.earningYear === year.earningYear)?.id ?? EARNING_YEAR_LOT;
}

/** The purse's moves on the member's points as ledger postings, and the earning year's lot if they name it. */
export function memberPointsPostings(
  purse: PointsPurse,
  year: EarningYear,
): { postings: Posting[]; earningYearLot?: { earningYear: number; expiresAt: Date } } {
  const postings: Posting[] = purse.postings.map((p) => ({
    account: 'MEMBER_POINTS',
    merchantId: null,
    lotId: null,
    pointsLotId: p.pointsLotId,
    amount: p.amount,
  }));
  return postings.some((p) => p.pointsLotId === EARNING_YEAR_LOT) ? { postings, earningYearLot: year } : { postings };
}

/**
 * The member's side of a grant when no other points move in the movement: the points credited to its lot of the
 * earning year (paying down a debt first). The grant's funding is the caller's posting.
 */
export function earningYearCredit(
  holder: { pointsBalance: bigint },
  points: bigint,
  at: Date,
  timeZone: string,
): { postings: Posting[]; earningYearLot?: { earningYear: number; expiresAt: Date } } {
  const year = earningYearOf(at, timeZone);
  const purse = new PointsPurse([], holder.pointsBalance, at);
  if (points > 0n) purse.credit(points, earningLotId([], year));
  return memberPointsPostings(purse, year);
}

/**
 * earningYearCredit for many members at once, in SQL, for a bulk movement's postings (ledger/journal/bulk-movement.ts):
 * from `movers`, a relation of (transaction_id, member_id, points_balance), each member's MEMBER_POINTS lines for a
 * credit of `points`: what repays its debt (no lot), and the rest to its lot of the earning year. The same rule as
 * PointsPurse.credit, held to it by test/ledger-properties.test.ts over drawn balances.
 */
export function earningYearCreditSql(movers: Sql, points: bigint): Sql {
  const repaid = sql`least(greatest(-m.points_balance, 0), ${points.toString()}::bigint)`;
  return sql`select m.transaction_id, m.member_id, 'MEMBER_POINTS'::text as account, null::uuid as merchant_id, null::bigint as points_lot_id,
      false as to_earning_year, -${repaid} as amount, null::int as points_rate
    from (${movers}) m where m.points_balance < 0
    union all
    select m.transaction_id, m.member_id, 'MEMBER_POINTS', null::uuid, null::bigint, true, -(${points.toString()}::bigint - ${repaid}), null::int
    from (${movers}) m where ${points.toString()}::bigint - ${repaid} > 0`;
}

/** Points HQ grants (a sign-in's reward, the gifts of a tier reached by a top-up): POINTS_GRANTED, and the member's credit. */
export function hqGrantPostings(
  holder: { pointsBalance: bigint },
  granted: bigint,
  at: Date,
  timeZone: string,
): { postings: Posting[]; earningYearLot?: { earningYear: number; expiresAt: Date } } {
  const member = earningYearCredit(holder, granted, at, timeZone);
  const grant: Posting[] = granted > 0n ? [{ account: 'POINTS_GRANTED', merchantId: null, lotId: null, amount: granted }] : [];
  return { ...member, postings: [...grant, ...member.postings] };
}

/** A member's points as the API shows them: the balance is the wallet row's; the rest is read only when asked for. */
export interface PointsAccountRecord {
  memberId: string;
  balance: bigint;
}

/** What the values are worth is worked out where they are shown, at the programme's burn rate (worthOf). */
export interface PointsProjectionRecord {
  weeklySpend: Fen;
  pointsPerYear: bigint;
}

export interface PointsExpiryRecord {
  points: bigint;
  expiresAt: Date;
}

/** Fen that points are worth at the burn rate, rounded toward zero. */
export const worthOf = (points: bigint, pointsPerYuanBurn: number): Fen => (points * 100n) / BigInt(pointsPerYuanBurn);

/** Each member's soonest-expiring live lot, in one statement. */
export async function nextExpiriesOf(em: EntityManager, memberIds: readonly string[], at: Date): Promise<(PointsExpiryRecord | null)[]> {
  const rows: { member_id: string; remaining: string; expires_at: Date }[] = await executeSql(
    em,
    sql`select distinct on (member_id) member_id, remaining, expires_at from wallet.points_lot
     where member_id = any(${sqlArray(memberIds)}::uuid[]) and remaining > 0 and expires_at > ${at} order by member_id, expires_at`,
  );
  const byMember = new Map(rows.map((r) => [r.member_id, { points: BigInt(r.remaining), expiresAt: new Date(r.expires_at) }]));
  return memberIds.map((id) => byMember.get(id) ?? null);
}

/**
 * The 会员增值量化 projection of many members in one statement, over the last
 * 84 days (12 weeks): what each paid at checkouts and the points they earned,
 * net of refunds:
 *   weeklySpend = paid ÷ 12, half away from zero; pointsPerYear = floor(earned × 52 / 12);
 *   valuePerYear = their worth at the burn rate, rounded down.
 */
export async function projectionsOf(em: EntityManager, memberIds: readonly string[], at: Date): Promise<PointsProjectionRecord[]> {
  const since = new Date(at.getTime() - 84 * 24 * 3600 * 1000);
  const rows: { member_id: string; paid: string; earned: string }[] = await executeSql(
    em,
    sql`select t.member_id,
       sum(${trustedSql(paidNetOnTheDay('t'))}) as paid,
       sum(case when t.kind = 'CHECKOUT' then t.points_earned else -t.points_taken_back end) as earned
     from wallet.journal_transaction t
     where member_id = any(${sqlArray(memberIds)}::uuid[]) and kind in ('CHECKOUT', 'REFUND') and occurred_at > ${since} and occurred_at <= ${at}
     group by member_id`,
  );
  const byMember = new Map(rows.map((r) => [r.member_id, r]));
  return memberIds.map((memberId) => {
    const r = byMember.get(memberId);
    const paid = BigInt(r?.paid ?? 0);
    const earned = BigInt(r?.earned ?? 0);
    return { weeklySpend: paid > 0n ? divideRoundHalfAwayFromZero(paid, 12n) : 0n, pointsPerYear: earned > 0n ? (earned * 52n) / 12n : 0n };
  });
}
