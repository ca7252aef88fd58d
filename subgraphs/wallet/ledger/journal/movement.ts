/**
 * One path for every value movement. A command (top-up, checkout, refund ...)
 * only works out what moves: which accounts, lots and assets, as postings.
 * `recordMovement` does the rest the same way for all of them:
 *
 *   1. idempotency: the client's key is locked and a request seen before is
 *      answered from its first result (same input) or refused (other input);
 *   2. the period lock (shared with other movements, exclusive to a
 *      settlement run), in the same round trip as 1 (wallet.open_movement_at),
 *      for the movement's instant, read first: the movement starts again if
 *      a run settled that month before the locks were granted. A till's
 *      movement carries 1 and 2 in its read at the store;
 *   3. the holder's lock: the member's wallet row, taken before its lots, so
 *      movements of one member run one at a time without deadlocks; the lots
 *      the command spends locked after it, in the same round trip
 *      (wallet.lock_holder);
 *   4. one statement that writes the journal transaction, its entries, a new
 *      lot if the command opens one (an issuer lot, or the points lot of the
 *      earning year), the lots' remaining value, the holder's balances (both
 *      derived from the postings), its standing (cycle growth, tier,
 *      plan, upgrade gifts) as the command worked it out, the use or
 *      return of a coupon, and the jobs its follow-up queues (hooks.jobsAfter);
 *   5. what else follows (hooks.afterMovement: tasks, referrals, a plan's
 *      grants), in the same transaction, and what it reports to the answer;
 *      when nothing does (hooks.nothingFollows), the write of 4 commits the
 *      transaction in its own round trip (lib/begin-ahead.ts).
 *
 * As in pgr0ss/pgledger's create_transfers, the balances are never set by a
 * command: they follow from the entries in the same statement. Every
 * transaction balances per asset, here and again in PostgreSQL after the
 * statement that writes it (Migration20261201000300).
 */
