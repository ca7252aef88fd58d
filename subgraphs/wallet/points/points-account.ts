/**
 * A member's points as the ledger holds them: the lots a movement locks, the
 * postings a purse's moves become, and what the member app and the till show
 * (balance, value, next expiry, the 会员增值量化 projection).
 */
import { sqlArray } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { divideRoundHalfAwayFromZero, type Fen } from '../../../lib/money.js';
import { EARNING_YEAR_LOT, type Posting } from '../ledger/movement.js';
import type { EarningYear } from './points-expiry.js';
import { PointsPurse, type PointsLot } from './points-lots.js';

export interface HeldPointsLot extends PointsLot {
  earningYear: number;
}

/**
 * Locks and reads the member's lots a movement may touch: those holding
 * points, and the ones named (a refund's, which may be empty or expired).
 */
export async function lockPointsLots(em: EntityManager, memberId: string, named: readonly string[] = []): Promise<HeldPointsLot[]> {
  const rows: { id: string; earning_year: number; expires_at: Date; remaining: string }[] = await em.execute(
    `select id, earning_year, expires_at, remaining from wallet.points_lot
     where member_id = ? and (remaining > 0 or id = any(?::bigint[])) order by expires_at, id for update`,
    [memberId, sqlArray(named)],
  );
  return rows.map((r) => ({ id: String(r.id), earningYear: r.earning_year, expiresAt: new Date(r.expires_at), remaining: BigInt(r.remaining) }));
}

/** The lot points earned now go to: the earning year's, by id if it was read, else the one the ledger opens or finds. */
export function earningLotId(lots: readonly HeldPointsLot[], year: EarningYear): string {
  return lots.find((l) => l.earningYear === year.earningYear)?.id ?? EARNING_YEAR_LOT;
}

/** The purse's moves on the member's points as ledger postings, and the earning year's lot if they name it. */
export function memberPointsPostings(purse: PointsPurse, year: EarningYear): { postings: Posting[]; earningYearLot?: { earningYear: number; expiresAt: Date } } {
  const postings: Posting[] = purse.postings.map((p) => ({ account: 'MEMBER_POINTS', merchantId: null, lotId: null, pointsLotId: p.pointsLotId, amount: p.amount }));
  return postings.some((p) => p.pointsLotId === EARNING_YEAR_LOT) ? { postings, earningYearLot: year } : { postings };
}

export interface PointsAccountRecord {
  memberId: string;
  balance: bigint;
  nextExpiry: { points: bigint; expiresAt: Date } | null;
  projection: PointsProjectionRecord;
}

/** What the values are worth is worked out where they are shown, at the programme's burn rate (worthOf). */
export interface PointsProjectionRecord {
  weeklySpend: Fen;
  pointsPerYear: bigint;
}

/** Fen that points are worth at the burn rate, rounded toward zero. */
export const worthOf = (points: bigint, pointsPerYuanBurn: number): Fen => (points * 100n) / BigInt(pointsPerYuanBurn);

/**
 * Points accounts of many members in one statement: the balance from the
 * wallet row, the soonest-expiring lot, and over the last 84 days (12 weeks)
 * what the member paid at checkouts and the points they earned, net of refunds:
 *   weeklySpend = paid ÷ 12, half away from zero; pointsPerYear = floor(earned × 52 / 12);
 *   valuePerYear = their worth at the burn rate, rounded down.
 */
export async function pointsAccountsOf(em: EntityManager, memberIds: readonly string[], at: Date): Promise<PointsAccountRecord[]> {
  const since = new Date(at.getTime() - 84 * 24 * 3600 * 1000);
  const rows: { member_id: string; points_balance: string; next_points: string | null; next_expires_at: Date | null; paid: string; earned: string }[] = await em.execute(
    `select w.member_id, w.points_balance, n.remaining as next_points, n.expires_at as next_expires_at,
       coalesce(r.paid, 0) as paid, coalesce(r.earned, 0) as earned
     from wallet.wallet w
     left join lateral (select remaining, expires_at from wallet.points_lot l
       where l.member_id = w.member_id and l.remaining > 0 and l.expires_at > ? order by expires_at limit 1) n on true
     left join lateral (select
         sum(case when t.kind = 'CHECKOUT' then t.amount + t.amount_due else -(t.amount + t.amount_due) end) as paid,
         sum(case when t.kind = 'CHECKOUT' then t.points_earned else -t.points_taken_back end) as earned
       from wallet.journal_transaction t
       where t.member_id = w.member_id and t.kind in ('CHECKOUT', 'REFUND') and t.occurred_at > ? and t.occurred_at <= ?) r on true
     where w.member_id = any(?::uuid[])`,
    [at, since, at, sqlArray(memberIds)],
  );
  const byMember = new Map(rows.map((r) => [r.member_id, r]));
  return memberIds.map((memberId) => {
    const r = byMember.get(memberId);
    const balance = BigInt(r?.points_balance ?? 0);
    const paid = BigInt(r?.paid ?? 0);
    const earned = BigInt(r?.earned ?? 0);
    const pointsPerYear = earned > 0n ? (earned * 52n) / 12n : 0n;
    return {
      memberId,
      balance,
      nextExpiry: r?.next_points ? { points: BigInt(r.next_points), expiresAt: new Date(r.next_expires_at!) } : null,
      projection: { weeklySpend: paid > 0n ? divideRoundHalfAwayFromZero(paid, 12n) : 0n, pointsPerYear },
    };
  });
}
