/**
 * Sessions that can be ended (issue 21). A token is signed and short-lived
 * (30 minutes for a member session, 15 for an API client's), but some things
 * must stop it at once, in every subgraph and every replica: a member's
 * erasure, its lost card and HQ's freeze end every session of that member;
 * revoking an API client ends every token it holds. The check lives with the
 * data: each subgraph keeps, in its own schema, when each subject's (member
 * or client) sessions last ended, and refuses a token of that subject issued
 * at or before then (UNAUTHENTICATED), on every request.
 *
 * The subgraph where the ending happens writes its own row in the same
 * transaction as the change and tells the others through its outbox
 * (`sessions.ended`); the change is audited, and an audited mutation answers
 * once its outbox is delivered, so every subgraph refuses the old tokens by
 * the time the caller hears the answer. A token carries the millisecond it
 * was issued (`ims`), so a session opened right after the ending works.
 */
import { executeSql, joinSql, sql, trustedSql, type Sql } from './sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from './auth.js';
import type { Clock } from './clock.js';
import type { SubgraphSchema } from './database.js';
import { unauthenticated } from './errors.js';
import { recordEvents } from './outbox.js';
import type { SessionsEndedReason } from './events.js';

/** DDL of a schema's record of ended sessions (each subgraph's migration runs it). */
export const sessionEndSql = (schema: SubgraphSchema) => [
  `create table "${schema}".session_end (
     subject text primary key,
     ended_at timestamptz not null,
     reason text not null check (reason in ('ERASED', 'CARD_LOST', 'FROZEN_BY_HQ', 'CLIENT_REVOKED')))`,
];

async function recordEnd(em: EntityManager, schema: SubgraphSchema, subject: string, endedAt: Date, reason: SessionsEndedReason): Promise<void> {
  // The latest ending wins whatever order the news arrives in.
  await executeSql(
    em,
    sql`insert into "${trustedSql(schema)}".session_end (subject, ended_at, reason) values (${subject}, ${endedAt}, ${reason})
     on conflict (subject) do update set ended_at = excluded.ended_at, reason = excluded.reason
     where "${trustedSql(schema)}".session_end.ended_at < excluded.ended_at`,
  );
}

/** Ends every session of the subject (a member id, or an API client id) issued until now: here, in the caller's transaction, and through the outbox in the other subgraphs. */
export async function endSessions(em: EntityManager, schema: SubgraphSchema, clock: Clock, subject: string, reason: SessionsEndedReason): Promise<void> {
  const endedAt = clock.now();
  await recordEnd(em, schema, subject, endedAt, reason);
  await recordEvents(em, schema, [{ type: 'sessions.ended', subject, endedAt: endedAt.toISOString(), reason }], clock);
}

/** Another subgraph ended a subject's sessions. */
export async function applySessionsEnded(
  em: EntityManager,
  schema: SubgraphSchema,
  event: { subject: string; endedAt: string; reason: SessionsEndedReason },
): Promise<void> {
  await recordEnd(em, schema, event.subject, new Date(event.endedAt), event.reason);
}

/** A caller with a session: every role but SERVICE (deliveries between subgraphs). */
type SessionClaims = Exclude<Claims, { role: 'SERVICE' }>;

/** The columns that read whether the caller's session ended, and `alongside` (its lock-outs' state), for a statement to select. */
function sessionColumnsSql(schema: SubgraphSchema, claims: SessionClaims, alongside: Sql[]): Sql {
  const reads = alongside.map((read, i) => sql`, ${read} as ${trustedSql(`session_read_${i}`)}`);
  return sql`(select ended_at from "${trustedSql(schema)}".session_end where subject = ${claims.subject}) as session_ended_at${joinSql(reads, '')}`;
}

/** Refuses a token issued at or before its subject's sessions last ended (as `row` read them), else gives what was read alongside. */
function liveSessionReads(claims: SessionClaims, row: Record<string, unknown>, count: number): unknown[] {
  const ended = row.session_ended_at as Date | string | null;
  if (ended && (claims.issuedAt?.getTime() ?? 0) <= new Date(ended).getTime()) {
    throw unauthenticated(claims.role === 'MEMBER' ? 'This session has ended; sign in again' : 'This client has been revoked');
  }
  return Array.from({ length: count }, (_, i) => row[`session_read_${i}`] ?? null);
}

