import { ISSUERS, KeyRing } from '../../lib/keys.js';
import type { SubgraphDefinition } from '../../lib/subgraph.js';
import { MERCHANT_MIGRATIONS } from '../../migrations/merchant/names.js';
import { merchantLoaders, type MerchantContext } from './context.js';
import { ApiClientEntity } from './access/index.js';
import { MerchantEntity, StoreEntity } from './participant/index.js';
import { Merchant } from './resolvers/Merchant.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import { Store } from './resolvers/Store.js';
import { AuditEntry } from './resolvers/AuditEntry.js';
import { ApiClient } from './resolvers/ApiClient.js';
import { applyAuditEvent } from './audit/index.js';

export const merchantEntities = [MerchantEntity, StoreEntity, ApiClientEntity];

export function merchantSubgraph(env: NodeJS.ProcessEnv = process.env): SubgraphDefinition<MerchantContext> {
  const keys = KeyRing.fromEnv(ISSUERS.merchant, env);
  return {
    name: 'merchant',
    entities: merchantEntities,
    migrations: { names: MERCHANT_MIGRATIONS, load: async () => (await import('../../migrations/merchant/index.js')).merchantMigrations },
    resolvers: { Query, Mutation, Merchant, Store, AuditEntry, ApiClient } as SubgraphDefinition<MerchantContext>['resolvers'],
    anonymousFields: ['authenticate'],
    onEvent: applyAuditEvent,
    keys,
    extendContext: (base) => ({ ...base, keys, ...merchantLoaders(base.em) }),
  };
}
