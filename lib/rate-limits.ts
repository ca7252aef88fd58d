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
import { connectionName } from './database-connections.js';
import { sql, trustedSql, type Sql } from './sql.js';

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

/** A key's failures as another statement read them (FailureLockout.stateSql): the store's row, if unexpired. */
export interface LockoutState {
  points: number;
  /** Epoch milliseconds (the store's), or null. */
  expire: number | null;
}

/** Counts failures of one kind per key; the `maxFailures`th in the window locks the key out for `lockSeconds`. */
export class FailureLockout {
  private readonly failures: RateLimiterPostgres;
  private readonly keyPrefix: string;

  constructor(
    orm: MikroORM,
    private readonly schema: string,
    readonly name: string,
    readonly maxFailures: number,
    windowSeconds: number,
    readonly lockSeconds: number,
  ) {
    this.keyPrefix = `lockout:${name}`;
    // The store blocks once consumption goes past its points: one point fewer, so the maxFailures-th failure blocks.
    this.failures = limiter(orm, schema, this.keyPrefix, maxFailures - 1, windowSeconds, lockSeconds);
  }

  /**
   * `key`'s state as a scalar subquery another statement may carry (the session's check, lib/session-end.ts), so that
   * a guarded request spends no statement of its own on it: the row the store's own read returns (its key, the prefix
   * and the hashed key; unexpired by the store's clock, the system's), as JSON, or null.
   */
  stateSql(key: string): Sql {
    return sql`(select json_build_object('points', r.points, 'expire', r.expire) from "${trustedSql(this.schema)}".rate_limit r
      where r.key = ${`${this.keyPrefix}:${storeKey(key)}`} and (r.expire > ${Date.now()}::bigint or r.expire is null))`;
  }

  /** Refuses at once while `key` is locked out; `known`: its state as the request's first statement read it (stateSql). */
  async check(key: string, what: string, known?: LockoutState | null): Promise<void> {
    if (known !== undefined) {
      if (known && known.points >= this.maxFailures) throw rateLimited(known.expire === null ? -1 : Math.max(Number(known.expire) - Date.now(), 0), what);
      return;
    }
    statementsSent++;
    const state = await this.failures.get(storeKey(key));
    if (state && state.consumedPoints >= this.maxFailures) throw rateLimited(state.msBeforeNext, what);
  }

