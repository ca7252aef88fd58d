/**
 * Queuing a job for the wallet's worker (jobs/jobs.ts) from inside a
 * transaction: graphile-worker's own `add_job`, so the job exists if and only
 * if the transaction that asked for it commits.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, joinSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';

/** graphile-worker's schema in the wallet's database. */
export const JOBS_SCHEMA = 'wallet_jobs';

/** A job to queue: with `when`, only if that condition holds; with `key`, one job waits per key (queuing it again while
 * it waits replaces it: graphile-worker's job_key), so a burst of movements makes one run. */
export interface QueuedJob {
  task: string;
  payload: object;
  maxAttempts?: number;
  when?: Sql;
  key?: string;
  /** A named queue runs its jobs one at a time (graphile-worker's queue_name): heavy work holds one worker at most. */
  queue?: string;
}

/**
 * Several jobs, each under its own condition, as one select another statement may carry (a movement's write carries its
 * follow-up's, journal/movement.ts); null if there are none. Its value is how many were queued.
 */
export function queueJobsSql(jobs: readonly QueuedJob[]): Sql | null {
  if (jobs.length === 0) return null;
  const each = jobs.map(
    (job) =>
      sql`select ${trustedSql(JOBS_SCHEMA)}.add_job(${job.task}, ${JSON.stringify(job.payload)}::json, max_attempts => ${job.maxAttempts ?? 5}, job_key => ${job.key ?? null}::text, queue_name => ${job.queue ?? null}::text)${job.when ? sql` where ${job.when}` : sql``}`,
  );
  return sql`select count(*) from (${joinSql(each, ' union all ')}) queued`;
}

/**
 * Queues several jobs, each under its own condition, in one statement: what follows a movement is one round trip
 * however many kinds of work it may queue (issue 24's bench: a budget check and a follow-up were two).
 */
export async function queueJobs(em: EntityManager, jobs: readonly QueuedJob[]): Promise<void> {
  const queued = queueJobsSql(jobs);
  if (queued) await executeSql(em, queued);
}
