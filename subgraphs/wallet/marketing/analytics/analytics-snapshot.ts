/**
 * Analytics are computed by a job and read by requests (issue 25; docs/marketing.md "Analytics"): a request never runs
 * the figures' statements, which take seconds to a minute over a large journal.
 *
 * Each (scope, range) asked for is a snapshot: the figures computeAnalytics worked out, the instant they hold for
 * (`asOf`: the range's end, or the computation's instant while the range runs) and when they were last read.
 * - A request reads the snapshot. The first request for a range finds none: it queues the job for that range and waits
 *   for it (up to ANALYTICS_WAIT_MS); a computation that takes longer answers SERVICE_UNAVAILABLE (retryable) meanwhile.
 * - The job, hourly (and when HQ asks, refreshAnalytics), computes again every snapshot read in the last week, one at a
 *   time, in the order they were last read: a dashboard's figures are at most an hour old, and a range nobody reads
 *   costs nothing.
 * The job runs in a queue of its own (graphile-worker's queue_name), one computation at a time, so that however many
 * ranges callers ask for, it holds one connection and one core at most.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../../lib/clock.js';
import { domainError } from '../../../../lib/errors.js';
import { executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import { queueJobs } from '../../ledger/index.js';
import { checkAnalyticsRange, computeAnalytics, type AnalyticsAnswer, type AnalyticsRecord } from './analytics.js';
import type { ReportRead } from '../../../../lib/read-replica.js';

export const ANALYTICS_TASK = 'analytics-refresh';
/** How long the first request for a range waits for the job to compute it. */
export const ANALYTICS_WAIT_MS = 15_000;
/** Snapshots read within this long are computed again by the hourly job. */
const KEPT_FRESH_FOR = "interval '7 days'";
/** Snapshots nobody read for this long are dropped by the hourly job. */
const FORGOTTEN_AFTER = "interval '30 days'";
/** A read older than this moves the snapshot's read_at (a write at most hourly per snapshot, not one per read). */
const READ_MARK_EVERY_MS = 3_600_000;

/** A job's payload: one range of one scope (a first request's), or nothing: every snapshot read lately. */
export interface AnalyticsRefresh {
  scope?: string;
  from?: string;
  to?: string;
}

/** The scope's key: the coalition, or a merchant's id. */
const scopeKey = (merchantId: string | null) => merchantId ?? 'coalition';

/** bigint and Date through JSON: tagged, so that the figures read back as the job worked them out. */
function encode(record: AnalyticsRecord): string {
  return JSON.stringify(record, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    return value;
  });
}

function decode(figures: unknown): AnalyticsRecord {
  const text = typeof figures === 'string' ? figures : JSON.stringify(figures);
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $date?: string; $bigint?: string };
      if (typeof tagged.$date === 'string') return new Date(tagged.$date);
      if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
    }
    return value;
  }) as AnalyticsRecord;
}

interface SnapshotRow {
  figures: unknown;
  read_at: Date;
}

const readSnapshot = async (em: EntityManager, scope: string, range: { from: string; to: string }): Promise<SnapshotRow | null> =>
  (
    await executeSql<SnapshotRow>(
      em,
      sql`select figures, read_at from wallet.analytics_snapshot where scope = ${scope} and from_day = ${range.from}::date and to_day = ${range.to}::date`,
    )
  )[0] ?? null;

/**
 * The figures over [from, to] for the coalition (merchantId null) or one merchant, as the job last computed them; the
 * first request for a range queues the job and waits for it.
 */
