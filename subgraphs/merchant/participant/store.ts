import { randomUUID } from 'node:crypto';
import { EntitySchema, type EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { notFound } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import { recordEvents } from '../../../lib/outbox.js';
import { MerchantEntity, cleanName } from './merchant.js';

export class StoreRecord {
  id!: string;
  merchantId!: string;
  name!: string;
  city!: string;
  createdAt!: Date;
}

export const StoreEntity = new EntitySchema<StoreRecord>({
  class: StoreRecord,
  name: 'Store',
  tableName: 'store',
  properties: {
    id: { type: 'uuid', primary: true },
    merchantId: { type: 'uuid' },
    name: { type: 'text' },
    city: { type: 'text' },
    createdAt: { type: 'datetime' },
  },
});

export async function createStore(em: EntityManager, clock: Clock, input: { merchantId: string; name: string; city: string }): Promise<StoreRecord> {
  const merchantId = requireUuid(input.merchantId, 'merchantId');
  const name = cleanName(input.name, 'name');
  const city = cleanName(input.city, 'city', 60);
  return em.transactional(async (tx) => {
    const merchant = await tx.findOne(MerchantEntity, { id: merchantId });
    if (!merchant) throw notFound('Merchant');
    const store = tx.create(StoreEntity, { id: randomUUID(), merchantId, name, city, createdAt: clock.now() });
    await tx.flush();
    await recordEvents(tx, 'merchant', [{ type: 'store.created', storeId: store.id, merchantId }], clock);
    return store;
  });
}