import { executeSql, joinSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import type { Clock } from '../../../../lib/clock.js';
import { domainError, notFound } from '../../../../lib/errors.js';
import type { Fen } from '../../../../lib/money.js';
import { periodLockOf, periodOf } from './accounting-period.js';
import { isMissingMonth, makeMonthsAhead } from './journal-months.js';
import { issuerLotsOf, pointsLotsOf, type HeldLots, type LotsToHold } from './held-lots.js';
import { queueJobsSql, type QueuedJob } from '../queue/queue.js';
import { lastStatementCommits } from '../../../../lib/begin-ahead.js';
import {
  ACCOUNT_ASSET,
  TRANSACTION_COLUMNS,
  OpenedBefore,
  PeriodSettledMeanwhile,
  checkIdempotencyKey,
  findTransaction,
  movementOpening,
  openMovement,
  requestHash,
  transactionValues,
  type Account,
  type MovementOpening,
  type Asset,
  type TransactionKind,
  type TransactionRecord,
} from './transaction.js';

/** Stands for the lot a movement opens (a top-up's), whose id the database gives. */
export const NEW_LOT = 'new-lot';
/** Stands for the member's points lot of the earning year, opened by the movement if there is none yet. */
export const EARNING_YEAR_LOT = 'earning-year-lot';

/** One line of a movement: debit positive, credit negative, in the account's asset. */
export interface Posting {
  account: Account;
  /** The merchant the account is of; null for HQ's points accounts and the member's points. */
  merchantId: string | null;
  /** The issuer lot a STORED_VALUE posting moves (NEW_LOT: the one this movement opens). */
  lotId: string | null;
  /** MEMBER_POINTS: the points lot (EARNING_YEAR_LOT, or null for the member's debt). */
  pointsLotId?: string | null;
  /** POINTS_EARNED and POINTS_BURNED: the fen per 100 points the merchant's terms set, for settlement. */
  pointsRate?: number;
  amount: bigint;
}

/** The member whose holdings move (its wallet row), as locked for the movement. */
export interface HolderRecord {
  memberId: string;
  status: 'ACTIVE' | 'FROZEN';
  /** Stored value, fen: the sum of the member's issuer lots' remaining value. */
  balance: Fen;
  /** Points: the lots' points, or, negative, a debt after a refund took back points already spent. */
  pointsBalance: bigint;
  /** Its rank on the programme's tier ladder, 0 the lowest (programme/programme.ts tierAt). */
  tierRank: number;
  /** The growth cycle the wallet row counts, and the growth in it. */
  cycleStartsAt: Date;
  cycleGrowth: bigint;
  planCode: string | null;
  planValidUntil: Date | null;
}

/** What a command says about its transaction; the primitive adds the member, the instant, the balances after and the id. */
export type TransactionHeader = Omit<TransactionRecord, 'id' | 'memberId' | 'occurredAt' | 'balanceAfter' | 'pointsChange' | 'pointsAfter'>;

export interface NewIssuerLot {
  issuerId: string;
  principal: Fen;
  bonus: Fen;
}

/** The member's standing after the movement, as the command worked it out from the locked holder. */
export interface Standing {
  tierRank: number;
  cycleStartsAt: Date;
  cycleGrowth: bigint;
  planCode: string | null;
  planValidUntil: Date | null;
  /** Upgrade gifts given by this movement, one per tier per cycle (held by a key in PostgreSQL). */
  gifts: { rank: number; points: bigint }[];
}

export interface MovementPlan {
  header: TransactionHeader;
  postings: Posting[];
  /** A lot this movement opens, worth principal + bonus: a posting with lotId NEW_LOT credits it. */
  newLot?: NewIssuerLot;
  /** The earning year's points lot, if a posting names EARNING_YEAR_LOT. */
  earningYearLot?: { earningYear: number; expiresAt: Date };
  standing?: Standing;
  /** A coupon this movement uses (a checkout) or gives back (a full refund); PostgreSQL keeps each to one use at a time. */
  coupon?: { id: string; change: 'USE' | 'GIVE_BACK' };
}

export interface MovementRequest {
  /** The operation's name, part of the request's fingerprint. */
  operation: string;
  caller: Claims;
  idempotencyKey: string;
  /** The parsed input that makes two requests the same request. */
  input: Record<string, unknown>;
}

export interface MovementCommand<P extends { memberId: string }, R> {
  /** The answer to a request seen before, from the transaction it made. */
  replay(em: EntityManager, prior: TransactionRecord): Promise<R>;
  /**
   * Checks and facts that come before the holder's lock (store, terms, pay code); names the member. A command that
   * `carriesOpening` is given the movement's opening, which its first statement must carry (openAtStore does).
   */
  prepare(em: EntityManager, occurredAt: Date, opening: MovementOpening | null): Promise<P>;
  /** Whether prepare's first statement carries the movement's opening (a till's movement: openAtStore), saving its round trip. */
  carriesOpening?: boolean;
  /**
   * A read the command wants with the holder's lock, in the same round trip: a scalar subquery (one JSON value, say)
   * whose result plan() receives as `alongside`; it may read the locked wallet row as `holder`. For facts of the member
   * found after prepare (a checkout's campaign multiplier and the member discounts its tier holds), saving statements.
   */
  readAlongside?(prepared: P): Sql | null;
  /** The holder's lots the command spends, locked after the holder in its round trip and given to plan() as `lots`. */
  lotsToHold?(prepared: P): LotsToHold;
  /** What moves, given the locked holder and the lots it asked for (it may lock others it names, after them). */
  plan(em: EntityManager, prepared: P, holder: HolderRecord, alongside: unknown, lots: HeldLots): Promise<MovementPlan>;
  /** The answer, from the transaction written, the holder after it and what followed it. */
  answer(transaction: TransactionRecord, holder: HolderRecord, followed: FollowedUp): R;
}

/** A member reaching a higher tier through a movement, for whoever listens (webhooks); in the movement's transaction. */
export interface TierUpgrade {
  memberId: string;
  fromRank: number;
  toRank: number;
  at: Date;
}

/** A task a movement completed for its member: the task, and the points and growth its completion gave. */
export interface CompletedTask {
  taskId: string;
  points: bigint;
  growth: bigint;
}

/**
 * What followed a movement that its answer reports, as the hooks worked it out in its transaction (so the answer reads
 * nothing again): the tasks it completed for its member, in the order a later read lists them, and whether it
 * converted the member's invitation.
 */
export interface FollowedUp {
  tasksCompleted: CompletedTask[];
  referralConverted: boolean;
}

/** What a bulk movement (bulk-movement.ts) wrote in a range, or in all: for its hooks and its caller. */
export interface BulkMovementResult {
  kind: TransactionKind;
  occurredAt: Date;
  benefitId: string | null;
  /** Members moved (a transaction each), and the points their balances changed by in all. */
  members: number;
  points: bigint;
}

/**
 * What follows a movement, in its transaction: what the hooks write commits or rolls back with it. The ledger declares
 * that something follows; the marketing area says what (marketing/follow-up/hooks.ts), and every LedgerDeps must carry
 * them, so no command can move value without them.
 */
export interface MovementHooks {
  /** Each upgrade a movement makes. */
  onTierUpgrade(em: EntityManager, upgrade: TierUpgrade): Promise<void>;
  /**
   * The jobs every movement queues beside the request (whether each is queued is its condition's to say), queued by the
   * movement's own write statement: no round trip of their own.
   */
  jobsAfter(transaction: TransactionRecord, upgraded: boolean): QueuedJob[];
  /**
   * A read for what follows, in the holder's lock statement (a scalar subquery; the locked wallet row is `holder`):
   * whether anything can follow at all, so that afterMovement spends no statement finding nothing to do.
   */
  readAlongside(): Sql;
  /**
   * Whether nothing follows a movement of this kind in its transaction (neither onTierUpgrade nor afterMovement would
   * send a statement), given the hooks' read: its write is then the transaction's last statement.
   */
  nothingFollows(kind: TransactionKind, alongside: unknown, upgraded: boolean): boolean;
  /** Every movement (whether it is followed up is the hook's to say), with its read; says what followed, for the answer. */
  afterMovement(em: EntityManager, transaction: TransactionRecord, alongside: unknown): Promise<FollowedUp>;
  /** Every range of a bulk movement that moved someone (bulk-movement.ts), in the range's transaction. */
  afterBulkMovement(em: EntityManager, moved: BulkMovementResult): Promise<void>;
}

export interface LedgerDeps {
  em: EntityManager;
  clock: Clock;
  timeZone: string;
  hooks: MovementHooks;
}

/** The one way value moves; see the file's header. */
export async function recordMovement<P extends { memberId: string }, R>(
  deps: LedgerDeps,
  request: MovementRequest,
  command: MovementCommand<P, R>,
): Promise<R> {
  const key = checkIdempotencyKey(request.idempotencyKey);
  const hash = requestHash(request.operation, request.input);
  // A movement in a transaction of its own (not one nested in another's, as a task's reward is) may commit with its write.
  const outermost = !deps.em.isInTransaction();
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.em.transactional((em) => moveOnce(deps, request, command, em, key, hash, outermost));
    } catch (error) {
      // The opening a till's first statement carried: the key's transaction made before is the answer (read outside the
      // rolled-back transaction, which used nothing up); a period settled meanwhile means starting again, later.
      if (error instanceof OpenedBefore) {
        const prior = await findTransaction(deps.em, error.priorId);
        if (prior) return command.replay(deps.em, prior);
      }
      if (error instanceof PeriodSettledMeanwhile) {
        if (attempt < MAX_OPENINGS) continue;
        throw domainError('SERVICE_UNAVAILABLE', 'A month is being settled; try again', { retryAfterSeconds: 1 });
      }
      // An instant whose month the job has not made yet (journal-months.ts): made now, and the movement starts again.
      if (outermost && attempt < MAX_OPENINGS && isMissingMonth(error)) {
        await makeMonthsAhead(deps.em, deps.clock.now(), deps.timeZone);
        continue;
      }
      throw error;
    }
  }
}

