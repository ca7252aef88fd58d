/**
 * RFM (docs/marketing.md "RFM"): for
 * a scope (the coalition, or one merchant's own purchases) and the 365 days
 * up to an instant, per member with at least one purchase in the window:
 *   R = days since the last purchase (calendar days in the coalition time zone),
 *   F = purchases, M = amount paid (stored value and what was paid outside,
 *       not points), net of what refunds paid back.
 * Each is high or low against the scope's average over those members: R is
 * high when the days are fewer than average, F and M when above it. The
 * comparisons are exact (x × n against the sum), never through a rounded
 * average. A checkout refunded in whole is no purchase.
 *
 * The rule is this file's SQL; SEGMENTS names the eight combinations.
 *
 * Computed beside the requests (issue 25): a job (jobs/jobs.ts, hourly, at the
 * wallet's start, and when HQ asks) refreshes every scope at once as of an
 * instant, writing each scope's pyramid and each member's segment; a request
 * reads the latest refresh and says its instant (asOf), and a campaign's
 * audience reads its members. Nothing recomputes it on read.
 */
import { HASH_WORK_MEM, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import type { Clock } from '../../../../lib/clock.js';
import { domainError } from '../../../../lib/errors.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Fen } from '../../../../lib/money.js';
import { divideRoundHalfAwayFromZero } from '../../../../lib/money.js';
import { paidIn, queueJobs } from '../../ledger/index.js';

export const RFM_WINDOW_DAYS = 365;

export type RfmSegmentCode =
  'IMPORTANT_VALUE' | 'IMPORTANT_WINBACK' | 'IMPORTANT_DEVELOP' | 'IMPORTANT_RETAIN' | 'POTENTIAL' | 'NEW' | 'GENERAL_MAINTAIN' | 'LOST';

/** The seeds' eight segments, by which of R, F and M are high, in the pyramid's order. */
export const SEGMENTS: readonly { segment: RfmSegmentCode; name: string; r: boolean; f: boolean; m: boolean }[] = [
  { segment: 'IMPORTANT_VALUE', name: '重要价值客户', r: true, f: true, m: true },
  { segment: 'IMPORTANT_WINBACK', name: '重要唤回客户', r: false, f: true, m: true },
  { segment: 'IMPORTANT_DEVELOP', name: '重要深耕客户', r: true, f: false, m: true },
  { segment: 'IMPORTANT_RETAIN', name: '重要挽留客户', r: false, f: false, m: true },
  { segment: 'POTENTIAL', name: '潜力客户', r: true, f: true, m: false },
  { segment: 'NEW', name: '新客户', r: true, f: false, m: false },
  { segment: 'GENERAL_MAINTAIN', name: '一般维持客户', r: false, f: true, m: false },
  { segment: 'LOST', name: '流失客户', r: false, f: false, m: false },
];

export interface RfmAveragesRecord {
  recencyDays: number;
  frequency: number;
  monetary: Fen;
}

/** RFM as a request answers it: with the instant up to which the database it was read from held every commit (lib/read-replica.ts). */
export type RfmAnswer = RfmRecord & { databaseAsOf: Date };

export interface RfmRecord {
  /** The instant the refresh read the journal at. */
  asOf: Date;
  windowDays: number;
  /** Members with a purchase in the window. */
  members: number;
  averages: RfmAveragesRecord;
  segments: { segment: RfmSegmentCode; name: string; members: number; share: number }[];
}

/** What a refresh wrote. */
export interface RfmRefreshRecord {
  id: string;
  asOf: Date;
  /** Scopes with a purchase in the window: the coalition and each merchant that had one. */
  scopes: number;
  /** Members with a purchase in the window, coalition-wide. */
  members: number;
}

/**
 * Every scope's members with a purchase in the window, as common table expressions with their parameters:
 * per_member(merchant_id, member_id, recency, frequency, monetary), the coalition's rows with a null merchant_id and
 * each merchant's (its own stores' purchases) with its id, and totals(merchant_id, n, sum_r, sum_f, sum_m) per scope.
 * A refund is always at its checkout's merchant (refund.ts), so one pass over the checkouts serves every scope.
 */
function rfmScopes(asOf: Date, timeZone: string): Sql {
  const windowStart = new Date(asOf.getTime() - RFM_WINDOW_DAYS * 86_400_000);
  // The checkouts are read once, joined to their refunds' sums (refunds are few): not materialised twice. A refund is
  // after its checkout, so one in the window refunds a checkout from the window or just before it, which the join drops.
  return sql`returned as (
       select r.refund_of as id, sum(r.order_amount) as order_returned, sum(${trustedSql(paidIn('r'))}) as paid_back
       from wallet.journal_transaction r
       where r.kind = 'REFUND' and r.occurred_at > ${windowStart}::timestamptz and r.occurred_at <= ${asOf}::timestamptz
       group by r.refund_of),
     purchases as (
       select c.member_id, c.acquirer_id, c.occurred_at, ${trustedSql(paidIn('c'))} - coalesce(x.paid_back, 0) as paid
       from wallet.journal_transaction c left join returned x on x.id = c.id
       where c.kind = 'CHECKOUT' and c.occurred_at > ${windowStart}::timestamptz and c.occurred_at <= ${asOf}::timestamptz
         and coalesce(x.order_returned, 0) < c.order_amount),
     per_member as (
       select acquirer_id as merchant_id, member_id,
         ((${asOf}::timestamptz at time zone ${timeZone})::date - (max(occurred_at) at time zone ${timeZone})::date)::bigint as recency,
         count(*)::bigint as frequency, sum(paid)::bigint as monetary
       from purchases group by grouping sets ((member_id), (acquirer_id, member_id))),
     totals as (
       select merchant_id, count(*)::bigint as n, sum(recency)::bigint as sum_r, sum(frequency)::bigint as sum_f, sum(monetary)::bigint as sum_m
       from per_member group by merchant_id)`;
}

/** A scope's key for an equality join: the coalition's null merchant as the nil uuid, which no merchant has. */
const scopeKey = (alias: string) => `coalesce(${alias}.merchant_id, '00000000-0000-0000-0000-000000000000'::uuid)`;

/** High or low, per member of per_member `p` against its scope's totals `t`: exact, never through a rounded average. */
const RFM_FLAGS = 'p.recency * t.n < t.sum_r as r, p.frequency * t.n > t.sum_f as f, p.monetary * t.n > t.sum_m as m';

/** At most one refresh at a time: a second waits, then reads the journal as of its own start (the lock is self-conflicting
 * and leaves readers alone). */
const ONE_REFRESH_AT_A_TIME = 'lock table wallet.rfm_refresh in share row exclusive mode';
/** A refresh is background work over the whole window: it may take minutes at tens of millions of purchases. */
const REFRESH_TIMEOUT = "set local statement_timeout = '30min'";

/**
 * Recomputes every scope's RFM as of the clock's instant (read once the refresh holds its lock) and replaces the previous
 * refresh, in one transaction: one statement writes the scopes, their segments and every member's segment.
 */
export async function refreshRfm(em: EntityManager, clock: Clock, timeZone: string, progress: (line: string) => void = () => {}): Promise<RfmRefreshRecord> {
  return em.transactional(async (tx) => {
    await tx.execute(ONE_REFRESH_AT_A_TIME);
    await tx.execute(HASH_WORK_MEM);
    await tx.execute(REFRESH_TIMEOUT);
    const asOf = clock.now();
    const [refresh] = await executeSql<{ id: string }>(
      tx,
      sql`insert into wallet.rfm_refresh (as_of, window_days) values (${asOf}, ${RFM_WINDOW_DAYS}) returning id`,
    );
    const id = refresh!.id;
    progress(`RFM as of ${asOf.toISOString()}: computing every scope`);
    // `flagged` feeds two inserts and is worked out in each (a pass over `per_member`, which the totals keep anyway):
    // cheaper than writing 8.9M flagged pairs aside at 10M purchases (42 to 40 s in a copy). The scopes' totals are
    // written from `totals`. A merchant's pyramid counts everyone who bought at its stores, but its audiences are among
    // its own members only (audience.ts), so only their segments are kept: at 10M purchases over 20 merchants that is a
    // twentieth of the merchants' rows. The members go in their key's order: appended to the index, not scattered.
    const [written] = await executeSql<{ scopes: string; members: string }>(
      tx,
      sql`with ${rfmScopes(asOf, timeZone)},
       flagged as not materialized (
         select p.merchant_id, p.member_id, ${trustedSql(RFM_FLAGS)}
         from per_member p join totals t on ${trustedSql(scopeKey('t'))} = ${trustedSql(scopeKey('p'))}),
       scopes as (
         insert into wallet.rfm_scope (refresh_id, merchant_id, members, sum_recency, sum_frequency, sum_monetary)
         select ${id}, merchant_id, n, sum_r, sum_f, sum_m from totals returning merchant_id, members),
       member_rows as (
         insert into wallet.rfm_member (refresh_id, merchant_id, member_id, r, f, m)
         select ${id}, f.merchant_id, f.member_id, f.r, f.f, f.m from flagged f
         where f.merchant_id is null or exists (select 1 from wallet.membership j where j.member_id = f.member_id and j.merchant_id = f.merchant_id)
         order by f.merchant_id, f.member_id),
       segments as (
         insert into wallet.rfm_segment (refresh_id, merchant_id, r, f, m, members)
         select ${id}, merchant_id, r, f, m, count(*) from flagged group by merchant_id, r, f, m)
       select count(*) as scopes, coalesce(sum(members) filter (where merchant_id is null), 0) as members from scopes`,
    );
    progress(`RFM as of ${asOf.toISOString()}: ${written!.members} members in ${written!.scopes} scopes written; removing the previous refresh`);
    for (const table of ['rfm_member', 'rfm_segment', 'rfm_scope', 'rfm_refresh'])
      await executeSql(tx, sql`delete from wallet.${trustedSql(table)} where ${trustedSql(table === 'rfm_refresh' ? 'id' : 'refresh_id')} < ${id}`);
    return { id, asOf, scopes: Number(written!.scopes), members: Number(written!.members) };
  });
}

/** The wallet's job that refreshes RFM (jobs/jobs.ts). */
export const RFM_REFRESH_TASK = 'rfm-refresh';

/**
 * HQ asks for a refresh now rather than at the next hour: the job is queued in the request's transaction (one waits at
 * a time, however often it is asked) and the request answers at once. The refresh reads the journal as of its own start,
 * so its asOf is this instant or later.
 */
export async function requestRfmRefresh(em: EntityManager, now: Date): Promise<{ requestedAt: Date }> {
  await queueJobs(em, [{ task: RFM_REFRESH_TASK, payload: {}, key: `${RFM_REFRESH_TASK}:requested` }]);
  return { requestedAt: now };
}

/** Whether any refresh has committed. */
export async function rfmRefreshed(em: EntityManager): Promise<boolean> {
  return (await executeSql(em, sql`select 1 from wallet.rfm_refresh limit 1`)).length > 0;
}

/** Before the wallet's first refresh has committed (it runs at start), there is nothing to read yet. */
const notYetComputed = () =>
  domainError('SERVICE_UNAVAILABLE', 'RFM has not been computed yet: it is computed at start and hourly, try again shortly', {
    retryable: true,
    retryAfterSeconds: 5,
  });

/** The latest refresh's members of a scope (the coalition, or one merchant's purchases: those who joined it) and their
 * flags: the audience of a segment (marketing/audience). */
export async function rfmMembersSql(em: EntityManager, merchantId: string | null): Promise<Sql> {
  const [latest] = await executeSql<{ id: string }>(em, sql`select max(id) as id from wallet.rfm_refresh`);
  if (latest?.id == null) throw notYetComputed();
  const scope = merchantId === null ? sql`merchant_id is null` : sql`merchant_id = ${merchantId}::uuid`;
  return sql`select member_id, r, f, m from wallet.rfm_member where refresh_id = ${latest.id}::bigint and ${scope}`;
}

/** The segments' codes that have R, F and M as given. */
export const segmentFlags = (codes: readonly RfmSegmentCode[]) => SEGMENTS.filter((s) => codes.includes(s.segment));

/** The RFM pyramid of a scope (the coalition when merchantId is null) as of the latest refresh: a read of a few rows. */
export async function rfmOf(em: EntityManager, merchantId: string | null): Promise<RfmRecord> {
  type Row = { as_of: Date; window_days: number; n: string | null; sum_r: string | null; sum_f: string | null; sum_m: string | null } & {
    r: boolean | null;
    f: boolean | null;
    m: boolean | null;
    members: string | null;
  };
  const scope = (alias: string) =>
    merchantId === null ? sql`${trustedSql(alias)}.merchant_id is null` : sql`${trustedSql(alias)}.merchant_id = ${merchantId}::uuid`;
  const rows = await executeSql<Row>(
    em,
    sql`select f.as_of, f.window_days, s.members as n, s.sum_recency as sum_r, s.sum_frequency as sum_f, s.sum_monetary as sum_m, g.r, g.f, g.m, g.members
     from (select id, as_of, window_days from wallet.rfm_refresh order by id desc limit 1) f
     left join wallet.rfm_scope s on s.refresh_id = f.id and ${scope('s')}
     left join wallet.rfm_segment g on g.refresh_id = f.id and ${scope('g')}`,
  );
  if (rows.length === 0) throw notYetComputed();
  // A scope without a row had no purchase in the window as of the refresh: an empty pyramid.
  const first = rows[0]!;
  const n = Number(first.n ?? 0);
  const count = (r: boolean, f: boolean, m: boolean) => Number(rows.find((row) => row.r === r && row.f === f && row.m === m)?.members ?? 0);
  return {
    asOf: new Date(first.as_of),
    windowDays: first.window_days,
    members: n,
    averages: {
      recencyDays: n === 0 ? 0 : Number(first.sum_r) / n,
      frequency: n === 0 ? 0 : Number(first.sum_f) / n,
      monetary: n === 0 ? 0n : divideRoundHalfAwayFromZero(BigInt(first.sum_m!), BigInt(n)),
    },
    segments: SEGMENTS.map(({ segment, name, r, f, m }) => {
      const members = count(r, f, m);
      return { segment, name, members, share: n === 0 ? 0 : members / n };
    }),
  };
}
