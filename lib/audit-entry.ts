/**
 * What an audit log entry is (lib/audit.ts keeps the log): part of the
 * event contract too, since the wallet and member subgraphs send theirs as
 * `audit.recorded` events.
 */
import type { Claims, Role } from './auth.js';
import type { Clock } from './clock.js';

/**
 * The audited mutations, by name; the merchant SDL's AuditAction enum lists the same. Every other mutation's command
 * says why it is not audited (lib/commands.ts; test/audit-log.test.ts holds both).
 */
export const AUDITED_ACTIONS = [
  'createMerchant',
  'createStore',
  'createApiClient',
  'revokeApiClient', // merchant subgraph
  'setSettlementTerms',
  'runSettlement',
  'finalizeSettlement',
  'freezeWallet',
  'unfreezeWallet',
  'setProgramme',
  'setMembershipPlan',
  'createCouponTemplate',
  'issueCoupons',
  'createCampaign',
  'setWebhook',
  'tagMembers',
  'createTagRule',
  'createBenefit',
  'updateBenefit',
  'createTask',
  'updateTask', // wallet
  'createMemberSession',
  'reportCardLost',
  'eraseMember',
  'setMarketingConsent', // member
] as const;
export type AuditAction = (typeof AUDITED_ACTIONS)[number];

/** What an entry is about, and what changed: ids and values only. */
export interface AuditSubject {
  type:
    | 'Merchant'
    | 'Store'
    | 'ApiClient'
    | 'SettlementRun'
    | 'Wallet'
    | 'Member'
    | 'Programme'
    | 'MembershipPlan'
    | 'CouponTemplate'
    | 'Benefit'
    | 'Task'
    | 'Campaign'
    | 'Webhook'
    | 'Tag';
  id: string;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditActor {
  role: Role;
  id: string;
  merchantId: string | null;
}

export interface AuditEntry {
  at: string;
  action: AuditAction;
  actor: AuditActor & {
    /** The back office or HQ client that opened the member session the change came through (absent: none, or an entry from before sessions said). */
    openedBy?: AuditActor | null;
  };
  subject: Required<AuditSubject>;
  requestId: string;
}

export function auditEntry(caller: Claims, requestId: string, clock: Clock, action: AuditAction, subject: AuditSubject): AuditEntry {
  return {
    at: clock.now().toISOString(),
    action,
    actor: {
      role: caller.role,
      id: caller.subject,
      merchantId: 'merchantId' in caller ? caller.merchantId : null,
      openedBy:
        caller.role === 'MEMBER' && caller.openedBy
          ? { role: caller.openedBy.role, id: caller.openedBy.subject, merchantId: caller.openedBy.merchantId }
          : null,
    },
    subject: { ...subject, details: subject.details ?? {} },
    requestId,
  };
}