/** How many times a movement starts again because its period was settled while it opened, or its month was missing (at most once, in practice). */
const MAX_OPENINGS = 3;

async function moveOnce<P extends { memberId: string }, R>(
  deps: LedgerDeps,
  request: MovementRequest,
  command: MovementCommand<P, R>,
  em: EntityManager,
  key: string,
  hash: string,
  outermost: boolean,
): Promise<R> {
  // The instant first; the opening refuses it if its period was settled by the time its locks were granted (the movement
  // then starts again, above). A till's read at the store carries the opening; any other command opens with it alone.
  const occurredAt = deps.clock.now();
  const opening = movementOpening(request.caller, key, hash, periodLockOf(occurredAt, deps.timeZone), periodOf(occurredAt, deps.timeZone).label);
  if (!command.carriesOpening) await openMovement(em, opening);
  const prepared = await command.prepare(em, occurredAt, command.carriesOpening ? opening : null);
  if (!opening.carried) throw new Error('a command that carries its opening did not: nothing locked its key or period');
  const { holder, alongside, hooksRead, lots } = await lockHolder(
    em,
    prepared.memberId,
    { command: command.readAlongside?.(prepared) ?? null, hooks: deps.hooks.readAlongside() },
    command.lotsToHold?.(prepared) ?? {},
  );
  const plan = await command.plan(em, prepared, holder, alongside, lots);
  const change = checkPostings(plan);
  const after: HolderRecord = {
    ...holder,
    ...withoutGifts(plan.standing),
    balance: holder.balance + change.balance,
    pointsBalance: holder.pointsBalance + change.points,
  };
  const upgraded = after.tierRank > holder.tierRank;
  const write = () =>
    writeMovement(
      em,
      {
        ...plan.header,
        memberId: holder.memberId,
        occurredAt,
        balanceAfter: after.balance,
        pointsChange: change.points,
        pointsAfter: after.pointsBalance,
        tierRank: plan.header.tierRank ?? holder.tierRank,
      },
      plan,
      change,
      { clientId: request.caller.subject, idempotencyKey: key, requestHash: hash },
      (written) => queueJobsSql(deps.hooks.jobsAfter(written, upgraded)),
    );
  // When nothing follows the write in the transaction (the hooks say so from their read), the write is its last
  // statement and commits it in the same round trip (lib/begin-ahead.ts); the COMMIT after it is then answered at once.
  const transaction = outermost && deps.hooks.nothingFollows(plan.header.kind, hooksRead, upgraded) ? await lastStatementCommits(write) : await write();
  if (upgraded) {
    await deps.hooks.onTierUpgrade(em, { memberId: holder.memberId, fromRank: holder.tierRank, toRank: after.tierRank, at: occurredAt });
  }
  const followed = await deps.hooks.afterMovement(em, transaction, hooksRead);
  return command.answer(transaction, after, followed);
}

