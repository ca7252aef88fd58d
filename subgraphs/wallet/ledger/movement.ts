/**
 * One path for every value movement. A command (top-up, checkout, refund ...)
 * only works out what moves: which accounts, lots and assets, as postings.
 * `recordMovement` does the rest the same way for all of them:
 *
 *   1. idempotency: the client's key is locked and a request seen before is
 *      answered from its first result (same input) or refused (other input);
 *   2. the period lock (shared with other movements, exclusive to a
 *      settlement run) and the movement's instant, read after it;
 *   3. the holder's lock: the member's wallet row, taken before its lots, so
 *      movements of one member run one at a time without deadlocks;
 *   4. one statement that writes the journal transaction, its entries, a new
 *      lot if the command opens one, the lots' remaining value and the
 *      holder's balances, all derived from the postings.
 *
 * As in pgr0ss/pgledger's create_transfers, the balances are never set by a
 * command: they follow from the entries in the same statement. Every
 * transaction balances per asset, here and again in PostgreSQL at commit.
 */
import { sqlArray } from '../../../lib/sql.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../lib/auth.js';
import type { Clock } from '../../../lib/clock.js';
import { notFound } from '../../../lib/errors.js';
import type { Fen } from '../../../lib/money.js';
import { lockPeriodShared } from './accounting-period.js';
import {
  ACCOUNT_ASSET, checkIdempotencyKey, priorResult, requestHash, type Account, type Asset, type TransactionRecord,
} from './transaction.js';

/** Stands for the lot a movement opens (a top-up's), whose id the database gives. */
export const NEW_LOT = 'new-lot';

/** One line of a movement: debit positive, credit negative, in the account's asset. */
export interface Posting {
  account: Account;
  merchantId: string;
  /** The issuer lot a STORED_VALUE posting moves (NEW_LOT: the one this movement opens). */
  lotId: string | null;
  amount: bigint;
}

/** The member whose holdings move (its wallet row), as locked for the movement. */
export interface HolderRecord {
  memberId: string;
  status: 'ACTIVE' | 'FROZEN';
  /** Stored value, fen: the sum of the member's issuer lots' remaining value. */
  balance: Fen;
  /** Its rank on the programme's tier ladder, 0 the lowest (programme/programme.ts tierAt). */
  tierRank: number;
}

/** What a command says about its transaction; the primitive adds the member, the instant, the balance after and the id. */
export type TransactionHeader = Omit<TransactionRecord, 'id' | 'memberId' | 'occurredAt' | 'balanceAfter'>;

export interface NewIssuerLot {
  issuerId: string;
  principal: Fen;
  bonus: Fen;
}

export interface MovementPlan {
  header: TransactionHeader;
  postings: Posting[];
  /** A lot this movement opens, worth principal + bonus: a posting with lotId NEW_LOT credits it. */
  newLot?: NewIssuerLot;
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
  /** Checks and facts that come before the holder's lock (store, terms, pay code); names the member. */
  prepare(em: EntityManager, occurredAt: Date): Promise<P>;
  /** What moves, given the locked holder (reads and locks the lots it spends). */
  plan(em: EntityManager, prepared: P, holder: HolderRecord): Promise<MovementPlan>;
  /** The answer, from the transaction written and the holder after it. */
  answer(transaction: TransactionRecord, holder: HolderRecord): R;
}

export interface LedgerDeps {
  em: EntityManager;
  clock: Clock;
  timeZone: string;
}

/** The one way value moves; see the file's header. */
export async function recordMovement<P extends { memberId: string }, R>(deps: LedgerDeps, request: MovementRequest, command: MovementCommand<P, R>): Promise<R> {
  const key = checkIdempotencyKey(request.idempotencyKey);
  const hash = requestHash(request.operation, request.input);
  return deps.em.transactional(async (em) => {
    const prior = await priorResult(em, request.caller, key, hash);
    if (prior) return command.replay(em, prior);

    // The instant is read after the period lock is granted, so a movement that waited for a settlement run lands in the next period.
    await lockPeriodShared(em, deps.clock.now(), deps.timeZone);
    const occurredAt = deps.clock.now();
    const prepared = await command.prepare(em, occurredAt);
    const holder = await lockHolder(em, prepared.memberId);
    const plan = await command.plan(em, prepared, holder);
    const balanceChange = checkPostings(plan);
    const after = { ...holder, balance: holder.balance + balanceChange };
    const transaction = await writeMovement(em, { ...plan.header, memberId: holder.memberId, occurredAt, balanceAfter: after.balance }, plan, balanceChange, {
      clientId: request.caller.subject, idempotencyKey: key, requestHash: hash,
    });
    return command.answer(transaction, after);
  });
}

/** The wallet row's columns a holder is read from, and the reading (wallet/wallet.ts reads wallets the same way). */
export const HOLDER_COLUMNS = 'member_id, status, balance, tier_rank';
export interface HolderRow {
  member_id: string;
  status: HolderRecord['status'];
  balance: string;
  tier_rank: number;
}
export const toHolder = (row: HolderRow): HolderRecord => ({ memberId: row.member_id, status: row.status, balance: BigInt(row.balance), tierRank: row.tier_rank });

