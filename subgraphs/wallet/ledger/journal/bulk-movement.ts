/**
 * The one movement path, in bulk: many members' points movements in one statement, for the jobs that move points for a
 * whole coalition at once (the points expiry, a benefit's gift to every holder). Each member still gets a journal
 * transaction of its own, with its balances after it, so its history shows the movement as recordMovement would have
 * written it; what is done once per range of members instead of once per member:
 *
 *   1. the period lock, shared with other movements, taken by the range's transaction, and the instant read after it;
 *   2. the holders' locks: the range's wallets that may move, in member order (as single movements take them, one at a
 *      time, so neither waits for the other in a cycle), in one statement;
 *   3. one statement that writes, for every member the command's postings name, the journal transaction and its
 *      entries, the points lots (debited, or the earning year's credited and opened if need be) and the points balance,
 *      each derived from the postings as recordMovement derives them.
 *
 * Stored value never moves in bulk: it moves at a till, one member at a time. A bulk command has no request key to
 * lock: it is idempotent by its own record (an emptied lot is not due again; a benefit's grant row, keyed per member
 * and occasion), which it writes in the same statement. Every transaction balances per asset, checked by PostgreSQL
 * after the statement (Migration20261201000300), as for single movements.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { isMissingMonth, makeMonthsAhead } from './journal-months.js';
import { lockPeriodShared } from './accounting-period.js';
import type { BulkMovementResult, LedgerDeps } from './movement.js';
import type { TransactionKind } from './transaction.js';

/** A range of member ids, (after, upper]: the unit a bulk movement locks and writes. */
export interface MemberRange {
  after: string;
  upper: string;
}

/**
 * A command's movements of one range. `postings`, called once the range's holders are locked (it may read and lock what
 * else its rules need, after them: a benefit's row for its budget), returns CTEs (`with` left out) that define at least:
 * - `movers (member_id, transaction_id, idempotency_key)`: the members that move, once each (a member twice is refused,
 *   as a bug: its two transactions would read one balance), in the range;
 * - `postings (transaction_id, member_id, account, merchant_id, points_lot_id, to_earning_year, amount, points_rate)`:
 *   their lines, points only, debits positive. MEMBER_POINTS lines name a lot to debit or credit, or none (the debt), or
 *   `to_earning_year` (the lot of `earningYear`, opened if the member has none); POINTS_EARNED and POINTS_BURNED lines a
 *   merchant and its points rate.
 * The CTEs may also write the command's own record (a grant row naming its transaction).
 */
export interface BulkMovement {
  kind: TransactionKind;
  /** Who moves, as a request's client would be named: 'job:points-expiry', 'benefit:<id>'. */
  clientId: string;
  /** Which command wrote the transactions (where a single movement keeps its request's fingerprint). */
  requestHash: string;
  benefitId?: string | null;
  /** A campaign's grant: the campaign, and the points it gives each member. */
  campaignId?: string | null;
  campaignPoints?: bigint | null;
  /** A select of member_id (a member may appear more than once): who may move. Only those in the range are locked. */
  candidates: Sql;
  /** The lot a `to_earning_year` line credits, at the range's instant. */
  earningYear?: (at: Date) => { earningYear: number; expiresAt: Date };
  postings(em: EntityManager, range: MemberRange, at: Date): Promise<Sql>;
}

/** No member id is lower: the first range starts after it. */
const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/** `column` within the range, for the command's own statements. */
export const inRange = (column: Sql, range: MemberRange): Sql => sql`${column} > ${range.after}::uuid and ${column} <= ${range.upper}::uuid`;

/**
 * Walks a selection of members (`candidates`, a select of member_id, a member perhaps more than once) in ranges of
 * `batch` members, in member order, calling `work` for each: each range is found first, by index, so that the work's
 * statements read only their range, however many members there are. The bulk movements' loop, and any job's that
 * writes a statement per range (a benefit's packs).
 */
export async function forEachMemberRange(em: EntityManager, candidates: Sql, batch: number, work: (range: MemberRange) => Promise<void>): Promise<void> {
  for (let after = NO_MEMBER; ;) {
    const bounds: { upper: string | null }[] = await executeSql(
      em,
      sql`select member_id as upper from (
         select c.member_id from (${candidates}) c where c.member_id > ${after}::uuid order by c.member_id limit ${batch}) range
       order by member_id desc limit 1`,
    );
    const upper = bounds[0]?.upper;
    if (!upper) return;
    await work({ after, upper });
    after = upper;
  }
}

/**
 * Moves the candidates' points, `batch` members a range, each range in a transaction of its own, in member order;
 * `onProgress` after each. A range is found first from the candidates (read by index), so every statement of its
 * transaction reads only the range. Returns what moved in all.
 */
