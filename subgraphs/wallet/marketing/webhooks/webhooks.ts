/**
 * Webhooks (issue 11): a merchant, or HQ, registers a URL and the events it
 * wants; the hub POSTs each event there as JSON, signed, until the receiver
 * answers 2xx.
 *
 *   X-Unicard-Delivery:  the delivery's id, the same on every attempt (deduplicate on it)
 *   X-Unicard-Event:     COUPON_ISSUED | CAMPAIGN_NOTIFICATION | TIER_UPGRADED | POINTS_EXPIRING
 *   X-Unicard-Timestamp: seconds since 1970 when this attempt was signed
 *   X-Unicard-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
 *
 * A receiver recomputes the signature over the timestamp and the raw body
 * and refuses a timestamp more than 5 minutes off (a replay). Deliveries are
 * rows written in the transaction of the change they report
 * (queueDeliveries), so none is lost across restarts; failures retry with
 * backoff (1 s doubling to 10 min), and after 50 attempts (about 6 hours)
 * the delivery is marked abandoned, where HQ can see it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { request, type Agent } from 'undici';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { requireRole } from '../../../../lib/auth.js';
import type { Clock } from '../../../../lib/clock.js';
import { userInputError } from '../../../../lib/errors.js';
import type { Logger } from '../../../../lib/logger.js';
import { sqlArray, executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { asBackgroundWork } from '../../../../lib/database.js';
import { InwardTargetError, checkedTarget, publicAddressesOf, publicOnlyDispatcher, systemResolve, type Resolve } from '../../../../lib/outbound.js';

export const WEBHOOK_EVENTS = ['CAMPAIGN_NOTIFICATION', 'TIER_UPGRADED', 'POINTS_EXPIRING', 'COUPON_ISSUED', 'BENEFIT_BUDGET', 'TASK_COMPLETED'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const MAX_ATTEMPTS = 50;
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface WebhookRecord {
  ownerId: string | null;
  url: string;
  events: WebhookEvent[];
}

/** The signature header's value for a body signed at `timestamp` (seconds). */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Webhook targets must be public addresses (lib/outbound.ts: classified by ipaddr.js, checked at registration and
 * on every delivery's own connection), unless UNICARD_WEBHOOK_ALLOW_PRIVATE=1: a receiver on the same machine, as in
 * the demo (which says so when it starts) and the tests. A merchant's URL must not reach into HQ's network.
 */
const privateAllowed = () => process.env.UNICARD_WEBHOOK_ALLOW_PRIVATE === '1';

/** A webhook URL as registered: absolute http(s), no credentials, not a private address literal nor `localhost`. */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw userInputError('url must be an absolute http(s) URL', 'url');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw userInputError('url must be http or https', 'url');
  if (url.username || url.password) throw userInputError('url must not carry credentials', 'url');
  if (url.href.length > 2000) throw userInputError('url must be at most 2000 characters', 'url');
  if (privateAllowed()) return url;
  try {
    checkedTarget(url);
  } catch {
    throw userInputError('url must be a public address', 'url');
  }
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) throw userInputError('url must be a public address', 'url');
  return url;
}

/**
 * A name that resolves to a private address now is refused at once. One that does not resolve (yet) is taken: every
 * delivery checks the address it connects to, which is the guarantee; this is the early word to the merchant.
 */
async function checkResolvedWebhookUrl(url: URL, resolve: Resolve = systemResolve): Promise<void> {
  if (privateAllowed()) return;
  try {
    await publicAddressesOf(url.hostname, (host) =>
      Promise.race([resolve(host), new Promise<never>((_, fail) => setTimeout(() => fail(new Error('timeout')), 2000).unref())]),
    );
  } catch (error) {
    if (error instanceof InwardTargetError) throw userInputError('url must be a public address', 'url');
  }
}

/** Registers (or replaces) the caller's webhook; the new signing secret is returned once, here. */
export async function setWebhook(
  em: EntityManager,
  now: Date,
  claims: Claims | null,
  input: { url: string; events: readonly string[] },
): Promise<{ webhook: WebhookRecord; signingSecret: string }> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const url = checkWebhookUrl(input.url);
  await checkResolvedWebhookUrl(url);
  if (input.events.length === 0) throw userInputError('name at least one event', 'events');
  for (const [i, event] of input.events.entries())
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) throw userInputError(`no event ${event}`, `events.${i}`);
  const events = [...new Set(input.events)] as WebhookEvent[];
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  await executeSql(
    em,
    sql`insert into wallet.webhook (owner_id, url, events, secret, updated_at) values (${ownerId}, ${url.href}, ${sqlArray(events)}::text[], ${secret}, ${now})
     on conflict (owner_id) do update set url = excluded.url, events = excluded.events, secret = excluded.secret, updated_at = excluded.updated_at`,
  );
  return { webhook: { ownerId, url: url.href, events }, signingSecret: secret };
}

