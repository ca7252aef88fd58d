/**
 * What an audit log entry is (lib/audit.ts keeps the log): part of the
 * event contract too, since the wallet and member subgraphs send theirs as
 * `audit.recorded` events.
 */
import type { Claims, Role } from './auth.js';
import type { Clock } from './clock.js';

/** The audited mutations, by name; the merchant SDL's AuditAction enum lists the same (test/audit-log.test.ts). */
export const AUDITED_ACTIONS = [
  'createMerchant', 'createStore', 'createApiClient', // merchant subgraph
  'setSettlementTerms', 'runSettlement', 'finalizeSettlement', 'freezeWallet', 'unfreezeWallet', 'setProgramme', 'setMembershipPlan',
  'createCouponTemplate', 'issueCoupons', 'createCampaign', 'setWebhook', // wallet
  'reportCardLost', 'eraseMember', 'setMarketingConsent', // member
] as const;
export type AuditAction = (typeof AUDITED_ACTIONS)[number];

/** What an entry is about, and what changed: ids and values only. */
export interface AuditSubject {
  type: 'Merchant' | 'Store' | 'ApiClient' | 'SettlementRun' | 'Wallet' | 'Member' | 'Programme' | 'MembershipPlan' | 'CouponTemplate' | 'Campaign' | 'Webhook';
  id: string;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEntry {
  at: string;
  action: AuditAction;
  actor: { role: Role; id: string; merchantId: string | null };
  subject: Required<AuditSubject>;
  requestId: string;
}

export function auditEntry(caller: Claims, requestId: string, clock: Clock, action: AuditAction, subject: AuditSubject): AuditEntry {
  return {
    at: clock.now().toISOString(),
    action,
    actor: { role: caller.role, id: caller.subject, merchantId: 'merchantId' in caller ? caller.merchantId : null },
    subject: { ...subject, details: subject.details ?? {} },
    requestId,
  };
}