export async function recordBulkMovement(
  ledger: LedgerDeps,
  movement: BulkMovement,
  batch: number,
  onProgress: (sofar: BulkMovementResult) => void = () => undefined,
): Promise<BulkMovementResult> {
  const total: BulkMovementResult = { kind: movement.kind, occurredAt: ledger.clock.now(), benefitId: movement.benefitId ?? null, members: 0, points: 0n };
  await forEachMemberRange(ledger.em, movement.candidates, batch, async (range) => {
    const moveOnce = () =>
      ledger.em.transactional(async (em) => {
        await lockPeriodShared(em, ledger.clock.now(), ledger.timeZone);
        // The instant is read after the period lock, so a range that waited for a settlement run lands in the next period.
        const at = ledger.clock.now();
        const result = await moveRange(em, movement, range, at);
        if (result.members > 0) await ledger.hooks.afterBulkMovement(em, result);
        return result;
      });
    // An instant whose month the job has not made yet (journal-months.ts): made now, and the range moved again.
    const moved = await moveOnce().catch(async (error: unknown) => {
      if (!isMissingMonth(error)) throw error;
      await makeMonthsAhead(ledger.em, ledger.clock.now(), ledger.timeZone);
      return moveOnce();
    });
    total.members += moved.members;
    total.points += moved.points;
    total.occurredAt = moved.occurredAt;
    onProgress(total);
  });
  return total;
}

async function moveRange(em: EntityManager, movement: BulkMovement, range: MemberRange, at: Date): Promise<BulkMovementResult> {
  // The holders first, in member order; the statement below reads their rows as locked here.
  await executeSql(
    em,
    sql`select w.member_id from wallet.wallet w
     where w.member_id in (select c.member_id from (${movement.candidates}) c where ${inRange(sql`c.member_id`, range)})
       and ${inRange(sql`w.member_id`, range)}
     order by w.member_id for no key update`,
  );
  const year = movement.earningYear?.(at) ?? null;
  const rows: { members: string; distinct_members: string; points: string }[] = await executeSql(
    em,
    sql`with ${await movement.postings(em, range, at)},
     changes as (
       select m.member_id, m.transaction_id, m.idempotency_key, -coalesce(sum(p.amount) filter (where p.account = 'MEMBER_POINTS'), 0) as points
       from movers m join postings p using (transaction_id) group by 1, 2, 3),
     earning_year_lots as (
       insert into wallet.points_lot (member_id, earning_year, expires_at, remaining)
       select p.member_id, ${year?.earningYear ?? null}::int, ${year?.expiresAt ?? null}::timestamptz, -sum(p.amount) from postings p
       where p.to_earning_year group by p.member_id
       on conflict (member_id, earning_year) do update set remaining = wallet.points_lot.remaining + excluded.remaining
       returning id, member_id),
     lots as (
       update wallet.points_lot l set remaining = l.remaining - p.amount
       from (select points_lot_id, sum(amount) as amount from postings where points_lot_id is not null group by 1) p
       where l.id = p.points_lot_id and ${inRange(sql`l.member_id`, range)}),
     transaction_keys as (
       insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash)
       select c.transaction_id, ${at}::timestamptz, c.member_id, ${movement.clientId}, c.idempotency_key, ${movement.requestHash} from changes c),
     transactions as (
       insert into wallet.journal_transaction (id, kind, member_id, occurred_at, amount, balance_after, points_change, points_after, growth, tier_rank,
         benefit_id, campaign_id, campaign_points, client_id, idempotency_key, request_hash)
       select c.transaction_id, ${movement.kind}, c.member_id, ${at}::timestamptz, 0, w.balance, c.points, w.points_balance + c.points, 0, w.tier_rank,
         ${movement.benefitId ?? null}::uuid, ${movement.campaignId ?? null}::uuid, ${movement.campaignPoints?.toString() ?? null}::bigint,
         ${movement.clientId}, c.idempotency_key, ${movement.requestHash}
       from changes c join wallet.wallet w using (member_id) where ${inRange(sql`w.member_id`, range)}),
     entries as (
       insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, points_lot_id, amount, occurred_at, points_rate)
       select p.transaction_id, ${movement.kind}, p.account, 'POINTS', p.merchant_id, p.member_id, coalesce(p.points_lot_id, y.id), p.amount, ${at}::timestamptz,
         p.points_rate
       from postings p left join earning_year_lots y on p.to_earning_year and y.member_id = p.member_id),
     balances as (
       update wallet.wallet w set points_balance = w.points_balance + c.points from changes c
       where w.member_id = c.member_id and ${inRange(sql`w.member_id`, range)})
     select count(*) as members, count(distinct member_id) as distinct_members, coalesce(sum(points), 0) as points from changes`,
  );
  if (rows[0]!.members !== rows[0]!.distinct_members) throw new Error(`${movement.kind}: a bulk movement moved a member twice in one statement`);
  return { kind: movement.kind, occurredAt: at, benefitId: movement.benefitId ?? null, members: Number(rows[0]!.members), points: BigInt(rows[0]!.points) };
}