/** A caller's token issued at or before its subject's sessions last ended is UNAUTHENTICATED; SERVICE deliveries are not sessions. */
export async function requireLiveSession(em: EntityManager, schema: SubgraphSchema, claims: Claims | null, alongside: Sql[] = []): Promise<unknown[]> {
  if (!claims || claims.role === 'SERVICE') return alongside.map(() => undefined);
  // What the request reads about its caller besides (its lock-outs' state): in the same statement, one round trip.
  const rows: Record<string, unknown>[] = await executeSql(em, sql`select ${sessionColumnsSql(schema, claims, alongside)}`);
  return liveSessionReads(claims, rows[0]!, alongside.length);
}

/**
 * A request's check of its caller's session (requireLiveSession), with what it reads alongside (its lock-outs' state).
 * Most requests check before anything runs, in a statement of their own. A mutation whose commands all carry the check
 * in their first statement (a till's movement: the read at the store, issue 25's three round trips) defers it
 * (`defer`): that statement selects the check's columns (`carried`) and refuses from its row (`settle`) before the
 * command uses anything it read, so an ended session or a locked-out caller rolls the command's transaction back. Checks
 * that need what the statement reads wait for it (`whenKnown`). Whatever a deferred request did not settle is checked
 * before it answers (`outcome`), so a refusal of the session still answers for the whole request, as before.
 */
export class CallerSession {
  private known: unknown[] | null = null;
  private deferred = false;
  private refusal: unknown = null;
  private readonly waiting: ((known: unknown[]) => Promise<void>)[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly schema: SubgraphSchema,
    readonly claims: Claims | null,
    private readonly alongside: Sql[],
  ) {}

  /** Checks now, in a statement of its own, unless it is checked already; gives what was read alongside. */
  async check(): Promise<unknown[]> {
    if (this.refusal) throw this.refusal;
    if (!this.known) await this.settled(() => requireLiveSession(this.em, this.schema, this.claims, this.alongside));
    return this.known!;
  }

  /** Leaves the check to the first statement of the request's command (`carried`). */
  defer(): void {
    this.deferred = true;
  }

  /**
   * The check's columns for the statement that carries it (named session_*), or null when it has nothing to carry.
   * Once the check has refused, every later statement of the request is refused with it (a second field of the same
   * mutation must not run unchecked after the first was refused).
   */
  carried(): Sql | null {
    if (this.refusal) throw this.refusal;
    const claims = this.claims;
    if (!this.deferred || this.known || !claims || claims.role === 'SERVICE') return null;
    return sessionColumnsSql(this.schema, claims, this.alongside);
  }

  /** Refuses from the row of the statement that carried the check (UNAUTHENTICATED; a waiting check's refusal). */
  async settle(row: Record<string, unknown>): Promise<void> {
    const claims = this.claims;
    if (this.carried() === null || !claims || claims.role === 'SERVICE') return; // throws a refusal already made
    await this.settled(async () => liveSessionReads(claims, row, this.alongside.length));
  }

  /** Runs `use` with what was read alongside: now if it is known, else when the deferred check settles (which throws its refusal). */
  async whenKnown(use: (known: unknown[]) => Promise<void>): Promise<void> {
    if (this.known || !this.deferred) return use(await this.check());
    if (this.refusal) throw this.refusal;
    this.waiting.push(use);
  }

  /** After the request ran: its refusal, checking what a deferred request did not settle; null for a live session. */
  async outcome(): Promise<unknown> {
    if (!this.deferred) return null;
    try {
      await this.check();
      return null;
    } catch (error) {
      return error;
    }
  }

  /** Whether the request deferred its check and nothing has settled it. */
  get unsettled(): boolean {
    return this.deferred && !this.known && !this.refusal;
  }

  private async settled(read: () => Promise<unknown[]>): Promise<void> {
    try {
      const known = await read();
      for (const use of this.waiting.splice(0)) await use(known);
      this.known = known;
    } catch (error) {
      this.refusal = error;
      throw error;
    }
  }
}