/**
 * Queues one delivery per row of `payloads` (a select of owner_id and
 * payload as jsonb) for owners whose webhook wants `event`: in the caller's
 * transaction, set-based.
 */
export async function queueDeliveries(em: EntityManager, now: Date, event: WebhookEvent, payloads: Sql): Promise<void> {
  await executeSql(
    em,
    sql`insert into wallet.webhook_delivery (id, owner_id, event, payload, created_at, next_attempt_at)
     select gen_random_uuid(), p.owner_id, ${event}, p.payload, ${now}, ${now} from (${payloads}) p
     join wallet.webhook w on w.owner_id is not distinct from p.owner_id and ${event} = any(w.events)`,
  );
}

interface DeliveryRow {
  id: string;
  owner_id: string | null;
  event: WebhookEvent;
  payload: unknown;
  created_at: Date;
  attempts: number;
  url: string;
  secret: string;
}

/** Sends what is due, a batch at a time (SKIP LOCKED: replicas never send one delivery at the same time); returns how many were acknowledged. */
export async function deliverDue(orm: MikroORM, clock: Clock, log: Logger): Promise<number> {
  const em = orm.em.fork();
  let acknowledged = 0;
  for (;;) {
    const sent = await em.transactional(async (tx) => {
      const rows: DeliveryRow[] = await executeSql(
        tx,
        sql`select d.id, d.owner_id, d.event, d.payload, d.created_at, d.attempts, w.url, w.secret
         from wallet.webhook_delivery d join wallet.webhook w on w.owner_id is not distinct from d.owner_id
         where d.delivered_at is null and d.abandoned_at is null and d.next_attempt_at <= ${clock.now()}
         order by d.next_attempt_at, d.id limit 20 for update of d skip locked`,
      );
      if (rows.length === 0) return null;
      const outcomes = await Promise.all(rows.map((row) => attempt(row)));
      for (const [i, row] of rows.entries()) {
        const outcome = outcomes[i]!;
        if (outcome.ok) {
          await executeSql(
            tx,
            sql`update wallet.webhook_delivery set delivered_at = ${clock.now()}, attempts = attempts + 1, last_status = ${outcome.status} where id = ${row.id}`,
          );
        } else {
          const attempts = row.attempts + 1;
          const backoffMs = Math.min(600_000, 1000 * 2 ** Math.min(attempts - 1, 20));
          log.warn({ delivery: row.id, event: row.event, status: outcome.status, attempts }, 'webhook delivery failed; will retry');
          await executeSql(
            tx,
            sql`update wallet.webhook_delivery set attempts = ${attempts}, last_status = ${outcome.status}, next_attempt_at = ${new Date(clock.now().getTime() + backoffMs)}, abandoned_at = ${attempts >= MAX_ATTEMPTS ? clock.now() : null} where id = ${row.id}`,
          );
        }
      }
      return outcomes.filter((o) => o.ok).length;
    });
    if (sent === null) return acknowledged;
    acknowledged += sent;
    if (sent === 0) return acknowledged;
  }
}

async function attempt(row: DeliveryRow): Promise<{ ok: boolean; status: number | null }> {
  const body = JSON.stringify({ id: row.id, event: row.event, createdAt: new Date(row.created_at).toISOString(), data: row.payload });
  // Real time, not the hub's clock (which tests and demos move): the timestamp is the receiver's guard against replays.
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const url = new URL(row.url);
    if (!privateAllowed()) checkedTarget(url);
    const response = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Unicard-Webhooks/1',
        'x-unicard-delivery': row.id,
        'x-unicard-event': row.event,
        'x-unicard-timestamp': String(timestamp),
        'x-unicard-signature': signatureOf(row.secret, timestamp, body),
      },
      body,
      // Redirects are not followed (undici's request never does): a 3xx is a failed delivery, not a way inward.
      dispatcher: privateAllowed() ? undefined : outboundDispatcher(),
      headersTimeout: 5000,
      bodyTimeout: 5000,
      signal: AbortSignal.timeout(5000),
    });
    await response.body.dump();
    return { ok: response.statusCode >= 200 && response.statusCode < 300, status: response.statusCode };
  } catch {
    return { ok: false, status: null };
  }
}

/** One dispatcher for every delivery, whose connections reach checked public addresses only. */
let dispatcher: Agent | undefined;
const outboundDispatcher = () => (dispatcher ??= publicOnlyDispatcher());

/** The delivery loop of the wallet process: a pass every second, never two at once. */
export function startWebhookDelivery(orm: MikroORM, clock: Clock, log: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = asBackgroundWork(() => deliverDue(orm, clock, log))
      .catch((error: unknown) => log.warn({ error: (error as Error).message }, 'webhook delivery pass failed'))
      .finally(() => (running = null));
  }, 1000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