const withoutGifts = (standing: Standing | undefined): Partial<HolderRecord> => {
  if (!standing) return {};
  const { gifts: _gifts, ...rest } = standing;
  return rest;
};

/** The wallet row's columns a holder is read from, and the reading (ledger/accounts/wallet.ts reads wallets the same way). */
export const HOLDER_COLUMNS = 'member_id, status, balance, points_balance, tier_rank, cycle_starts_at, cycle_growth, plan_code, plan_valid_until';
export interface HolderRow {
  member_id: string;
  status: HolderRecord['status'];
  balance: string;
  points_balance: string;
  tier_rank: number;
  cycle_starts_at: Date | string | number;
  cycle_growth: string;
  plan_code: string | null;
  plan_valid_until: Date | null;
}
/** A wallet that never counted a cycle has '-infinity' there (the driver may give it as a number or text): the earliest Date. */
export const NEVER_COUNTED = new Date(-8.64e15);
const instant = (value: Date | string | number) => {
  const at = value instanceof Date ? value : typeof value === 'number' || value === '-infinity' ? NEVER_COUNTED : new Date(value);
  return Number.isFinite(at.getTime()) ? at : NEVER_COUNTED;
};
export const toHolder = (row: HolderRow): HolderRecord => ({
  memberId: row.member_id,
  status: row.status,
  balance: BigInt(row.balance),
  pointsBalance: BigInt(row.points_balance),
  tierRank: row.tier_rank,
  cycleStartsAt: instant(row.cycle_starts_at),
  cycleGrowth: BigInt(row.cycle_growth),
  planCode: row.plan_code,
  planValidUntil: row.plan_valid_until ? new Date(row.plan_valid_until) : null,
});

