import { createHash } from 'node:crypto';
import { jwtKeyFromEnv } from '../../lib/auth.js';
import type { SubgraphDefinition } from '../../lib/subgraph.js';
import { walletMigrations } from '../../migrations/wallet/index.js';
import { walletLoaders, type WalletContext } from './context.js';
import { applyHubEvent } from './directory/directory.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import { typeResolvers } from './resolvers/types.js';

/** Pay codes are hashed with a key of their own, derived from the shared secret. */
export function payCodeKeyFrom(jwtKey: Uint8Array): Uint8Array {
  return createHash('sha256').update('unicard-paycode').update(jwtKey).digest();
}

export function walletSubgraph(env: NodeJS.ProcessEnv = process.env): SubgraphDefinition<WalletContext> {
  const payCodeKey = payCodeKeyFrom(jwtKeyFromEnv(env));
  return {
    name: 'wallet',
    entities: [],
    migrations: walletMigrations,
    resolvers: { Query, Mutation, ...typeResolvers } as SubgraphDefinition<WalletContext>['resolvers'],
    extendContext: (base) => ({ ...base, payCodeKey, ...walletLoaders(base.em, base.clock) }),
    onEvent: (em, event) => applyHubEvent(em, event, new Date()),
  };
}
