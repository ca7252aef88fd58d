/**
 * Rate limits held in PostgreSQL (rate-limiter-flexible's PostgreSQL store,
 * one table per schema: each subgraph's, and the gateway's), so they hold across replicas:
 * - requests per minute per API client and per member session, counted once
 *   per request by the gateway (RequestRateLimit), whichever subgraphs it
 *   reaches;
 * - lockouts after repeated failures: unknown pay codes per terminal, wrong
 *   secrets per client id, refused registrations per terminal.
 * A refusal is RATE_LIMITED with `retryAfterSeconds` (and HTTP 429).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Claims, Role } from './auth.js';
import { domainError } from './errors.js';
import { grantAppRole, roleOf } from './database-roles.js';

/** Statements the limiters sent (on connections of their own, outside knex's query events): for /metrics and the bench. */
let statementsSent = 0;
export const rateLimitStatementsSent = () => statementsSent;

/** DDL for a schema's counters (the layout the library's PostgreSQL store reads and writes). */
export function rateLimitTableSql(schema: string): string {
  return `create table if not exists "${schema}".rate_limit (key varchar(255) primary key, points integer not null default 0, expire bigint)`;
}

/** Requests per minute by role. A till is a person at a counter; a back office or HQ may run batches. */
export const DEFAULT_REQUESTS_PER_MINUTE: Record<Exclude<Role, 'SERVICE'>, number> = { HQ: 6000, MERCHANT: 3000, TERMINAL: 1200, MEMBER: 300 };

export function requestsPerMinuteFromEnv(env: NodeJS.ProcessEnv = process.env): Record<Exclude<Role, 'SERVICE'>, number> {
  const limits = { ...DEFAULT_REQUESTS_PER_MINUTE };
  for (const role of Object.keys(limits) as (keyof typeof limits)[]) {
    const raw = env[`UNICARD_RATE_LIMIT_${role}`];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`UNICARD_RATE_LIMIT_${role} must be a positive whole number (requests per minute)`);
    limits[role] = value;
  }
  return limits;
}

export function rateLimited(retryAfterMs: number, what: string): Error {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return domainError('RATE_LIMITED', `${what}; retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/** Keys are whatever a client sent (a client id, say): hashed to a fixed, harmless length for the store's key column. */
const storeKey = (key: string) => createHash('sha256').update(key).digest('base64url');

/** An error predicate for `guard`: the error has one of these codes. */
export const hasCode =
  (...codes: string[]) =>
  (error: unknown) =>
    codes.includes(String((error as { extensions?: { code?: unknown } }).extensions?.code));

function limiter(orm: MikroORM, schema: string, keyPrefix: string, points: number, durationSeconds: number, blockSeconds = 0): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: orm.em.getConnection().getKnex(),
    storeType: 'knex',
    schemaName: schema,
    tableName: 'rate_limit',
    tableCreated: true, // by the subgraph's migrations
    keyPrefix,
    points,
    duration: durationSeconds,
    blockDuration: blockSeconds,
  });
}

/** Counts failures of one kind per key; the `maxFailures`th in the window locks the key out for `lockSeconds`. */
export class FailureLockout {
  private readonly failures: RateLimiterPostgres;

  constructor(
    orm: MikroORM,
    schema: string,
    readonly name: string,
    readonly maxFailures: number,
    windowSeconds: number,
    readonly lockSeconds: number,
  ) {
    // The store blocks once consumption goes past its points: one point fewer, so the maxFailures-th failure blocks.
    this.failures = limiter(orm, schema, `lockout:${name}`, maxFailures - 1, windowSeconds, lockSeconds);
  }

  /** Refuses at once while `key` is locked out. */
  async check(key: string, what: string): Promise<void> {
    statementsSent++;
    const state = await this.failures.get(storeKey(key));
    if (state && state.consumedPoints >= this.maxFailures) throw rateLimited(state.msBeforeNext, what);
  }

  /** Records a failure; the maxFailures-th starts the lock-out. */
  async failed(key: string): Promise<void> {
    statementsSent++;
    await this.failures.consume(storeKey(key)).catch((rejection: unknown) => {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    });
  }

  /** Runs `work` unless `key` is locked out, and counts the errors it throws that `isFailure` picks. */
  async guard<T>(key: string, what: string, isFailure: (error: unknown) => boolean, work: () => Promise<T>): Promise<T> {
    await this.check(key, what);
    try {
      return await work();
    } catch (error) {
      if (isFailure(error)) await this.failed(key);
      throw error;
    }
  }
}

/**
 * Requests per minute per caller, counted once per request, wherever the gateway routes it (issue 21): by the gateway,
 * before its engine plans anything, in PostgreSQL (the `gateway` schema), so that the count holds across every
 * gateway replica. (Counted by each subgraph, a member session had three budgets: one per subgraph it reached.)
 * Subgraphs answer the gateway only (lib/auth.ts), so nothing reaches them uncounted.
 */
const GATEWAY_SCHEMA = 'gateway';

async function migrateGatewaySchema(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('unicard.migrate.gateway'))");
    await client.query(`create schema if not exists ${GATEWAY_SCHEMA}`);
    await client.query(rateLimitTableSql(GATEWAY_SCHEMA));
    if (appRole !== roleOf(ownerUrl))
      await grantAppRole((sql) => client.query(sql).then((result) => result.rows as Record<string, unknown>[]), GATEWAY_SCHEMA, appRole);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export class RequestRateLimit {
  private readonly limiters: Record<string, RateLimiterPostgres>;

  private constructor(pool: pg.Pool, perMinute: Record<Exclude<Role, 'SERVICE'>, number>) {
    this.limiters = Object.fromEntries(
      Object.entries(perMinute).map(([role, points]) => [
        role,
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: 'pool',
          schemaName: GATEWAY_SCHEMA,
          tableName: 'rate_limit',
          tableCreated: true,
          keyPrefix: `requests:${role}`,
          points,
          duration: 60,
        }),
      ]),
    );
  }

  /**
   * Its table, made if missing by the owner role (`ownerUrl`, MIGRATION_DATABASE_URL) under a lock (gateway replicas
   * may start together), the app role granted its rows; without an owner URL the table must be there already.
   */
  static async start(pool: pg.Pool, perMinute: Record<Exclude<Role, 'SERVICE'>, number>, ownerUrl?: string): Promise<RequestRateLimit> {
    if (ownerUrl) await migrateGatewaySchema(ownerUrl, (await pool.query<{ role: string }>('select current_user as role')).rows[0]!.role);
    await pool.query(`select 1 from ${GATEWAY_SCHEMA}.rate_limit limit 0`).catch(() => {
      throw new Error(`the ${GATEWAY_SCHEMA} schema is not migrated: set MIGRATION_DATABASE_URL to the owner role's URL (npm start does)`);
    });
    return new RequestRateLimit(pool, perMinute);
  }

  /** Counts one request of the caller; RATE_LIMITED past its role's budget. Anonymous calls (authenticate) have their own lock-out. */
  async admit(caller: Claims | null): Promise<void> {
    const limiter = caller ? this.limiters[caller.role] : undefined;
    if (!caller || !limiter) return;
    statementsSent++;
    await limiter.consume(storeKey(caller.subject)).catch((rejection: unknown) => {
      if (rejection instanceof RateLimiterRes)
        throw rateLimited(rejection.msBeforeNext, `Too many requests for this ${caller.role === 'MEMBER' ? 'member session' : 'client'}`);
      throw rejection;
    });
  }
}
