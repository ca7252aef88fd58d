/**
 * Transactional outbox on PostgreSQL alone: events are written in the same
 * transaction as the change that caused them, one row per subscriber, and a
 * relay POSTs them to each subscriber's /events in order until acknowledged
 * (at least once). Consumers record event ids in an inbox table in the same
 * transaction as their reaction, so a redelivery changes nothing.
 */
import { joinSql, sqlArray, executeSql, sql, trustedSql, type Sql } from './sql.js';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';
import { EVENT_ROUTES, receiversOf, type EventEnvelope, type HubEvent } from './events.js';
import type { SubgraphSchema } from './database.js';
import { signToken, claimsFromHeader, type TokenVerifier } from './auth.js';
import type { KeyRing } from './keys.js';
import type { Logger } from './logger.js';
import type { Route } from './http.js';
import { asEventWork } from './database.js';

/** DDL for a schema's outbox and inbox; each subgraph's first migration runs it. */
export function outboxTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".outbox_message (
      id bigserial primary key,
      subscriber text not null,
      event_id uuid not null,
      occurred_at timestamptz not null,
      event jsonb not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (subscriber, event_id))`,
    `create index outbox_pending on "${schema}".outbox_message (subscriber, id) where delivered_at is null`,
    `create table "${schema}".inbox_event (
      event_id uuid primary key,
      received_at timestamptz not null default now())`,
  ];
}

/** Writes events into the producer's outbox, in the caller's transaction, a row for each receiver of each (EVENT_ROUTES). */
export async function recordEvents(em: EntityManager, schema: SubgraphSchema, events: HubEvent[], clock: Clock): Promise<void> {
  const rows: Sql[] = [];
  for (const event of events) {
    const route = EVENT_ROUTES[event.type];
    // Its relay delivers only what EVENT_ROUTES says it publishes (subscribersOf).
    if (!route.from.includes(schema)) throw new Error(`${schema} does not publish ${event.type} (lib/events.ts)`);
    const id = randomUUID();
    for (const subscriber of receiversOf(event.type, schema)) {
      rows.push(sql`(${subscriber}, ${id}, ${clock.now()}, ${JSON.stringify(event)}::jsonb)`);
    }
  }
  if (rows.length === 0) return;
  await executeSql(em, sql`insert into "${trustedSql(schema)}".outbox_message (subscriber, event_id, occurred_at, event) values ${joinSql(rows, ', ')}`);
}

interface PendingRow {
  id: string;
  event_id: string;
  occurred_at: Date;
  event: HubEvent;
}

export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
    private readonly senders: Record<string, EventSender>,
    private readonly log: Logger,
  ) {}

  /**
   * The relay's own passes, beside the flush each request asks for once it has committed (lib/subgraph.ts): one at
   * once (what a crashed run left), then every `busyMs` while anything is undelivered (a subscriber down, retried by
   * its backoff), every `idleMs` when nothing is (events another replica wrote and did not flush). An idle pass every
   * second was about a third of each idle subgraph's CPU, and the suite keeps several hubs idle at a time.
   */
  start(busyMs = 1000, idleMs = 10_000): void {
    this.stopped = false;
    const pass = async () => {
      await this.flush();
      const pending = await asEventWork(() => this.undelivered());
      if (this.stopped) return;
      this.timer = setTimeout(() => void pass(), pending ? busyMs : idleMs);
      this.timer.unref();
    };
    this.timer = setTimeout(() => void pass(), 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Whether anything waits for a subscriber, due or not (an outage counts as yes: try again soon). */
  private async undelivered(): Promise<boolean> {
    try {
      const rows: { pending: boolean }[] = await this.orm.em
        .fork()
        .execute(`select exists (select 1 from "${this.schema}".outbox_message where delivered_at is null) as pending`);
      return rows[0]?.pending === true;
    } catch {
      return true;
    }
  }

  /**
   * Delivers what is pending now; concurrent calls share one pass and ask for
   * another. Never rejects: what cannot be delivered now (a subscriber or the
   * database down) stays in the outbox for the next pass, and a change whose
   * events wait there has still committed.
   */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = asEventWork(async () => {
      try {
        do {
          this.again = false;
          await Promise.all(Object.keys(this.senders).map((subscriber) => this.deliver(subscriber)));
        } while (this.again);
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'event relay could not read its outbox; will try again');
      } finally {
        this.running = undefined;
      }
    });
    return this.running;
  }

  private async deliver(subscriber: string): Promise<void> {
    const send = this.senders[subscriber]!;
    const em = this.orm.em.fork();
    for (;;) {
      const delivered = await em.transactional(async (tx) => {
        // SKIP LOCKED lets several replicas relay without sending a row twice at the same time.
        const rows: PendingRow[] = await executeSql(
          tx,
          sql`select id, event_id, occurred_at, event from "${trustedSql(this.schema)}".outbox_message
           where subscriber = ${subscriber} and delivered_at is null and next_attempt_at <= now()
           order by id limit 200 for update skip locked`,
        );
        if (rows.length === 0) return 0;
        const envelopes: EventEnvelope[] = rows.map((row) => ({ id: row.event_id, occurredAt: new Date(row.occurred_at).toISOString(), event: row.event }));
        const ids = rows.map((row) => row.id);
        try {
          await send(envelopes);
          await executeSql(
            tx,
            sql`update "${trustedSql(this.schema)}".outbox_message set delivered_at = now(), attempts = attempts + 1 where id = any(${sqlArray(ids)}::bigint[])`,
          );
          return rows.length;
        } catch (err) {
          this.log.warn({ err: (err as Error).message, subscriber, events: rows.length }, 'event delivery failed; will retry');
          await executeSql(
            tx,
            sql`update "${trustedSql(this.schema)}".outbox_message set attempts = attempts + 1,
               next_attempt_at = now() + least(interval '30 seconds', interval '200 milliseconds' * power(2, attempts))
             where id = any(${sqlArray(ids)}::bigint[])`,
          );
          return -1;
        }
      });
      if (delivered <= 0) return;
    }
  }
}

/** How a batch reaches a subscriber: HTTP between processes, a direct call when seeding. */
export type EventSender = (envelopes: EventEnvelope[]) => Promise<void>;

export function httpEventSender(url: string, producer: string, keys: KeyRing, clock: Clock): EventSender {
  return async (envelopes) => {
    const { token } = await signToken({ role: 'SERVICE', subject: producer }, keys, clock, 60);
    const status = await postOnce(url, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, JSON.stringify({ events: envelopes }));
    if (status < 200 || status > 299) throw new Error(`subscriber answered ${status}`);
  };
}

/** The relay's connections to its subscribers, kept open between batches, one pool per protocol. */
const relayAgents = new Map<string, http.Agent>();

/**
 * One POST with Node's http (or https) module, not fetch: a subgraph would otherwise load Node's fetch (undici) for its
 * relay alone, some 50 ms of CPU in every process of every hub on this machine (docs/testing.md).
 */
async function postOnce(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const secure = url.startsWith('https:');
  // https (and TLS with it) is loaded only by a hub whose subgraphs are reached over TLS.
  const transport: Pick<typeof http, 'request' | 'Agent'> = secure ? await import('node:https') : http;
  let agent = relayAgents.get(secure ? 'https' : 'http');
  if (!agent) relayAgents.set(secure ? 'https' : 'http', (agent = new transport.Agent({ keepAlive: true, maxSockets: 4 })));
  return new Promise((done, fail) => {
    const req = transport.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent, signal: AbortSignal.timeout(5000) },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
        res.once('error', fail);
      },
    );
    req.once('error', fail);
    req.end(body);
  });
}

/** Applies a batch once: the inbox row and the reaction commit together. */
export async function applyToInbox(
  orm: MikroORM,
  schema: string,
  envelopes: EventEnvelope[],
  apply: (em: EntityManager, event: HubEvent, occurredAt: Date) => Promise<void>,
): Promise<void> {
  const em = orm.em.fork();
  for (const envelope of envelopes) {
    await em.transactional(async (tx) => {
      const fresh = await executeSql(
        tx,
        sql`insert into "${trustedSql(schema)}".inbox_event (event_id) values (${envelope.id}) on conflict do nothing returning event_id`,
      );
      if (fresh.length === 0) return; // delivered before: already applied
      await apply(tx, envelope.event, new Date(envelope.occurredAt));
    });
  }
}

/** The /events route of a consuming subgraph. */
export function eventInboxRoute(opts: {
  orm: MikroORM;
  schema: string;
  verifier: TokenVerifier;
  log: Logger;
  apply: (em: EntityManager, event: HubEvent, occurredAt: Date) => Promise<void>;
}): Route {
  return async (req: IncomingMessage, body: string) => {
    const claims = await claimsFromHeader(req.headers.authorization, opts.verifier).catch(() => null);
    if (!claims || claims.role !== 'SERVICE') return { status: 401, body: { error: 'service token required' } };
    const { events } = JSON.parse(body) as { events: EventEnvelope[] };
    await asEventWork(() => applyToInbox(opts.orm, opts.schema, events, opts.apply));
    opts.log.debug({ events: events.length, from: claims.subject }, 'events applied');
    return { status: 200, body: { applied: events.length } };
  };
}
