/**
 * Queuing a job for the wallet's worker (jobs/jobs.ts) from inside a
 * transaction: graphile-worker's own `add_job`, so the job exists if and only
 * if the transaction that asked for it commits.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** graphile-worker's schema in the wallet's database. */
export const JOBS_SCHEMA = 'wallet_jobs';

/** Queues a job; with `when`, only if that condition holds, in the same statement. */
export async function queueJob(
  em: EntityManager,
  task: string,
  payload: object,
  opts: { maxAttempts?: number; when?: { sql: string; params: unknown[] } } = {},
): Promise<void> {
  await em.execute(`select ${JOBS_SCHEMA}.add_job(?, ?::json, max_attempts => ?)${opts.when ? ` where ${opts.when.sql}` : ''}`, [
    task,
    JSON.stringify(payload),
    opts.maxAttempts ?? 5,
    ...(opts.when?.params ?? []),
  ]);
}
