/**
 * What an audit log entry is (lib/audit.ts keeps the log): part of the
 * event contract too, since the wallet and member subgraphs send theirs as
 * `audit.recorded` events.
 */
import type { Claims, Role } from './auth.js';
import type { Clock } from './clock.js';

/** The audited mutations, by name; the merchant SDL's AuditAction enum lists the same (test/audit-log.test.ts). */
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
  'createTagRule', // wallet
  'createMemberSession',
  'reportCardLost',
  'eraseMember',
  'setMarketingConsent', // member
] as const;
export type AuditAction = (typeof AUDITED_ACTIONS)[number];

/**
 * The mutations that are not audited, and why: a member's own actions and a till's, whose record is the thing they
 * make (the journal for every value movement, with its client and idempotency key; the member and its memberships),
 * and a login, which changes nothing. Every other mutation of the composed schema is audited (test/audit-log.test.ts).
 */
export const NOT_AUDITED: Record<string, string> = {
  authenticate: 'a login changes nothing; failed ones are counted by the lock-out',
  registerMember: "a till's registration: the member row records its store and instant",
  joinMerchant: "the member's own: the membership records when",
  issuePayCode: "the member's own: a pay code lives 60 seconds, single use, stored hashed",
  signIn: "the member's own daily sign-in: its journal transaction records it",
  topUp: 'a value movement: its journal transaction records the client, store and key',
  checkout: 'a value movement: its journal transaction records the client, store and key',
  refund: 'a value movement: its journal transaction records the client, store and key',
  buyMembershipPlan: "the member's own value movement: its journal transaction records the payment reference",
  exchangePoints: "the member's own value movement: its journal transaction records it",
};

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
