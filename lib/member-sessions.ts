/**
 * Member sessions that can be ended (issue 21). A member session is a signed
 * token that lives 30 minutes; erasure, a lost card and HQ's freeze end every
 * session of that member issued until then, at once, in every subgraph and
 * every replica. The check lives with the data: each subgraph keeps, in its
 * own schema, when each member's sessions last ended, and refuses a MEMBER
 * token issued at or before it (UNAUTHENTICATED), on every request.
 *
 * The subgraph where the ending happens writes its own row in the same
 * transaction as the change, and tells the others through its outbox
 * (`member.sessions_ended`); the change is audited, and an audited mutation
 * answers once its outbox is delivered, so every subgraph refuses the old
 * sessions by the time the caller hears the answer. A token carries the
 * millisecond it was issued (`ims`), so a session opened right after the
 * ending is not caught by it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from './auth.js';
import type { Clock } from './clock.js';
import type { SubgraphSchema } from './database.js';
import { unauthenticated } from './errors.js';
import { recordEvents } from './outbox.js';
import type { SessionsEndedReason } from './events.js';


/** DDL of a schema's record of ended sessions (each subgraph's migration runs it). */
export const memberSessionEndSql = (schema: SubgraphSchema) => [
  `create table "${schema}".member_session_end (
     member_id uuid primary key,
     ended_at timestamptz not null,
     reason text not null check (reason in ('ERASED', 'CARD_LOST', 'FROZEN_BY_HQ')))`,
];

async function recordEnd(em: EntityManager, schema: SubgraphSchema, memberId: string, endedAt: Date, reason: SessionsEndedReason): Promise<void> {
  // The latest ending wins whatever order the news arrives in.
  await em.execute(
    `insert into "${schema}".member_session_end (member_id, ended_at, reason) values (?, ?, ?)
     on conflict (member_id) do update set ended_at = excluded.ended_at, reason = excluded.reason
     where "${schema}".member_session_end.ended_at < excluded.ended_at`,
    [memberId, endedAt, reason],
  );
}

/** Ends every session of the member issued until now, here in the caller's transaction and, through the outbox, in the other subgraphs. */
export async function endMemberSessions(em: EntityManager, schema: SubgraphSchema, clock: Clock, memberId: string, reason: SessionsEndedReason): Promise<void> {
  const endedAt = clock.now();
  await recordEnd(em, schema, memberId, endedAt, reason);
  await recordEvents(em, schema, [{ type: 'member.sessions_ended', memberId, endedAt: endedAt.toISOString(), reason }], clock);
}

/** Another subgraph ended a member's sessions. */
export async function applySessionsEnded(em: EntityManager, schema: SubgraphSchema, event: { memberId: string; endedAt: string; reason: SessionsEndedReason }): Promise<void> {
  await recordEnd(em, schema, event.memberId, new Date(event.endedAt), event.reason);
}

/** A MEMBER token issued at or before its member's sessions last ended is UNAUTHENTICATED; other callers pass untouched. */
export async function requireLiveSession(em: EntityManager, schema: SubgraphSchema, claims: Claims | null): Promise<void> {
  if (claims?.role !== 'MEMBER') return;
  const rows: { ended_at: Date }[] = await em.execute(`select ended_at from "${schema}".member_session_end where member_id = ?`, [claims.subject]);
  const ended = rows[0]?.ended_at;
  if (ended && (claims.issuedAt?.getTime() ?? 0) <= new Date(ended).getTime()) throw unauthenticated('This session has ended; sign in again');
}
