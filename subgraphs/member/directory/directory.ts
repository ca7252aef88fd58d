/**
 * What the member subgraph knows of merchants and stores: only ids, learned
 * from the merchant subgraph's events.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubEvent } from '../../../lib/events.js';

export async function applyMerchantEvent(em: EntityManager, event: HubEvent): Promise<void> {
  if (event.type === 'merchant.created') {
    await em.execute('insert into member.merchant_directory (merchant_id, kind) values (?, ?) on conflict do nothing', [event.merchantId, event.kind]);
  } else if (event.type === 'store.created') {
    await em.execute('insert into member.store_directory (store_id, merchant_id) values (?, ?) on conflict do nothing', [event.storeId, event.merchantId]);
  }
}

export async function storeMerchant(em: EntityManager, storeId: string): Promise<string | null> {
  const rows: { merchant_id: string }[] = await em.execute('select merchant_id from member.store_directory where store_id = ?', [storeId]);
  return rows[0]?.merchant_id ?? null;
}
