/**
 * Facts one subgraph publishes for others to react to (DESIGN: the
 * transactional outbox). This file is the contract between them, as a schema
 * registry would be with a broker.
 */
import type { AuditEntry } from './audit-entry.js';
import type { SubgraphSchema } from './database.js';

export type HubEvent =
  | { type: 'merchant.created'; merchantId: string; kind: 'BRAND' | 'ALLY' }
  | { type: 'store.created'; storeId: string; merchantId: string }
  | { type: 'member.registered'; memberId: string; merchantId: string; storeId: string }
  | { type: 'member.joined'; memberId: string; merchantId: string }
  | { type: 'member.erased'; memberId: string }
  | { type: 'audit.recorded'; entry: AuditEntry };

export interface EventEnvelope {
  id: string;
  occurredAt: string;
  event: HubEvent;
}

/** Which subgraphs each kind of event goes to. */
export const SUBSCRIBERS: Record<HubEvent['type'], readonly SubgraphSchema[]> = {
  'merchant.created': ['member', 'wallet'],
  'store.created': ['member', 'wallet'],
  'member.registered': ['wallet'],
  'member.joined': ['wallet'],
  'member.erased': ['wallet'],
  // The hub's one audit log is kept by the merchant subgraph (lib/audit.ts).
  'audit.recorded': ['merchant'],
};

/** The subgraphs a producer's relay delivers to: every subscriber of some event it may publish (all but itself). */
export function subscribersOf(producer: SubgraphSchema): SubgraphSchema[] {
  return [...new Set(Object.values(SUBSCRIBERS).flat())].filter((name) => name !== producer);
}