export async function analyticsOf(
  em: EntityManager,
  clock: Clock,
  range: { from: string; to: string },
  merchantId: string | null,
  waitMs = ANALYTICS_WAIT_MS,
  read: ReportRead = { em, asOf: clock.now(), fromReplica: false },
): Promise<AnalyticsAnswer> {
  checkAnalyticsRange(range);
  const scope = scopeKey(merchantId);
  const now = clock.now();
  // The snapshot from the report's database; one a read replica has not had yet is looked for on the primary. The read
  // mark and a first ask's request are written to the primary.
  const fromReport = await readSnapshot(read.em, scope, range);
  const fromPrimary = !fromReport?.figures && read.fromReplica ? await readSnapshot(em, scope, range) : null;
  const known = fromReport?.figures ? fromReport : fromPrimary;
  if (known?.figures) {
    if (now.getTime() - new Date(known.read_at).getTime() > READ_MARK_EVERY_MS) {
      await executeSql(
        em,
        sql`update wallet.analytics_snapshot set read_at = ${now} where scope = ${scope} and from_day = ${range.from}::date and to_day = ${range.to}::date`,
      );
    }
    return { ...decode(known.figures), databaseAsOf: known === fromReport ? read.asOf : now };
  }
  // The first ask: the range is recorded and its computation queued (one job per range however many ask at once).
  await em.transactional(async (tx) => {
    await executeSql(
      tx,
      sql`insert into wallet.analytics_snapshot (scope, from_day, to_day, requested_at, read_at) values (${scope}, ${range.from}::date, ${range.to}::date, ${now}, ${now})
       on conflict (scope, from_day, to_day) do update set read_at = excluded.read_at`,
    );
    await queueJobs(tx, [
      {
        task: ANALYTICS_TASK,
        payload: { scope, ...range } satisfies AnalyticsRefresh,
        key: `${ANALYTICS_TASK}:${scope}:${range.from}:${range.to}`,
        queue: ANALYTICS_TASK,
      },
    ]);
  });
  const until = Date.now() + waitMs;
  for (let pause = 20; Date.now() < until; pause = Math.min(pause * 2, 250)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    const row = await readSnapshot(em, scope, range);
    if (row?.figures) return { ...decode(row.figures), databaseAsOf: clock.now() };
  }
  throw domainError('SERVICE_UNAVAILABLE', 'These figures are being computed; ask again in a few seconds', { retryAfterSeconds: 5 });
}

/** Computes one snapshot as of now and keeps it; true if it was there to compute (a range somebody asked for). */
async function computeSnapshot(em: EntityManager, clock: Clock, timeZone: string, scope: string, range: { from: string; to: string }): Promise<boolean> {
  const record = await computeAnalytics(em, clock.now(), timeZone, range, scope === 'coalition' ? null : scope);
  const updated = await executeSql(
    em,
    sql`update wallet.analytics_snapshot set figures = ${encode(record)}::jsonb, as_of = ${record.asOf}, computed_at = ${clock.now()}
     where scope = ${scope} and from_day = ${range.from}::date and to_day = ${range.to}::date returning 1`,
  );
  return updated.length > 0;
}

/**
 * The job: one snapshot (a first request's), or every snapshot read in the last week, each computed again as of now,
 * in the order last read; `progress` after each. Returns how many it computed.
 */
export async function refreshAnalytics(
  em: EntityManager,
  clock: Clock,
  timeZone: string,
  refresh: AnalyticsRefresh,
  progress: (line: string) => void = () => undefined,
): Promise<number> {
  if (refresh.scope && refresh.from && refresh.to) {
    return (await computeSnapshot(em, clock, timeZone, refresh.scope, { from: refresh.from, to: refresh.to })) ? 1 : 0;
  }
  const due = await executeSql<{ scope: string; from_day: string; to_day: string }>(
    em,
    sql`select scope, to_char(from_day, 'YYYY-MM-DD') as from_day, to_char(to_day, 'YYYY-MM-DD') as to_day from wallet.analytics_snapshot
     where read_at > ${clock.now()}::timestamptz - ${trustedSql(KEPT_FRESH_FOR)} order by read_at desc`,
  );
  // Ranges nobody has read for a month go: a snapshot is kept for its readers, not for ever.
  await executeSql(em, sql`delete from wallet.analytics_snapshot where read_at < ${clock.now()}::timestamptz - ${trustedSql(FORGOTTEN_AFTER)}`);
  let done = 0;
  for (const snapshot of due) {
    if (await computeSnapshot(em, clock, timeZone, snapshot.scope, { from: snapshot.from_day, to: snapshot.to_day })) done++;
    progress(`analytics: ${done} of ${due.length} snapshots computed (${snapshot.scope}, ${snapshot.from_day} to ${snapshot.to_day})`);
  }
  return done;
}

/** HQ asks for every snapshot read lately to be computed again now; the job answers by moving their figures on. */
export async function requestAnalyticsRefresh(em: EntityManager, now: Date): Promise<{ requestedAt: Date }> {
  await queueJobs(em, [{ task: ANALYTICS_TASK, payload: {} satisfies AnalyticsRefresh, key: `${ANALYTICS_TASK}:requested`, queue: ANALYTICS_TASK }]);
  return { requestedAt: now };
}