async function lockHolder(em: EntityManager, memberId: string): Promise<HolderRecord> {
  const rows: HolderRow[] = await em.execute(`select ${HOLDER_COLUMNS} from wallet.wallet where member_id = ? for update`, [memberId]);
  if (!rows[0]) throw notFound('Wallet');
  return toHolder(rows[0]);
}

/**
 * Refuses (as a bug, before any write) a plan that does not balance per
 * asset; returns how the holder's stored value changes: it holds the credit
 * side of STORED_VALUE, so a credit (negative) raises it.
 */
function checkPostings(plan: MovementPlan): bigint {
  const sums = new Map<Asset, bigint>();
  for (const p of plan.postings) {
    if (p.amount === 0n) throw new Error(`a zero posting on ${p.account}`);
    if ((p.account === 'STORED_VALUE') !== (p.lotId !== null)) throw new Error(`${p.account} posting ${p.lotId === null ? 'without' : 'with'} a lot`);
    const asset = ACCOUNT_ASSET[p.account];
    sums.set(asset, (sums.get(asset) ?? 0n) + p.amount);
  }
  for (const [asset, sum] of sums) if (sum !== 0n) throw new Error(`unbalanced journal transaction: ${asset} off by ${sum}`);
  const opened = plan.postings.filter((p) => p.lotId === NEW_LOT);
  if ((opened.length > 0) !== !!plan.newLot) throw new Error('a NEW_LOT posting and a new lot go together');
  return -plan.postings.filter((p) => p.account === 'STORED_VALUE').reduce((sum, p) => sum + p.amount, 0n);
}

const sqlValue = (value: unknown) => (typeof value === 'bigint' ? value.toString() : (value ?? null));

/**
 * One statement, one round trip: the new lot, the lots spent or refilled,
 * the transaction, its entries and the holder's balance. Foreign keys
 * between them are checked at the statement's end; CHECK constraints keep
 * lots and balances from going below zero.
 */
async function writeMovement(
  em: EntityManager,
  tx: Omit<TransactionRecord, 'id'>,
  plan: MovementPlan,
  balanceChange: bigint,
  idempotency: { clientId: string; idempotencyKey: string; requestHash: string },
): Promise<TransactionRecord> {
  const id = randomUUID();
  const params: unknown[] = [];
  const ctes: string[] = [];
  const bind = (...values: unknown[]) => {
    params.push(...values.map(sqlValue));
    return values.map(() => '?').join(', ');
  };

  if (plan.newLot) {
    const { issuerId, principal, bonus } = plan.newLot;
    ctes.push(`new_lot as (
      insert into wallet.issuer_lot (member_id, issuer_id, top_up_id, created_at, principal, bonus, remaining)
      values (${bind(tx.memberId, issuerId, id, tx.occurredAt, principal, bonus, principal + bonus)}) returning id)`);
  }
  // A lot's remaining value falls by what is debited to it and rises by what is credited.
  const lotChanges = new Map<string, bigint>();
  for (const p of plan.postings) if (p.lotId !== null && p.lotId !== NEW_LOT) lotChanges.set(p.lotId, (lotChanges.get(p.lotId) ?? 0n) - p.amount);
  if (lotChanges.size > 0) {
    ctes.push(`lots as (
      update wallet.issuer_lot l set remaining = l.remaining + v.change
      from (select unnest(?::bigint[]) as id, unnest(?::bigint[]) as change) v where l.id = v.id)`);
    params.push(sqlArray([...lotChanges.keys()]), sqlArray([...lotChanges.values()]));
  }
  ctes.push(`transaction as (
    insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, principal, bonus,
      order_amount, amount_due, order_ref, refund_of, commission_bps, balance_after, client_id, idempotency_key, request_hash)
    values (${bind(id, tx.kind, tx.memberId, tx.storeId, tx.acquirerId, tx.occurredAt, tx.amount, tx.principal, tx.bonus, tx.orderAmount,
    tx.amountDue, tx.orderRef, tx.refundOf, tx.commissionBps, tx.balanceAfter, idempotency.clientId, idempotency.idempotencyKey, idempotency.requestHash)}))`);
  if (plan.postings.length > 0) {
    // Placeholders are bound in the order they appear.
    const rows = plan.postings.map((p) => {
      const head = bind(id, tx.kind, p.account, ACCOUNT_ASSET[p.account], p.merchantId, tx.memberId);
      const lot = p.lotId === NEW_LOT ? '(select id from new_lot)' : bind(p.lotId);
      return `(${head}, ${lot}, ${bind(p.amount, tx.occurredAt, tx.acquirerId, tx.commissionBps)})`;
    });
    ctes.push(`entries as (
      insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id, commission_bps)
      values ${rows.join(', ')})`);
  }
  if (balanceChange !== 0n) ctes.push(`balance as (update wallet.wallet set balance = balance + ${bind(balanceChange)} where member_id = ${bind(tx.memberId)})`);
  await em.execute(`with ${ctes.join(',\n')} select 1`, params);
  return { ...tx, id };
}
