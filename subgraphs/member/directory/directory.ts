/**
 * What the member subgraph knows of merchants and stores: only ids, learned
 * from the merchant subgraph's events.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubEvent } from '../../../lib/events.js';

export async function applyMerchantEvent(em: EntityManager, event: HubEvent): Promise<void> {
  if (event.type === 'merchant.created') {
    await executeSql(em, sql`insert into member.merchant_directory (merchant_id, kind) values (${event.merchantId}, ${event.kind}) on conflict do nothing`);
  } else if (event.type === 'store.created') {
    await executeSql(em, sql`insert into member.store_directory (store_id, merchant_id) values (${event.storeId}, ${event.merchantId}) on conflict do nothing`);
  }
}

export async function storeMerchant(em: EntityManager, storeId: string): Promise<string | null> {
  const rows: { merchant_id: string }[] = await executeSql(em, sql`select merchant_id from member.store_directory where store_id = ${storeId}`);
  return rows[0]?.merchant_id ?? null;
}
