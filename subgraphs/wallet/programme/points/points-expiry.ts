/**
 * When points expire (docs/programme.md "Points"): points earned in calendar year N of
 * the coalition time zone are one lot, which expires at the end of year N+1
 * (2026's points at 2028-01-01 00:00 Asia/Shanghai). The lot keeps that
 * instant; the expiry job only compares with it.
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../../lib/clock.js';
import { lockPeriodShared, monthStart, zonedParts } from '../../ledger/index.js';

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

/** Due lots one statement expires at most: a year end expires everyone's lots in batches of this many. */
const EXPIRY_BATCH = 20_000;

/**
 * Expires every lot whose instant has come (the job, set-based): per member
 * one POINTS_EXPIRY journal transaction, Dr MEMBER_POINTS (each lot) /
 * Cr POINTS_EXPIRED (HQ's breakage), the lots emptied and the balance
 * lowered, in one statement per batch of members. Wallet rows are locked
 * before their lots, in member order, as movements lock them. Idempotent: an
 * emptied lot is not due again. It lands in the period in which it runs
 * (under that period's shared lock, like any movement), so a late run never
 * writes into a settled month.
 *
 * A batch is a range of member ids (after, upper], found first from the lots'
 * (member_id, earning_year) index: every statement of the batch then reads
 * its range by index, and the next batch starts where this one ended rather
 * than re-reading the lots already emptied. Without ranges the planner read
 * all wallets and lots for each batch of 20,000 (bench/README.md).
 */
export async function expireDuePoints(em: EntityManager, clock: Clock, timeZone: string): Promise<PointsExpiryResult> {
  const total: PointsExpiryResult = { members: 0, points: 0n };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const bounds: { upper: string | null }[] = await executeSql(
      em,
      sql`select member_id as upper from (
         select member_id from wallet.points_lot where member_id > ${after}::uuid and remaining > 0 and expires_at <= ${clock.now()}::timestamptz
         order by member_id limit ${EXPIRY_BATCH}) batch
       order by member_id desc limit 1`,
    );
    const upper = bounds[0]?.upper;
    if (!upper) return total;
    const batch = await em.transactional(async (tx) => {
      await lockPeriodShared(tx, clock.now(), timeZone);
      const now = clock.now();
      const rows: { members: string; points: string }[] = await executeSql(
        tx,
        sql`with locked as (
           select w.member_id, w.balance, w.points_balance from wallet.wallet w
           where w.member_id > ${after}::uuid and w.member_id <= ${upper}::uuid
             and exists (select 1 from wallet.points_lot l where l.member_id = w.member_id and l.remaining > 0 and l.expires_at <= ${now}::timestamptz)
           order by w.member_id for update),
         due as (
           select l.id, l.member_id, l.remaining from wallet.points_lot l join locked using (member_id)
           where l.member_id > ${after}::uuid and l.member_id <= ${upper}::uuid and l.remaining > 0 and l.expires_at <= ${now}::timestamptz for update of l),
         per_member as (
           select d.member_id, sum(d.remaining) as points, gen_random_uuid() as transaction_id from due d group by d.member_id),
         emptied as (
           update wallet.points_lot l set remaining = 0 from due d
           where l.id = d.id and l.member_id > ${after}::uuid and l.member_id <= ${upper}::uuid),
         balances as (
           update wallet.wallet w set points_balance = w.points_balance - p.points from per_member p
           where w.member_id = p.member_id and w.member_id > ${after}::uuid and w.member_id <= ${upper}::uuid),
         transactions as (
           insert into wallet.journal_transaction (id, kind, member_id, occurred_at, amount, balance_after, points_change, points_after,
             client_id, idempotency_key, request_hash)
           select p.transaction_id, 'POINTS_EXPIRY', p.member_id, ${now}::timestamptz, 0, l.balance, -p.points, l.points_balance - p.points,
             'job:points-expiry', p.transaction_id::text, 'points-expiry'
           from per_member p join locked l using (member_id)),
         entries as (
           insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, points_lot_id, amount, occurred_at)
           select p.transaction_id, 'POINTS_EXPIRY', 'MEMBER_POINTS', 'POINTS', null::uuid, d.member_id, d.id, d.remaining, ${now}::timestamptz
           from due d join per_member p using (member_id)
           union all
           select p.transaction_id, 'POINTS_EXPIRY', 'POINTS_EXPIRED', 'POINTS', null::uuid, p.member_id, null::bigint, -p.points, ${now}::timestamptz from per_member p)
         select count(*) as members, coalesce(sum(points), 0) as points from per_member`,
      );
      return { members: Number(rows[0]!.members), points: BigInt(rows[0]!.points) };
    });
    total.members += batch.members;
    total.points += batch.points;
    after = upper;
  }
}
