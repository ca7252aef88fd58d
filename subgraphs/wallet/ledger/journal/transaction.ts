/**
 * The double-entry journal. Every movement is one journal transaction whose
 * entries sum to zero per asset (debits positive, credits negative).
 * Stored value (fen):
 *   top-up    Dr ISSUER_CASH P, Dr ISSUER_BONUS B, Cr STORED_VALUE (new lot) P+B
 *   checkout  Dr STORED_VALUE (each lot used),     Cr ACQUIRER_SALES total
 *   refund    Cr STORED_VALUE (each lot refilled), Dr ACQUIRER_SALES total
 * Points (whole points), held by the member in MEMBER_POINTS:
 *   earned    Dr POINTS_EARNED (the store's merchant), Cr MEMBER_POINTS
 *   burned    Dr MEMBER_POINTS, Cr POINTS_BURNED (the store's merchant)
 *   granted   Dr POINTS_GRANTED (HQ: gifts, sign-in), Cr MEMBER_POINTS
 *   expired   Dr MEMBER_POINTS, Cr POINTS_EXPIRED (HQ's breakage)
 *   exchanged Dr MEMBER_POINTS, Cr POINTS_BURNED (for a merchant's coupon in the catalogue) or POINTS_EXCHANGED (HQ's)
 *   campaign  Dr POINTS_GRANTED (HQ's campaign) or POINTS_EARNED (a merchant's, at its earning cost), Cr MEMBER_POINTS:
 *             a grant, or the extra a multiplier adds to a checkout
 * Coupons (fen, the discount a coupon gave at checkout):
 *   redeemed  Dr COUPON_FUNDED (each funder's share; HQ's names no merchant), Cr COUPON_DISCOUNT (the store's merchant)
 *   restored  the same lines reversed, by the full refund that gives the coupon back
 * Member discounts (fen, what a DISCOUNT benefit took off at checkout, docs/benefits.md):
 *   given     Dr BENEFIT_FUNDED (each funder's share; HQ's names no merchant), Cr BENEFIT_GIVEN (the store's merchant)
 *   refunded  each share reversed in proportion to the order returned
 *   a service used (BENEFIT_USE): the same lines for its cost per use
 * Points gifts (BENEFIT_POINTS): as a campaign's grant, funded by the benefit's owner
 * and a refund reverses a checkout's lines in proportion. Transactions are
 * written by recordMovement (journal/movement.ts) and, for jobs over many members, recordBulkMovement (bulk-movement.ts).
 */
