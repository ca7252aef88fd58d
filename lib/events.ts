/**
 * Facts one subgraph publishes for others to react to (docs/architecture.md: the
 * transactional outbox). This file is the contract between them, as a schema
 * registry would be with a broker.
 */
import type { AuditEntry } from './audit-entry.js';
import type { SubgraphSchema } from './database.js';

/** Why a subject's sessions ended (lib/session-end.ts). */
export type SessionsEndedReason = 'ERASED' | 'CARD_LOST' | 'FROZEN_BY_HQ' | 'CLIENT_REVOKED';

export type HubEvent =
  | { type: 'merchant.created'; merchantId: string; kind: 'BRAND' | 'ALLY' }
  | { type: 'store.created'; storeId: string; merchantId: string }
  /**
   * `marketingConsent` absent in events recorded before consents existed: not given. `birthMonth` (1-12, absent: not
   * given) is all the wallet learns of a birthday: enough for birthday tags and campaigns, no more.
   */
  | {
      type: 'member.registered';
      memberId: string;
      merchantId: string;
      storeId: string;
      marketingConsent?: boolean;
      birthMonth?: number;
      /** The instant of registration (absent from events written before referrals), and who invited the member. */
      registeredAt?: string;
      invitedBy?: string;
    }
  | { type: 'member.consent_changed'; memberId: string; marketing: boolean; at: string }
  | { type: 'member.joined'; memberId: string; merchantId: string }
  | { type: 'member.erased'; memberId: string }
  /** Every token of the subject (a member, an API client) issued until `endedAt` is refused from now on (lib/session-end.ts). */
  | { type: 'sessions.ended'; subject: string; endedAt: string; reason: SessionsEndedReason }
  | { type: 'audit.recorded'; entry: AuditEntry };

export interface EventEnvelope {
  id: string;
  occurredAt: string;
  event: HubEvent;
}

/** Which subgraphs publish each kind of event, and which receive it. */
export const EVENT_ROUTES: Record<HubEvent['type'], { from: readonly SubgraphSchema[]; to: readonly SubgraphSchema[] }> = {
  'merchant.created': { from: ['merchant'], to: ['member', 'wallet'] },
  'store.created': { from: ['merchant'], to: ['member', 'wallet'] },
  'member.registered': { from: ['member'], to: ['wallet'] },
  'member.joined': { from: ['member'], to: ['wallet'] },
  'member.consent_changed': { from: ['member'], to: ['wallet'] },
  'member.erased': { from: ['member'], to: ['wallet'] },
  // Erasure and a lost card end them in the member subgraph, HQ's freeze in the wallet, a client's revocation in the
  // merchant subgraph: each tells the other two.
  'sessions.ended': { from: ['member', 'wallet', 'merchant'], to: ['member', 'wallet', 'merchant'] },
  // The hub's one audit log is kept by the merchant subgraph, which appends its own entries directly (lib/audit.ts).
  'audit.recorded': { from: ['member', 'wallet'], to: ['merchant'] },
};

/** Who receives an event a producer publishes: the route's receivers but the producer itself, which applied it as it wrote it. */
export function receiversOf(type: HubEvent['type'], producer: SubgraphSchema): SubgraphSchema[] {
  return EVENT_ROUTES[type].to.filter((to) => to !== producer);
}

/** The subgraphs a producer's relay delivers to: the receivers of what it publishes. */
export function subscribersOf(producer: SubgraphSchema): SubgraphSchema[] {
  const types = (Object.keys(EVENT_ROUTES) as HubEvent['type'][]).filter((type) => EVENT_ROUTES[type].from.includes(producer));
  return [...new Set(types.flatMap((type) => receiversOf(type, producer)))];
}
