import DataLoader from 'dataloader';
import type { KeyRing } from '../../lib/keys.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../lib/subgraph.js';
import { MerchantEntity, type MerchantRecord, StoreEntity, type StoreRecord } from './participant/index.js';

export interface MerchantContext extends RequestContext {
  /** The keys this subgraph signs API clients' tokens with. */
  keys: KeyRing;
  merchantById: DataLoader<string, MerchantRecord | null>;
  storeById: DataLoader<string, StoreRecord | null>;
  storesByMerchant: DataLoader<string, StoreRecord[]>;
}

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

export function merchantLoaders(em: EntityManager) {
  return {
    merchantById: new DataLoader<string, MerchantRecord | null>(async (ids) => byId(await em.find(MerchantEntity, { id: { $in: [...ids] } }), ids)),
    storeById: new DataLoader<string, StoreRecord | null>(async (ids) => byId(await em.find(StoreEntity, { id: { $in: [...ids] } }), ids)),
    storesByMerchant: new DataLoader<string, StoreRecord[]>(async (merchantIds) => {
      const stores = await em.find(StoreEntity, { merchantId: { $in: [...merchantIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return merchantIds.map((id) => stores.filter((store) => store.merchantId === id));
    }),
  };
}