  /**
   * This lock-out for one request, whose caller's state (the key `subject`) is read with its session's check:
   * `whenKnown` runs the caller's check once that state is read (lib/session-end.ts CallerSession: at once, or with the
   * statement that carries a deferred check, whose transaction its refusal then rolls back).
   */
  knowing(subject: string, whenKnown: (check: (state: LockoutState | null) => Promise<void>) => Promise<void>): FailureLockout {
    const view = Object.create(this) as FailureLockout;
    view.check = (key, what, known) =>
      known === undefined && key === subject ? whenKnown((state) => this.check(key, what, state)) : this.check(key, what, known);
    return view;
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
  const client = new pg.Client({ connectionString: ownerUrl, application_name: connectionName('gateway', 'migrations') });
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

/** How often a gateway adds the requests it admitted to PostgreSQL's counts and reads back every replica's. */
const FLUSH_MS = 100;
/** A count read longer ago than this is read again, with the request (a caller that sends seldom pays a round trip). */
const STALE_MS = 1_000;
const WINDOW_MS = 60_000;

/** A caller's minute as this gateway knows it. */
interface Window {
  /** When the minute ends (epoch ms, PostgreSQL's `expire`). */
  expiresAt: number;
  /** The count in PostgreSQL when last read: every replica's requests flushed by then. */
  counted: number;
  /** Admitted here since, not yet added there. */
  pending: number;
  /** When `counted` was read (epoch ms). */
  readAt: number;
}

/**
 * Requests per minute per caller, counted in PostgreSQL (rate-limiter-flexible's table layout: key, points, expire)
 * without a round trip per request (issue 25). A caller's first request in a minute at this gateway adds itself there
 * and reads the minute's count (one statement); later ones are decided here against that count plus what this gateway
 * admitted since, and added in one statement for every caller every 100 ms, which reads back what the other replicas
 * added; a count read more than a second ago is read again with the request. The requests that must read at once in the
 * same turn of the event loop (a burst of callers starting their minute) share one statement. One gateway counts
 * exactly; with several, a caller may get past its budget by what one gateway admits on a count up to a second old. What
 * is pending is added when the gateway stops, so a restart remembers.
 */
export class RequestRateLimit {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** The requests of this turn of the event loop that add themselves at once: how many per key, and their one statement. */
  private reading: { counts: Map<string, number>; read: Promise<Map<string, Window>> } | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly perMinute: Record<Exclude<Role, 'SERVICE'>, number>,
    private readonly onFlushError: (error: unknown) => void,
  ) {}

  /**
   * Its table, made if missing by the owner role (`ownerUrl`, MIGRATION_DATABASE_URL) under a lock (gateway replicas
   * may start together), the app role granted its rows; without an owner URL the table must be there already.
   */
  static async start(
    pool: pg.Pool,
    perMinute: Record<Exclude<Role, 'SERVICE'>, number>,
    ownerUrl?: string,
    onFlushError: (error: unknown) => void = () => {},
  ): Promise<RequestRateLimit> {
    if (ownerUrl) await migrateGatewaySchema(ownerUrl, (await pool.query<{ role: string }>('select current_user as role')).rows[0]!.role);
    await pool.query(`select 1 from ${GATEWAY_SCHEMA}.rate_limit limit 0`).catch(() => {
      throw new Error(`the ${GATEWAY_SCHEMA} schema is not migrated: set MIGRATION_DATABASE_URL to the owner role's URL (npm start does)`);
    });
    return new RequestRateLimit(pool, perMinute, onFlushError);
  }

  /** Counts one request of the caller; RATE_LIMITED past its role's budget. Anonymous calls (authenticate) have their own lock-out. */
  async admit(caller: Claims | null): Promise<void> {
    if (!caller || caller.role === 'SERVICE') return;
    const budget = this.perMinute[caller.role];
    // The key rate-limiter-flexible gave it (keyPrefix:key), so counts carry over from the library's.
    const key = `requests:${caller.role}:${storeKey(caller.subject)}`;
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || window.expiresAt <= now || now - window.readAt > STALE_MS) {
      // The first of this minute here, or a count read too long ago: this request added in PostgreSQL at once, and the
      // count read back with what the other replicas added.
      const read = await this.addAtOnce(key, now);
      const current = this.windows.get(key);
      // The same minute: what is pending here stays pending (a flush under way adds it); a new minute starts afresh.
      const sameMinute = current !== undefined && current.expiresAt === read.expiresAt;
      if (sameMinute) Object.assign(current, { counted: Math.max(current.counted, read.counted), readAt: now });
      else this.windows.set(key, read);
      if (read.counted + (sameMinute ? current.pending : 0) > budget) throw this.refusal(caller, read, now);
      return;
    }
    if (window.counted + window.pending >= budget) throw this.refusal(caller, window, now);
    window.pending++;
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Adds what was admitted here since the last flush, and reads back every replica's counts. */
  flush(): Promise<void> {
    this.timer = undefined;
    this.flushing ??= (async () => {
      const now = Date.now();
      const due = [...this.windows].filter(([, w]) => w.pending > 0).map(([key, w]) => ({ key, window: w, added: w.pending }));
      // Minutes that ended with nothing pending are forgotten: the next request reads the count again.
      for (const [key, w] of this.windows) if (w.pending === 0 && w.expiresAt <= now) this.windows.delete(key);
      if (due.length === 0) return;
      try {
        const counted = await this.add(
          due.map(({ key, added }) => [key, added]),
          now,
        );
        for (const { key, window, added } of due) {
          const read = counted.get(key);
          // Unless a new minute replaced the window meanwhile: then what was added went to the minute that ended.
          if (read && this.windows.get(key) === window)
            Object.assign(window, { counted: read.counted, expiresAt: read.expiresAt, pending: window.pending - added, readAt: now });
        }
      } catch (error) {
        // Kept pending, tried again with the next flush; the requests were admitted already.
        this.onFlushError(error);
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS * 10);
      }
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Adds what is pending, for a gateway that stops. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    await this.flush();
  }

  /**
   * Adds one request of `key` and reads its minute back, in one statement with every other request that does so in the
   * same turn of the event loop: a burst of a thousand callers is one round trip, not a thousand, and one connection.
   * Each request reads the count as it would have alone, in the order they came: the third of five of one caller reads
   * the count less the two after it.
   */
  private addAtOnce(key: string, now: number): Promise<Window> {
    if (!this.reading) {
      const counts = new Map<string, number>();
      const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.reading = undefined;
        return this.add([...counts], now);
      });
      this.reading = { counts, read };
    }
    const { counts, read } = this.reading;
    const position = (counts.get(key) ?? 0) + 1;
    counts.set(key, position);
    return read.then((windows) => {
      const window = windows.get(key)!;
      return { ...window, counted: window.counted - (counts.get(key)! - position) };
    });
  }

  /** One statement: each key's requests added to its minute (a new minute if the last one ended), the counts read back. */
  private async add(counts: [string, number][], now: number): Promise<Map<string, Window>> {
    statementsSent++;
    const { rows } = await this.pool.query<{ key: string; points: number; expire: string }>(
      `insert into ${GATEWAY_SCHEMA}.rate_limit as r (key, points, expire)
       select key, points, $3::bigint from unnest($1::text[], $2::int[]) as added(key, points)
       on conflict (key) do update set
         points = case when r.expire is null or r.expire <= $4 then excluded.points else r.points + excluded.points end,
         expire = case when r.expire is null or r.expire <= $4 then excluded.expire else r.expire end
       returning key, points, expire`,
      [counts.map(([key]) => key), counts.map(([, n]) => n), now + WINDOW_MS, now],
    );
    return new Map(rows.map((r) => [r.key, { counted: r.points, expiresAt: Number(r.expire), pending: 0, readAt: now }]));
  }

  private refusal(caller: Claims, window: Window, now: number): Error {
    return rateLimited(window.expiresAt - now, `Too many requests for this ${caller.role === 'MEMBER' ? 'member session' : 'client'}`);
  }
}