/** The holder's columns as lockHolder's statement names them (the wallet row wallet.lock_holder returned, `holder`). */
const LOCKED_HOLDER_COLUMNS = HOLDER_COLUMNS.replace(/(\w+)/g, 'holder.$1');

/**
 * The holder's wallet row locked, then the lots the command asked for (wallet.lock_holder, a function so that each lock
 * is taken and read after the one before), and the command's and the hooks' reads alongside, evaluated once the function
 * has returned.
 */
async function lockHolder(
  em: EntityManager,
  memberId: string,
  reads: { command: Sql | null; hooks: Sql },
  lots: LotsToHold,
): Promise<{ holder: HolderRecord; alongside: unknown; hooksRead: unknown; lots: HeldLots }> {
  const rows: (Partial<HolderRow> & { alongside: unknown; hooks_read: unknown; issuer_lots: unknown; points_lots: unknown })[] = await executeSql(
    em,
    sql`select ${trustedSql(LOCKED_HOLDER_COLUMNS)}, locked.issuer_lots, locked.points_lots,
       (${reads.command ?? sql`null`}) as alongside, (${reads.hooks}) as hooks_read
     from wallet.lock_holder(${memberId}, ${lots.issuerLots ?? false}, ${lots.pointsLots ?? false}) locked cross join lateral (select (locked.holder).*) holder`,
  );
  const row = rows[0];
  if (!row?.member_id) throw notFound('Wallet');
  return {
    holder: toHolder(row as HolderRow),
    alongside: row.alongside ?? null,
    hooksRead: row.hooks_read ?? null,
    lots: { issuerLots: issuerLotsOf(row.issuer_lots), pointsLots: pointsLotsOf(row.points_lots) },
  };
}

/**
 * Refuses (as a bug, before any write) a plan that does not balance per
 * asset or names lots wrongly; returns how the holder's stored value and
 * points change: it holds the credit side of STORED_VALUE and MEMBER_POINTS,
 * so a credit (negative) raises them.
 */
function checkPostings(plan: MovementPlan): { balance: bigint; points: bigint } {
  const sums = new Map<Asset, bigint>();
  for (const p of plan.postings) {
    if (p.amount === 0n) throw new Error(`a zero posting on ${p.account}`);
    if ((p.account === 'STORED_VALUE') !== (p.lotId !== null)) throw new Error(`${p.account} posting ${p.lotId === null ? 'without' : 'with'} a lot`);
    if ((p.account === 'MEMBER_POINTS') !== (p.pointsLotId !== undefined)) throw new Error(`${p.account} posting and a points lot go together`);
    if ((p.account === 'POINTS_EARNED' || p.account === 'POINTS_BURNED') !== (p.pointsRate !== undefined))
      throw new Error(`${p.account} posting and a points rate go together`);
    const asset = ACCOUNT_ASSET[p.account];
    sums.set(asset, (sums.get(asset) ?? 0n) + p.amount);
  }
  for (const [asset, sum] of sums) if (sum !== 0n) throw new Error(`unbalanced journal transaction: ${asset} off by ${sum}`);
  if (plan.postings.some((p) => p.lotId === NEW_LOT) !== !!plan.newLot) throw new Error('a NEW_LOT posting and a new lot go together');
  if (plan.postings.some((p) => p.pointsLotId === EARNING_YEAR_LOT) !== !!plan.earningYearLot)
    throw new Error('an EARNING_YEAR_LOT posting and its year go together');
  const credited = (account: Account) => -plan.postings.filter((p) => p.account === account).reduce((sum, p) => sum + p.amount, 0n);
  return { balance: credited('STORED_VALUE'), points: credited('MEMBER_POINTS') };
}

