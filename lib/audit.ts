/**
 * The audit log: every administrative change (terms, stores, clients,
 * settlement runs and finalisations, freezes, lost cards, erasures) is
 * appended with who made it, when, what it changed
 * and the request id, and can never be edited: a trigger refuses UPDATE,
 * DELETE and TRUNCATE, as on the journal. HQ reads it (`auditLog`).
 *
 * One log for the hub, kept by the merchant subgraph, where HQ's view of the
 * coalition lives. An entry is written in the same transaction as the change
 * it describes, so it exists exactly when the change committed: the merchant
 * subgraph appends its own directly; the wallet and member subgraphs write an
 * `audit.recorded` event into their outbox, which reaches the log at least
 * once and is applied once (lib/outbox.ts).
 *
 * Entries hold ids and values, never personal data (names, phones): erasing
 * a member (个人信息保护法) must not need to edit the log.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, joinSql, sql } from './sql.js';
import type { Clock } from './clock.js';
import type { SubgraphSchema } from './database.js';
import { recordEvents } from './outbox.js';
import type { AuditEntry } from './audit-entry.js';

export { AUDITED_ACTIONS, auditEntry, type AuditAction, type AuditEntry, type AuditSubject } from './audit-entry.js';

/** DDL of the log (the merchant subgraph's migration runs it). */
export const AUDIT_LOG_SQL = [
  `create table merchant.audit_entry (
     id bigserial primary key,
     at timestamptz not null,
     recorded_at timestamptz not null default now(),
     action text not null,
     actor_role text not null,
     actor_id text not null,
     actor_merchant_id uuid,
     subject_type text not null,
     subject_id text not null,
     details jsonb not null,
     request_id text not null)`,
  'create index audit_entry_subject on merchant.audit_entry (subject_id, id)',
  'create index audit_entry_action on merchant.audit_entry (action, id)',
  `create function merchant.refuse_audit_change() returns trigger language plpgsql as $$
     begin
       raise exception '% on merchant.audit_entry is not allowed: the audit log is append-only', tg_op;
     end $$`,
  'create trigger audit_entry_append_only before update or delete on merchant.audit_entry for each row execute function merchant.refuse_audit_change()',
  'create trigger audit_entry_no_truncate before truncate on merchant.audit_entry for each statement execute function merchant.refuse_audit_change()',
];

/** Appends entries to the log (in the merchant subgraph, in the caller's transaction). */
export async function appendAuditEntries(em: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    (e) =>
      sql`(${e.at}, ${e.action}, ${e.actor.role}, ${e.actor.id}, ${e.actor.merchantId}, ${e.actor.openedBy?.role ?? null}, ${e.actor.openedBy?.id ?? null},
        ${e.actor.openedBy?.merchantId ?? null}, ${e.subject.type}, ${e.subject.id}, ${JSON.stringify(e.subject.details)}::jsonb, ${e.requestId})`,
  );
  await executeSql(
    em,
    sql`insert into merchant.audit_entry (at, action, actor_role, actor_id, actor_merchant_id, opened_by_role, opened_by_id, opened_by_merchant_id,
       subject_type, subject_id, details, request_id)
     values ${joinSql(rows, ', ')}`,
  );
}

/** Records an entry in the caller's transaction: into the log itself, or the outbox towards it. */
export async function recordAudit(em: EntityManager, producer: SubgraphSchema, entry: AuditEntry, clock: Clock): Promise<void> {
  if (producer === 'merchant') await appendAuditEntries(em, [entry]);
  else await recordEvents(em, producer, [{ type: 'audit.recorded', entry }], clock);
}
