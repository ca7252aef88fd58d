/**
 * Queuing a job for the wallet's worker (jobs/jobs.ts) from inside a
 * transaction: graphile-worker's own `add_job`, so the job exists if and only
 * if the transaction that asked for it commits.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';

/** graphile-worker's schema in the wallet's database. */
export const JOBS_SCHEMA = 'wallet_jobs';

/**
 * Queues a job; with `when`, only if that condition holds, in the same statement. With `key`, one job waits per key:
 * queuing it again while it waits replaces it (graphile-worker's job_key), so a burst of movements makes one run.
 */
export async function queueJob(em: EntityManager, task: string, payload: object, opts: { maxAttempts?: number; when?: Sql; key?: string } = {}): Promise<void> {
  const when = opts.when ? sql` where ${opts.when}` : sql``;
  await executeSql(
    em,
    sql`select ${trustedSql(JOBS_SCHEMA)}.add_job(${task}, ${JSON.stringify(payload)}::json, max_attempts => ${opts.maxAttempts ?? 5}, job_key => ${opts.key ?? null}::text)${when}`,
  );
}
