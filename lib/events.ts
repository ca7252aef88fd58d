/**
 * Facts one subgraph publishes for others to react to (DESIGN: the
 * transactional outbox). This file is the contract between them, as a schema
 * registry would be with a broker.
 */
export type HubEvent =
  | { type: 'merchant.created'; merchantId: string; kind: 'BRAND' | 'ALLY' }
  | { type: 'store.created'; storeId: string; merchantId: string }
  | { type: 'member.registered'; memberId: string; merchantId: string; storeId: string }
  | { type: 'member.joined'; memberId: string; merchantId: string }
  | { type: 'member.erased'; memberId: string };

export interface EventEnvelope {
  id: string;
  occurredAt: string;
  event: HubEvent;
}

/** Which subgraphs each producer's events go to. */
export const SUBSCRIBERS = {
  merchant: ['member', 'wallet'],
  member: ['wallet'],
  wallet: [],
} as const;
