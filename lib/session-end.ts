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

/** A caller's token issued at or before its subject's sessions last ended is UNAUTHENTICATED; SERVICE deliveries are not sessions. */
export async function requireLiveSession(em: EntityManager, schema: SubgraphSchema, claims: Claims | null, alongside: Sql[] = []): Promise<unknown[]> {
  if (!claims || claims.role === 'SERVICE') return alongside.map(() => undefined);
  // What the request reads about its caller besides (its lock-outs' state): in the same statement, one round trip.
  const reads = alongside.map((read, i) => sql`, ${read} as ${trustedSql(`read_${i}`)}`);
  const rows: Record<string, unknown>[] = await executeSql(
    em,
    sql`select (select ended_at from "${trustedSql(schema)}".session_end where subject = ${claims.subject}) as ended_at${joinSql(reads, '')}`,
  );
  const ended = rows[0]!.ended_at as Date | string | null;
  if (ended && (claims.issuedAt?.getTime() ?? 0) <= new Date(ended).getTime()) {
    throw unauthenticated(claims.role === 'MEMBER' ? 'This session has ended; sign in again' : 'This client has been revoked');
  }
  return alongside.map((_, i) => rows[0]![`read_${i}`] ?? null);
}
