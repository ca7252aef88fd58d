/**
 * One analytical request at a time per caller (issue 21). Analytics,
 * campaign results and the settlement's position matrix are computed on read
 * over millions of rows (lib/operation-cost.ts's ANALYTICAL_FIELDS): a caller
 * that asks for several at once holds the database for all of them. While one
 * of its analytical requests runs, another is RATE_LIMITED.
 *
 * The running request is a row in PostgreSQL, so the rule holds across
 * replicas; it goes when the request ends, and a row left by a process that
 * died counts for no longer than the longest analytical statement may run
 * (the analytical timeout's two minutes) and a margin. RFM is no longer one: a job computes it (rfm.ts).
 */
import { executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireClaims, type Claims } from '../../../../lib/auth.js';
import { rateLimited } from '../../../../lib/rate-limits.js';

const STALE_AFTER = "interval '5 minutes'";
const RETRY_AFTER_MS = 5_000;

export async function oneAnalyticalAtATime<T>(ctx: { em: EntityManager; claims: Claims | null; requestId: string }, work: () => Promise<T>): Promise<T> {
  const caller = requireClaims(ctx.claims);
  const key = `${caller.role}:${caller.subject}`;
  const taken = await executeSql(
    ctx.em,
    sql`insert into wallet.analytical_run (caller, request_id, started_at) values (${key}, ${ctx.requestId}, now())
     on conflict (caller) do update set request_id = excluded.request_id, started_at = excluded.started_at
     where wallet.analytical_run.request_id = excluded.request_id or wallet.analytical_run.started_at < now() - ${trustedSql(STALE_AFTER)}
     returning 1`,
  );
  if (taken.length === 0) throw rateLimited(RETRY_AFTER_MS, 'One analytical request at a time: another of yours is running');
  try {
    return await work();
  } finally {
    await executeSql(ctx.em, sql`delete from wallet.analytical_run where caller = ${key} and request_id = ${ctx.requestId}`);
  }
}
