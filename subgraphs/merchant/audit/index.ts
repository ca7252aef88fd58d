/**
 * The audit log of who changed what.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { type AuditEntryRecord, type AuditLogPage, applyAuditEvent, listAuditEntries } from './audit-log.js';