import { sqlArray, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { domainError } from '../../../../lib/errors.js';
import type { Fen } from '../../../../lib/money.js';
import { refundedInFull } from './member-paid.js';

/** Every kind of journal transaction (docs/ledger.md has a row for each, held by test/unit/docs-match-code.test.ts). */
export const TRANSACTION_KINDS = [
  'TOP_UP',
  'CHECKOUT',
  'REFUND',
  'SIGN_IN',
  'POINTS_EXPIRY',
  'PLAN_PURCHASE',
  'POINTS_EXCHANGE',
  'CAMPAIGN_POINTS',
  'BENEFIT_USE',
  'BENEFIT_POINTS',
  'TASK_REWARD',
  'REFERRAL_REWARD',
  'REWARD_TAKEN_BACK',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
export type Account =
  | 'STORED_VALUE'
  | 'ISSUER_CASH'
  | 'ISSUER_BONUS'
  | 'ACQUIRER_SALES'
  | 'COUPON_FUNDED'
  | 'COUPON_DISCOUNT'
  | 'BENEFIT_FUNDED'
  | 'BENEFIT_GIVEN'
  | 'MEMBER_POINTS'
  | 'POINTS_EARNED'
  | 'POINTS_BURNED'
  | 'POINTS_GRANTED'
  | 'POINTS_EXPIRED'
  | 'POINTS_EXCHANGED';
/** What an account counts: fen of stored value, or whole points. A transaction balances in each. */
export type Asset = 'FEN' | 'POINTS';
export const ACCOUNT_ASSET: Record<Account, Asset> = {
  STORED_VALUE: 'FEN',
  ISSUER_CASH: 'FEN',
  ISSUER_BONUS: 'FEN',
  ACQUIRER_SALES: 'FEN',
  COUPON_FUNDED: 'FEN',
  COUPON_DISCOUNT: 'FEN',
  BENEFIT_FUNDED: 'FEN',
  BENEFIT_GIVEN: 'FEN',
  MEMBER_POINTS: 'POINTS',
  POINTS_EARNED: 'POINTS',
  POINTS_BURNED: 'POINTS',
  POINTS_GRANTED: 'POINTS',
  POINTS_EXPIRED: 'POINTS',
  POINTS_EXCHANGED: 'POINTS',
};

export interface TransactionRecord {
  id: string;
  kind: TransactionKind;
  memberId: string;
  /** Null for what happens outside a store: sign-in, expiry, a plan bought in the app. */
  storeId: string | null;
  acquirerId: string | null;
  occurredAt: Date;
  /** Stored value moved. */
  amount: Fen;
  principal: Fen | null;
  bonus: Fen | null;
  /** Checkouts: the order total; refunds: the part of the order returned. */
  orderAmount: Fen | null;
  /** Checkouts: paid outside the hub; refunds: to hand back outside it. */
  amountDue: Fen | null;
  orderRef: string | null;
  refundOf: string | null;
  commissionBps: number | null;
  balanceAfter: Fen;
  pointsUsed: bigint | null;
  pointsValue: Fen | null;
  pointsEarned: bigint | null;
  pointsRestored: bigint | null;
  pointsTakenBack: bigint | null;
  /** The member's points balance: how this transaction changed it, and after it. */
  pointsChange: bigint;
  pointsAfter: bigint;
  /** Growth this transaction added (or, a refund, took back) in the member's cycle. */
  growth: bigint;
  /** The merchant's points terms in force (checkouts; a refund copies its checkout's). */
  pointsPerYuan: number | null;
  earnCostPer100Points: number | null;
  burnValuePer100Points: number | null;
  signInDay: string | null;
  planCode: string | null;
  planPrice: Fen | null;
  paymentRef: string | null;
  planValidUntil: Date | null;
  /** Checkouts: the coupon applied and its discount; exchanges: the coupon bought with points. */
  couponId: string | null;
  couponDiscount: Fen | null;
  /** Refunds: whether this refund gave the checkout's coupon back. */
  couponRestored: boolean | null;
  /**
   * Points a campaign gave: its grant (CAMPAIGN_POINTS), what its multiplier added to a checkout, or what a refund took
   * back of those; with the campaign.
   */
  campaignId: string | null;
  campaignPoints: bigint | null;
  /** Checkouts: the member discount and the benefit that gave it; refunds: what they gave back of it (for the till). */
  benefitId: string | null;
  memberDiscount: Fen | null;
  /**
   * The member's tier rank the movement started at: a checkout's after ending a lapsed cycle (the tier its discount and
   * multiplier were read at), else the wallet's when locked; null on movements written before it was kept (and on
   * expiries written before the bulk path).
   */
  tierRank: number | null;
}

/** A transaction with nothing but its kind: commands fill in what they move. */
export const NO_DETAILS = {
  storeId: null,
  acquirerId: null,
  amount: 0n,
  principal: null,
  bonus: null,
  orderAmount: null,
  amountDue: null,
  orderRef: null,
  refundOf: null,
  commissionBps: null,
  pointsUsed: null,
  pointsValue: null,
  pointsEarned: null,
  pointsRestored: null,
  pointsTakenBack: null,
  growth: 0n,
  pointsPerYuan: null,
  earnCostPer100Points: null,
  burnValuePer100Points: null,
  signInDay: null,
  planCode: null,
  planPrice: null,
  paymentRef: null,
  planValidUntil: null,
  couponId: null,
  couponDiscount: null,
  couponRestored: null,
  campaignId: null,
  campaignPoints: null,
  benefitId: null,
  memberDiscount: null,
  tierRank: null,
} satisfies Partial<TransactionRecord>;

type TransactionRow = Record<string, unknown> & { id: string; kind: TransactionKind; request_hash?: string };

const big = (value: unknown) => (value === null || value === undefined ? null : BigInt(value as string));
const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
const day = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

export function toTransaction(row: TransactionRow): TransactionRecord {
  return {
    id: row.id,
    kind: row.kind,
    memberId: row.member_id as string,
    storeId: (row.store_id as string | null) ?? null,
    acquirerId: (row.acquirer_id as string | null) ?? null,
    occurredAt: new Date(row.occurred_at as string),
    amount: BigInt(row.amount as string),
    principal: big(row.principal),
    bonus: big(row.bonus),
    orderAmount: big(row.order_amount),
    amountDue: big(row.amount_due),
    orderRef: (row.order_ref as string | null) ?? null,
    refundOf: (row.refund_of as string | null) ?? null,
    commissionBps: (row.commission_bps as number | null) ?? null,
    balanceAfter: BigInt(row.balance_after as string),
    pointsUsed: big(row.points_used),
    pointsValue: big(row.points_value),
    pointsEarned: big(row.points_earned),
    pointsRestored: big(row.points_restored),
    pointsTakenBack: big(row.points_taken_back),
    pointsChange: BigInt(row.points_change as string),
    pointsAfter: BigInt(row.points_after as string),
    growth: BigInt(row.growth as string),
    pointsPerYuan: (row.points_per_yuan as number | null) ?? null,
    earnCostPer100Points: (row.earn_cost_per_100_points as number | null) ?? null,
    burnValuePer100Points: (row.burn_value_per_100_points as number | null) ?? null,
    signInDay: day(row.sign_in_day),
    planCode: (row.plan_code as string | null) ?? null,
    planPrice: big(row.plan_price),
    paymentRef: (row.payment_ref as string | null) ?? null,
    planValidUntil: date(row.plan_valid_until),
    couponId: (row.coupon_id as string | null) ?? null,
    couponDiscount: big(row.coupon_discount),
    couponRestored: (row.coupon_restored as boolean | null) ?? null,
    campaignId: (row.campaign_id as string | null) ?? null,
    campaignPoints: big(row.campaign_points),
    benefitId: (row.benefit_id as string | null) ?? null,
    memberDiscount: big(row.member_discount),
    tierRank: (row.tier_rank as number | null) ?? null,
  };
}

/** The columns of a transaction, in the order recordMovement writes them. */
export const TRANSACTION_FIELDS = [
  'id',
  'kind',
  'member_id',
  'store_id',
  'acquirer_id',
  'occurred_at',
  'amount',
  'principal',
  'bonus',
  'order_amount',
  'amount_due',
  'order_ref',
  'refund_of',
  'commission_bps',
  'balance_after',
  'points_used',
  'points_value',
  'points_earned',
  'points_restored',
  'points_taken_back',
  'points_change',
  'points_after',
  'growth',
  'points_per_yuan',
  'earn_cost_per_100_points',
  'burn_value_per_100_points',
  'sign_in_day',
  'plan_code',
  'plan_price',
  'payment_ref',
  'plan_valid_until',
  'coupon_id',
  'coupon_discount',
  'coupon_restored',
  'campaign_id',
  'campaign_points',
  'benefit_id',
  'member_discount',
  'tier_rank',
] as const;

/** A record's value of each column in TRANSACTION_FIELDS. */
export function transactionValues(t: TransactionRecord): unknown[] {
  return [
    t.id,
    t.kind,
    t.memberId,
    t.storeId,
    t.acquirerId,
    t.occurredAt,
    t.amount,
    t.principal,
    t.bonus,
    t.orderAmount,
    t.amountDue,
    t.orderRef,
    t.refundOf,
    t.commissionBps,
    t.balanceAfter,
    t.pointsUsed,
    t.pointsValue,
    t.pointsEarned,
    t.pointsRestored,
    t.pointsTakenBack,
    t.pointsChange,
    t.pointsAfter,
    t.growth,
    t.pointsPerYuan,
    t.earnCostPer100Points,
    t.burnValuePer100Points,
    t.signInDay,
    t.planCode,
    t.planPrice,
    t.paymentRef,
    t.planValidUntil,
    t.couponId,
    t.couponDiscount,
    t.couponRestored,
    t.campaignId,
    t.campaignPoints,
    t.benefitId,
    t.memberDiscount,
    t.tierRank,
  ];
}

export const TRANSACTION_COLUMNS = TRANSACTION_FIELDS.join(', ');

/** The fingerprint of a request, to tell a replay from a reuse of its key with other input. */
export function requestHash(operation: string, input: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    [
      operation,
      Object.keys(input)
        .sort()
        .map((k) => [k, input[k] ?? null]),
    ],
    (_, v) => (typeof v === 'bigint' ? v.toString() : v),
  );
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
 * A movement's opening (wallet.open_movement_at, Migration20261205000600): serialises requests with the same client and
 * key (a retry racing its original), looks for the transaction the key already produced (same input: answered from
 * it; other input: refused), and otherwise takes the period's lock (accounting-period.ts periodLockOf) shared and looks
 * for a settlement run of the period of the instant read before it. A till's movement carries it in its read at the
 * store (openAtStore); any other opens with it alone (openMovement).
 */
export interface MovementOpening {
  /** A scalar the statement carries: the opening's answer (jsonb). */
  sql: Sql;
  hash: string;
  /** Set by the statement that carried it: a command that was to carry it and did not is a bug. */
  carried: boolean;
}

export function movementOpening(caller: Claims, key: string, hash: string, periodLock: readonly [number, number], period: string): MovementOpening {
  return {
    sql: sql`wallet.open_movement_at(${requestLockText([caller.subject, key])}, ${caller.subject}, ${key}, ${periodLock[0]}, ${periodLock[1]}, ${period})`,
    hash,
    carried: false,
  };
}

/** The request's key made a transaction before: it is answered from that one (recordMovement replays it). */
export class OpenedBefore extends Error {
  constructor(readonly priorId: string) {
    super('a movement opened before under this key');
  }
}

/** The movement's period was settled between its instant and its locks: it starts again at a later instant. */
export class PeriodSettledMeanwhile extends Error {
  constructor(readonly period: string) {
    super(`period ${period} settled while the movement opened`);
  }
}

/** A movement's opening in a round trip of its own, for a command whose first statement does not carry it. */
export async function openMovement(em: EntityManager, opening: MovementOpening): Promise<void> {
  const rows: { answer: unknown }[] = await executeSql(em, sql`select ${opening.sql} as answer`);
  checkOpening(opening, rows[0]!.answer);
}

/** What the statement's opening answered: nothing (go on), else the replay or the new start, thrown for recordMovement. */
export function checkOpening(opening: MovementOpening, answer: unknown): void {
  opening.carried = true;
  const said = (answer ?? {}) as { prior?: string; requestHash?: string; settled?: string };
  if (said.prior) {
    requireSameRequest(said.requestHash ?? '', opening.hash);
    throw new OpenedBefore(said.prior);
  }
  if (said.settled) throw new PeriodSettledMeanwhile(said.settled);
}

/** The text a request's lock is keyed by (hashed by PostgreSQL's hashtextextended, here and in wallet.open_movement). */
const requestLockText = (parts: readonly string[]) => JSON.stringify(parts);

/**
 * Serialises requests under one key (a client's idempotency key, with what it names apart), so a retry racing its
 * original waits for it, in the caller's transaction. Requests that are no movement (issuance, campaigns) use it too.
 */
export async function lockRequestKey(em: EntityManager, parts: readonly string[]): Promise<void> {
  await executeSql(em, sql`select pg_advisory_xact_lock(hashtextextended(${requestLockText(parts)}, 0))`);
}

/** The same key with other input is refused; with the same input it is the first request again. */
export function requireSameRequest(priorHash: string, hash: string): void {
  if (priorHash !== hash) throw domainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different request');
}

/** An instant as PostgreSQL wrote it (to its microsecond, which a Date would round), or a Date. */
type Instant = string | Date;

/**
 * The instants of transactions by id, from the key table (one index lookup each). A statement on the journal that
 * names a transaction's instant as a value is pruned to its month when PostgreSQL plans it; one that finds the instant
 * in a subquery plans every month attached (some 0.2-0.3 ms a month here: 22 ms a lookup with 93 months), which
 * prepared statements pay in a connection's first runs and unprepared ones (DB_PREPARED_STATEMENTS=off) every time.
 * The price is one more round trip (docs/operations.md, "The journal's months"; test/journal-months.test.ts).
 */
export async function instantsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, Instant>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; occurred_at: Instant }[] = await executeSql(
    em,
    sql`select id, occurred_at from wallet.journal_transaction_key where id = any(${sqlArray(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.occurred_at]));
}

/** Instants as one bound array, for `= any(...::timestamptz[])`. */
const instantArray = (instants: readonly Instant[]): Sql => sql`${sqlArray(instants.map((at) => (typeof at === 'string' ? at : at.toISOString())))}`;
/** Journal rows of transactions whose instants are known (an instantArray): read from their months only. */
const byIdsAt = (t: 'journal_transaction' | 't', ids: readonly string[], instants: Sql): Sql =>
  sql`${trustedSql(t)}.id = any(${sqlArray(ids)}::uuid[]) and ${trustedSql(t)}.occurred_at = any(${instants}::timestamptz[])`;

/** Whether checkout `id` has been refunded in full (member-paid.ts), read in its own month; false for no such checkout. */
export async function isRefundedInFull(em: EntityManager, id: string): Promise<boolean> {
  const at = (await instantsOf(em, [id])).get(id);
  if (!at) return false;
  const rows: { done: boolean }[] = await executeSql(
    em,
    sql`select ${trustedSql(refundedInFull('t'))} as done from wallet.journal_transaction t where ${byIdsAt('t', [id], instantArray([at]))} and t.kind = 'CHECKOUT'`,
  );
  return rows[0]?.done === true;
}

export async function findTransaction(em: EntityManager, id: string, lock = false): Promise<TransactionRecord | null> {
  const at = (await instantsOf(em, [id])).get(id);
  if (!at) return null;
  const rows: TransactionRow[] = await executeSql(
    em,
    sql`select ${trustedSql(TRANSACTION_COLUMNS)} from wallet.journal_transaction where ${byIdsAt('journal_transaction', [id], instantArray([at]))}${trustedSql(lock ? ' for update' : '')}`,
  );
  return rows[0] ? toTransaction(rows[0]) : null;
}

export async function transactionsByIds(em: EntityManager, ids: readonly string[]): Promise<(TransactionRecord | null)[]> {
  const instants = await instantsOf(em, ids);
  const found = [...instants.keys()];
  const rows: TransactionRow[] =
    found.length === 0
      ? []
      : await executeSql(
          em,
          sql`select ${trustedSql(TRANSACTION_COLUMNS)} from wallet.journal_transaction where ${byIdsAt('journal_transaction', found, instantArray([...instants.values()]))}`,
        );
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
  // The page's keys come from the key table, newest first by its (member_id, occurred_at, id) index; then their rows from
  // the journal by id and instant, so that only the page's months are planned and read (a member's history across
  // every month attached would plan them all: see instantsOf). A merchant sees only some of a member's transactions:
  // the keys are read in batches until the page is full or the history ends, each batch twice the last (to 5,000), so
  // that a merchant who sees little of a long history waits for a few round trips, not hundreds.
  let batch = opts.visibleTo ? Math.max(4 * (opts.first + 1), 100) : opts.first + 1;
  // Its entries in the same months: matched on t's instant alone, the entries of every month would be planned.
  const visible = (instants: Sql) =>
    opts.visibleTo
      ? sql`and (t.acquirer_id = ${opts.visibleTo} or exists (select 1 from wallet.journal_entry e
      where e.transaction_id = t.id and e.occurred_at = t.occurred_at and e.occurred_at = any(${instants}::timestamptz[])
        and e.account = 'STORED_VALUE' and e.merchant_id = ${opts.visibleTo}))`
      : sql``;
  let before: [Instant, string] | null = opts.after ? decodeCursor(opts.after) : null;
  const rows: TransactionRow[] = [];
  while (rows.length <= opts.first) {
    const keys: { id: string; occurred_at: Instant }[] = await executeSql(
      em,
      sql`select id, occurred_at from wallet.journal_transaction_key where member_id = ${memberId}
       ${before ? sql`and (occurred_at, id) < (${before[0]}, ${before[1]})` : sql``} order by occurred_at desc, id desc limit ${batch}`,
    );
    if (keys.length === 0) break;
    const instants = instantArray(keys.map((k) => k.occurred_at));
    rows.push(
      ...(await executeSql<TransactionRow>(
        em,
        sql`select ${trustedSql(TRANSACTION_COLUMNS.replace(/(\w+)/g, 't.$1'))} from wallet.journal_transaction t
         where ${byIdsAt(
           't',
           keys.map((k) => k.id),
           instants,
         )} ${visible(instants)} order by t.occurred_at desc, t.id desc`,
      )),
    );
    if (keys.length < batch) break;
    const last = keys.at(-1)!;
    before = [last.occurred_at, last.id];
    batch = Math.min(batch * 2, 5_000);
  }
  const nodes = rows.slice(0, opts.first).map(toTransaction);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > opts.first, endCursor: edges.at(-1)?.cursor ?? null } };
}
