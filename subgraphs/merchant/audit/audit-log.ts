/**
 * Reading the hub's audit log (lib/audit.ts writes it) and taking in the
 * entries the wallet and member subgraphs send through their outboxes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAuditEntries, type AuditAction, type AuditEntry } from '../../../lib/audit.js';
import type { Role } from '../../../lib/auth.js';
import { userInputError } from '../../../lib/errors.js';
import { UUID } from '../../../lib/ids.js';
import { executeSql, joinSql, sql, type Sql } from '../../../lib/sql.js';
import type { HubEvent } from '../../../lib/events.js';

export interface AuditEntryRecord {
  id: string;
  at: Date;
  action: AuditAction;
  actorRole: Role;
  actorId: string;
  actorMerchantId: string | null;
  openedBy: { role: Role; id: string; merchantId: string | null } | null;
  subjectType: string;
  subjectId: string;
  details: string;
  requestId: string;
}

export interface AuditLogPage {
  entries: AuditEntryRecord[];
  hasMore: boolean;
  endCursor: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  actor_role: Role;
  actor_id: string;
  actor_merchant_id: string | null;
  opened_by_role: Role | null;
  opened_by_id: string | null;
  opened_by_merchant_id: string | null;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
  request_id: string;
}

export const AUDIT_PAGE_MAX = 200;

/** Newest first, in the order the log received them; `after` is the previous page's endCursor. */
export async function listAuditEntries(
  em: EntityManager,
  opts: { first: number; after?: string | null; action?: AuditAction | null; subjectId?: string | null },
): Promise<AuditLogPage> {
  if (!Number.isInteger(opts.first) || opts.first < 1 || opts.first > AUDIT_PAGE_MAX)
    throw userInputError(`first must be between 1 and ${AUDIT_PAGE_MAX}`, 'first');
  const where: Sql[] = [];
  if (opts.after != null) {
    if (!/^[1-9][0-9]{0,18}$/.test(opts.after)) throw userInputError('after is not a cursor from this log', 'after');
    where.push(sql`id < ${opts.after}::bigint`);
  }
  // An AuditAction already: the GraphQL enum refused anything else.
  if (opts.action) where.push(sql`action = ${opts.action}`);
  // Client ids are case-sensitive; member and merchant ids are not.
  if (opts.subjectId) where.push(sql`subject_id = ${UUID.test(opts.subjectId) ? opts.subjectId.toLowerCase() : opts.subjectId}`);
  const rows: AuditRow[] = await executeSql(
    em,
    sql`select id, at, action, actor_role, actor_id, actor_merchant_id, opened_by_role, opened_by_id, opened_by_merchant_id, subject_type, subject_id, details, request_id
     from merchant.audit_entry ${where.length ? sql`where ${joinSql(where, ' and ')}` : sql``} order by id desc limit ${opts.first + 1}`,
  );
  const entries = rows.slice(0, opts.first).map((row) => ({
    id: String(row.id),
    at: new Date(row.at),
    action: row.action,
    actorRole: row.actor_role,
    actorId: row.actor_id,
    actorMerchantId: row.actor_merchant_id,
    openedBy: row.opened_by_role && row.opened_by_id ? { role: row.opened_by_role, id: row.opened_by_id, merchantId: row.opened_by_merchant_id } : null,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: JSON.stringify(row.details),
    requestId: row.request_id,
  }));
  return { entries, hasMore: rows.length > opts.first, endCursor: entries.at(-1)?.id ?? null };
}

/** The merchant subgraph's reaction to other subgraphs' events: only their audit entries concern it. */
export async function applyAuditEvent(em: EntityManager, event: HubEvent): Promise<void> {
  if (event.type === 'audit.recorded') await appendAuditEntries(em, [event.entry as AuditEntry]);
}
