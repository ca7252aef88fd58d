/**
 * What the gateway is whichever engine runs it (gateway/gateway.ts): the
 * supergraph, the subgraphs' addresses, the limits, the token verifier and
 * the assertion it signs for every subgraph call.
 */
import type { TokenVerifier } from '../lib/auth.js';
import type { GraphQLEngine } from '../lib/http.js';
import type { Logger } from '../lib/logger.js';
import type { OperationLimits } from '../lib/operation-limits.js';

export interface GatewaySetup {
  supergraphSdl: string;
  /** Each subgraph's GraphQL URL by its name in the supergraph (member, wallet, merchant), from MEMBER_URL etc. */
  subgraphUrls: Record<string, string>;
  limits: OperationLimits;
  verifier: TokenVerifier;
  /** The gateway's short-lived credential, which every subgraph requires (lib/auth.ts). */
  assertion: () => Promise<string>;
  log: Logger;
}

export interface GatewayEngine {
  engine: GraphQLEngine;
  stop(): Promise<void>;
}

/** Root fields callable without a token. */
export const ANONYMOUS_FIELDS = new Set(['authenticate', '__typename']);

/** The engines that can serve the supergraph (UNICARD_GATEWAY_ENGINE). */
export const GATEWAY_ENGINES = ['apollo', 'hive', 'hive-router'] as const;
export type GatewayEngineName = (typeof GATEWAY_ENGINES)[number];
