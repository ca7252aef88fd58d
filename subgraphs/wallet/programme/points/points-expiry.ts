/**
 * When points expire (docs/programme.md "Points"): points earned in calendar year N of
 * the coalition time zone are one lot, which expires at the end of year N+1
 * (2026's points at 2028-01-01 00:00 Asia/Shanghai). The lot keeps that
 * instant; the expiry job only compares with it.
 */
import { sql } from '../../../../lib/sql.js';
import { inRange, monthStart, recordBulkMovement, zonedParts, type LedgerDeps } from '../../ledger/index.js';

export interface EarningYear {
  earningYear: number;
  expiresAt: Date;
}

export function earningYearOf(at: Date, timeZone: string): EarningYear {
  const year = zonedParts(at, timeZone).year!;
  return { earningYear: year, expiresAt: monthStart(year + 2, 1, timeZone) };
}

export interface PointsExpiryResult {
  members: number;
  points: bigint;
}

/** Members whose due lots one statement expires: a year end expires everyone's lots in ranges of this many. */
const EXPIRY_BATCH = 20_000;

/**
 * Expires every lot whose instant has come (the job, set-based, through the ledger's bulk movement path): per member
 * one POINTS_EXPIRY journal transaction, Dr MEMBER_POINTS (each lot) / Cr POINTS_EXPIRED (HQ's breakage), the lots
 * emptied and the balance lowered, in one statement per range of members, found from the lots' (member_id,
 * earning_year) index. Idempotent: an emptied lot is not due again. It lands in the period in which it runs (under that
 * period's shared lock, like any movement), so a late run never writes into a settled month.
 */
export async function expireDuePoints(ledger: LedgerDeps): Promise<PointsExpiryResult> {
  const due = (at: Date) => sql`l.remaining > 0 and l.expires_at <= ${at}::timestamptz`;
  const moved = await recordBulkMovement(
    ledger,
    {
      kind: 'POINTS_EXPIRY',
      clientId: 'job:points-expiry',
      requestHash: 'points-expiry',
      candidates: sql`select l.member_id from wallet.points_lot l where ${due(ledger.clock.now())}`,
      postings: async (_em, range, at) => sql`due as (
          select l.id, l.member_id, l.remaining from wallet.points_lot l where ${inRange(sql`l.member_id`, range)} and ${due(at)}),
        movers as (
          select m.member_id, m.transaction_id, m.transaction_id::text as idempotency_key
          from (select d.member_id, gen_random_uuid() as transaction_id from (select distinct member_id from due) d) m),
        postings as (
          select m.transaction_id, d.member_id, 'MEMBER_POINTS'::text as account, null::uuid as merchant_id, d.id as points_lot_id,
            false as to_earning_year, d.remaining as amount, null::int as points_rate
          from due d join movers m using (member_id)
          union all
          select m.transaction_id, m.member_id, 'POINTS_EXPIRED', null::uuid, null::bigint, false, -sum(d.remaining), null::int
          from due d join movers m using (member_id) group by m.transaction_id, m.member_id)`,
    },
    EXPIRY_BATCH,
  );
  return { members: moved.members, points: -moved.points };
}
