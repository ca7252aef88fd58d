/**
 * The double-entry journal. Every value movement is one journal transaction
 * whose entries sum to zero per asset (debits positive, credits negative):
 *   top-up    Dr ISSUER_CASH P, Dr ISSUER_BONUS B, Cr STORED_VALUE (new lot) P+B
 *   checkout  Dr STORED_VALUE (each lot used),     Cr ACQUIRER_SALES total
 *   refund    Cr STORED_VALUE (each lot refilled), Dr ACQUIRER_SALES total
 * Transactions are written by recordMovement (movement.ts) alone.
 */
import { sqlArray } from '../../../lib/sql.js';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../lib/auth.js';
import { domainError } from '../../../lib/errors.js';
import type { Fen } from '../../../lib/money.js';

export type TransactionKind = 'TOP_UP' | 'CHECKOUT' | 'REFUND';
export type Account = 'STORED_VALUE' | 'ISSUER_CASH' | 'ISSUER_BONUS' | 'ACQUIRER_SALES';
/** What an account counts: fen of stored value, or whole points. A transaction balances in each. */
export type Asset = 'FEN' | 'POINTS';
export const ACCOUNT_ASSET: Record<Account, Asset> = { STORED_VALUE: 'FEN', ISSUER_CASH: 'FEN', ISSUER_BONUS: 'FEN', ACQUIRER_SALES: 'FEN' };

export interface TransactionRecord {
  id: string;
  kind: TransactionKind;
  memberId: string;
  storeId: string;
  acquirerId: string;
  occurredAt: Date;
  amount: Fen;
  principal: Fen | null;
  bonus: Fen | null;
  orderAmount: Fen | null;
  amountDue: Fen | null;
  orderRef: string | null;
  refundOf: string | null;
  commissionBps: number | null;
  balanceAfter: Fen;
}

interface TransactionRow {
  id: string;
  kind: TransactionKind;
  member_id: string;
  store_id: string;
  acquirer_id: string;
  occurred_at: Date;
  amount: string;
  principal: string | null;
  bonus: string | null;
  order_amount: string | null;
  amount_due: string | null;
  order_ref: string | null;
  refund_of: string | null;
  commission_bps: number | null;
  balance_after: string;
  request_hash?: string;
}

const optionalFen = (value: string | null) => (value === null ? null : BigInt(value));

export function toTransaction(row: TransactionRow): TransactionRecord {
  return {
    id: row.id,
    kind: row.kind,
    memberId: row.member_id,
    storeId: row.store_id,
    acquirerId: row.acquirer_id,
    occurredAt: new Date(row.occurred_at),
    amount: BigInt(row.amount),
    principal: optionalFen(row.principal),
    bonus: optionalFen(row.bonus),
    orderAmount: optionalFen(row.order_amount),
    amountDue: optionalFen(row.amount_due),
    orderRef: row.order_ref,
    refundOf: row.refund_of,
    commissionBps: row.commission_bps,
    balanceAfter: BigInt(row.balance_after),
  };
}

export const TRANSACTION_COLUMNS = `id, kind, member_id, store_id, acquirer_id, occurred_at, amount, principal, bonus, order_amount,
  amount_due, order_ref, refund_of, commission_bps, balance_after`;

/** The fingerprint of a request, to tell a replay from a reuse of its key with other input. */
export function requestHash(operation: string, input: Record<string, unknown>): string {
  const canonical = JSON.stringify([operation, Object.keys(input).sort().map((k) => [k, input[k] ?? null])], (_, v) => (typeof v === 'bigint' ? v.toString() : v));
  return createHash('sha256').update(canonical).digest('hex');
}

export function checkIdempotencyKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw domainError('BAD_USER_INPUT', 'idempotencyKey must be 1 to 100 characters', { field: 'idempotencyKey' });
  }
  return trimmed;
}

/**
 * Serialises requests with the same client and key (a retry racing its
 * original), then returns the transaction the key already produced, if any.
 * Same key with other input is an error; same input is the first result.
 */
export async function priorResult(em: EntityManager, caller: Claims, key: string, hash: string): Promise<TransactionRecord | null> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [JSON.stringify([caller.subject, key])]);
  const rows: TransactionRow[] = await em.execute(
    `select ${TRANSACTION_COLUMNS}, request_hash from wallet.journal_transaction where client_id = ? and idempotency_key = ?`,
    [caller.subject, key],
  );
  const prior = rows[0];
  if (!prior) return null;
  if (prior.request_hash !== hash) throw domainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request');
  return toTransaction(prior);
}

export async function findTransaction(em: EntityManager, id: string, lock = false): Promise<TransactionRecord | null> {
  const rows: TransactionRow[] = await em.execute(`select ${TRANSACTION_COLUMNS} from wallet.journal_transaction where id = ?${lock ? ' for update' : ''}`, [id]);
  return rows[0] ? toTransaction(rows[0]) : null;
}

export async function transactionsByIds(em: EntityManager, ids: readonly string[]): Promise<(TransactionRecord | null)[]> {
  const rows: TransactionRow[] = await em.execute(`select ${TRANSACTION_COLUMNS} from wallet.journal_transaction where id = any(?::uuid[])`, [sqlArray(ids)]);
  const byId = new Map(rows.map((r) => [r.id, toTransaction(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface TransactionEdgeRecord {
  cursor: string;
  node: TransactionRecord;
}

export interface TransactionPage {
  edges: TransactionEdgeRecord[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function encodeCursor(t: TransactionRecord): string {
  return Buffer.from(`${t.occurredAt.toISOString()}|${t.id}`).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw domainError('BAD_USER_INPUT', 'after is not a cursor from this list', { field: 'after' });
  }
  return [date, id];
}

/**
 * A member's transactions, newest first, by keyset (stable under inserts).
 * `visibleTo` limits a merchant to transactions at its stores or of value it issued.
 */
export async function listTransactions(
  em: EntityManager,
  memberId: string,
  opts: { first: number; after?: string | null; visibleTo?: string },
): Promise<TransactionPage> {
  if (!Number.isInteger(opts.first) || opts.first < 1 || opts.first > 100) {
    throw domainError('BAD_USER_INPUT', 'first must be between 1 and 100', { field: 'first' });
  }
  const params: unknown[] = [memberId];
  let where = 't.member_id = ?';
  if (opts.after) {
    const [at, id] = decodeCursor(opts.after);
    where += ' and (t.occurred_at, t.id) < (?, ?)';
    params.push(at, id);
  }
  if (opts.visibleTo) {
    where += ` and (t.acquirer_id = ? or exists (select 1 from wallet.journal_entry e
      where e.transaction_id = t.id and e.account = 'STORED_VALUE' and e.merchant_id = ?))`;
    params.push(opts.visibleTo, opts.visibleTo);
  }
  params.push(opts.first + 1);
  const rows: TransactionRow[] = await em.execute(
    `select ${TRANSACTION_COLUMNS.replace(/(\w+)/g, 't.$1')} from wallet.journal_transaction t
     where ${where} order by t.occurred_at desc, t.id desc limit ?`,
    params,
  );
  const nodes = rows.slice(0, opts.first).map(toTransaction);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > opts.first, endCursor: edges.at(-1)?.cursor ?? null } };
}