const sqlValue = (value: unknown) => (typeof value === 'bigint' ? value.toString() : (value ?? null));

/**
 * One statement, one round trip: the new lots, the lots spent or refilled,
 * the transaction, its entries, the holder's balances and standing, and
 * the upgrade gifts. Foreign keys between them are checked at the
 * statement's end; CHECK constraints keep lots and balances from going below
 * zero, and a key keeps each tier's gift to once per cycle.
 */
async function writeMovement(
  em: EntityManager,
  tx: Omit<TransactionRecord, 'id'>,
  plan: MovementPlan,
  change: { balance: bigint; points: bigint },
  idempotency: { clientId: string; idempotencyKey: string; requestHash: string },
  carried: (record: TransactionRecord) => Sql | null,
): Promise<TransactionRecord> {
  const record: TransactionRecord = { ...tx, id: randomUUID() };
  const ctes: Sql[] = [];
  /** Values as a bound list: (${list(a, b)}) is (?, ?). */
  const list = (...values: unknown[]) =>
    joinSql(
      values.map((v) => sql`${sqlValue(v)}`),
      ', ',
    );

  if (plan.newLot) {
    const { issuerId, principal, bonus } = plan.newLot;
    ctes.push(sql`new_lot as (
      insert into wallet.issuer_lot (member_id, issuer_id, top_up_id, created_at, principal, bonus, remaining)
      values (${list(tx.memberId, issuerId, record.id, tx.occurredAt, principal, bonus, principal + bonus)}) returning id)`);
  }
  if (plan.earningYearLot) {
    const credit = -plan.postings.filter((p) => p.pointsLotId === EARNING_YEAR_LOT).reduce((sum, p) => sum + p.amount, 0n);
    ctes.push(sql`earning_year_lot as (
      insert into wallet.points_lot (member_id, earning_year, expires_at, remaining) values (${list(tx.memberId, plan.earningYearLot.earningYear, plan.earningYearLot.expiresAt, credit)})
      on conflict (member_id, earning_year) do update set remaining = wallet.points_lot.remaining + excluded.remaining returning id)`);
  }
  // A lot's remaining value falls by what is debited to it and rises by what is credited.
  const lotChanges = (lotOf: (p: Posting) => string | null | undefined, skip: string) => {
    const changes = new Map<string, bigint>();
    for (const p of plan.postings) {
      const lot = lotOf(p);
      if (lot !== null && lot !== undefined && lot !== skip) changes.set(lot, (changes.get(lot) ?? 0n) - p.amount);
    }
    return [...changes].filter(([, c]) => c !== 0n);
  };
  for (const [name, table, changes] of [
    ['issuer_lots', 'issuer_lot', lotChanges((p) => p.lotId, NEW_LOT)],
    ['points_lots', 'points_lot', lotChanges((p) => p.pointsLotId, EARNING_YEAR_LOT)],
  ] as const) {
    if (changes.length === 0) continue;
    ctes.push(sql`${trustedSql(name)} as (
      update wallet.${trustedSql(table)} l set remaining = l.remaining + v.change
      from (select unnest(${sqlArray(changes.map(([id]) => id))}::bigint[]) as id, unnest(${sqlArray(changes.map(([, c]) => c))}::bigint[]) as change) v where l.id = v.id)`);
  }
  if (plan.coupon) {
    const use = plan.coupon.change === 'USE';
    ctes.push(sql`coupon_use as (update wallet.coupon set redemptions = redemptions + ${list(use ? 1 : 0)}, restorations = restorations + ${list(use ? 0 : 1)}
      where id = ${list(plan.coupon.id)})`);
  }
  // What must be unique across the journal's months (the id others refer to, the client's key, a sign-in day, a payment
  // reference) is held by the key table (Migration20261206000100); the transaction goes to its month's partition.
  ctes.push(sql`transaction_key as (
    insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash, sign_in_day, payment_ref,
      refund_of, refunded_order_amount)
    values (${list(record.id, tx.occurredAt, tx.memberId, idempotency.clientId, idempotency.idempotencyKey, idempotency.requestHash, tx.signInDay ?? null, tx.paymentRef ?? null, tx.refundOf ?? null, tx.refundOf ? tx.orderAmount : null)}))`);
  ctes.push(sql`transaction as (
    insert into wallet.journal_transaction (${trustedSql(TRANSACTION_COLUMNS)}, client_id, idempotency_key, request_hash)
    values (${list(...transactionValues(record), idempotency.clientId, idempotency.idempotencyKey, idempotency.requestHash)}))`);
  if (plan.postings.length > 0) {
    const rows = plan.postings.map((p) => {
      const lot = p.lotId === NEW_LOT ? sql`(select id from new_lot)` : list(p.lotId);
      const pointsLot = p.pointsLotId === EARNING_YEAR_LOT ? sql`(select id from earning_year_lot)` : list(p.pointsLotId ?? null);
      return sql`(${list(record.id, tx.kind, p.account, ACCOUNT_ASSET[p.account], p.merchantId, tx.memberId)}, ${lot}, ${pointsLot},
        ${list(p.amount, tx.occurredAt, tx.acquirerId, tx.commissionBps, p.pointsRate ?? null)})`;
    });
    ctes.push(sql`entries as (
      insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, lot_id, points_lot_id, amount, occurred_at,
        acquirer_id, commission_bps, points_rate)
      values ${joinSql(rows, ', ')})`);
  }
  const standing = plan.standing;
  if (standing && standing.gifts.length > 0) {
    const gifts = standing.gifts.map((g) => sql`(${list(tx.memberId, standing.cycleStartsAt, g.rank, record.id, g.points)})`);
    ctes.push(sql`gifts as (insert into wallet.tier_gift (member_id, cycle_starts_at, rank, transaction_id, points) values ${joinSql(gifts, ', ')})`);
  }
  const sets: Sql[] = [];
  if (change.balance !== 0n) sets.push(sql`balance = balance + ${list(change.balance)}`);
  if (change.points !== 0n) sets.push(sql`points_balance = points_balance + ${list(change.points)}`);
  if (standing) {
    sets.push(sql`tier_rank = ${list(standing.tierRank)}, cycle_starts_at = ${list(standing.cycleStartsAt)}, cycle_growth = ${list(standing.cycleGrowth)}`);
    sets.push(sql`plan_code = ${list(standing.planCode)}, plan_valid_until = ${list(standing.planValidUntil)}`);
  }
  if (sets.length > 0) ctes.push(sql`holder as (update wallet.wallet set ${joinSql(sets, ', ')} where member_id = ${list(tx.memberId)})`);
  // What the statement carries (the follow-up's jobs): a select, so it runs only because the statement's result reads it.
  const carry = carried(record);
  if (carry) ctes.push(sql`carried as (${carry})`);
  await executeSql(em, sql`with ${joinSql(ctes, ',\n')} select ${carry ? sql`(select count(*) from carried)` : sql`1`}`);
  return record;
}
