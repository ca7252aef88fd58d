/**
 * What the wallet knows of merchants, stores and memberships: ids only,
 * learned from the merchant and member subgraphs' events.
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { forbidden, notFound } from '../../../../lib/errors.js';
import type { HubEvent } from '../../../../lib/events.js';
import { requireUuid } from '../../../../lib/ids.js';

export async function applyHubEvent(em: EntityManager, event: HubEvent, now: Date): Promise<void> {
  switch (event.type) {
    case 'merchant.created':
      await executeSql(em, sql`insert into wallet.merchant (id, kind) values (${event.merchantId}, ${event.kind}) on conflict do nothing`);
      break;
    case 'store.created':
      await executeSql(em, sql`insert into wallet.store (id, merchant_id) values (${event.storeId}, ${event.merchantId}) on conflict do nothing`);
      break;
    case 'member.registered':
      await ensureWallet(em, event.memberId, now);
      await executeSql(
        em,
        sql`insert into wallet.membership (member_id, merchant_id, joined_at) values (${event.memberId}, ${event.merchantId}, ${now}) on conflict do nothing`,
      );
      await executeSql(
        em,
        sql`update wallet.wallet set registered_at_merchant_id = coalesce(registered_at_merchant_id, ${event.merchantId}), birth_month = ${event.birthMonth ?? null},
          registered_at = coalesce(registered_at, ${event.registeredAt ?? now.toISOString()}::timestamptz), invited_by = coalesce(invited_by, ${event.invitedBy ?? null}::uuid)
         where member_id = ${event.memberId}`,
      );
      // Stamped with no instant: any change the member makes later applies over it, whichever event arrives first.
      if (event.marketingConsent) await applyConsent(em, event.memberId, true, null);
      break;
    case 'member.consent_changed':
      await ensureWallet(em, event.memberId, now);
      await applyConsent(em, event.memberId, event.marketing, new Date(event.at));
      break;
    case 'member.joined':
      await executeSql(
        em,
        sql`insert into wallet.membership (member_id, merchant_id, joined_at) values (${event.memberId}, ${event.merchantId}, ${now}) on conflict do nothing`,
      );
      break;
    case 'member.erased':
      // Nobody can act for an erased member any more: its value stays, frozen, for HQ to settle outside the hub.
      await executeSql(
        em,
        sql`update wallet.wallet set frozen_by_erasure_at = coalesce(frozen_by_erasure_at, ${now}), marketing_consent = false, birth_month = null where member_id = ${event.memberId}`,
      );
      // Marketing labels of a person who is no more.
      await executeSql(em, sql`delete from wallet.member_tag where member_id = ${event.memberId}`);
      break;
  }
}

/**
 * A consent change, unless the wallet already applied a later one (events may
 * arrive out of order). `at` is the member subgraph's instant of the change;
 * null for the consent given at registration, which every change overrides.
 */
async function applyConsent(em: EntityManager, memberId: string, marketing: boolean, at: Date | null): Promise<void> {
  if (at === null) {
    await executeSql(em, sql`update wallet.wallet set marketing_consent = ${marketing} where member_id = ${memberId} and marketing_consent_at is null`);
    return;
  }
  await executeSql(
    em,
    sql`update wallet.wallet set marketing_consent = ${marketing}, marketing_consent_at = ${at} where member_id = ${memberId} and (marketing_consent_at is null or marketing_consent_at <= ${at})`,
  );
}

export async function ensureWallet(em: EntityManager, memberId: string, now: Date): Promise<void> {
  await executeSql(em, sql`insert into wallet.wallet (member_id, balance, created_at) values (${memberId}, 0, ${now}) on conflict do nothing`);
}

export async function storeMerchant(em: EntityManager, storeId: string): Promise<string | null> {
  const rows: { merchant_id: string }[] = await executeSql(em, sql`select merchant_id from wallet.store where id = ${storeId}`);
  return rows[0]?.merchant_id ?? null;
}

export async function hasJoined(em: EntityManager, memberId: string, merchantId: string): Promise<boolean> {
  const rows = await executeSql(em, sql`select 1 from wallet.membership where member_id = ${memberId} and merchant_id = ${merchantId}`);
  return rows.length > 0;
}

/**
 * The store a caller moves value at, and its merchant: a terminal only at its
 * own store, a back office only at its merchant's stores, HQ anywhere.
 */
export async function storeForCaller(em: EntityManager, caller: Claims, storeIdInput: string): Promise<{ storeId: string; merchantId: string }> {
  const storeId = storeIdForCaller(caller, storeIdInput);
  return requireStoreOfCaller(caller, storeId, await storeMerchant(em, storeId));
}

/** storeForCaller's checks before the store is read: a store id, and a terminal's own store. */
export function storeIdForCaller(caller: Claims, storeIdInput: string): string {
  const storeId = requireUuid(storeIdInput, 'storeId');
  if (caller.role === 'TERMINAL' && caller.storeId !== storeId) throw forbidden('A terminal moves value at its own store only');
  return storeId;
}

/** storeForCaller's checks once the store's merchant is read (null: no such store): a back office at its own stores only. */
export function requireStoreOfCaller(caller: Claims, storeId: string, merchantId: string | null): { storeId: string; merchantId: string } {
  if (!merchantId) throw notFound('Store');
  if (caller.role === 'MERCHANT' && caller.merchantId !== merchantId) throw forbidden('Not a store of your merchant');
  return { storeId, merchantId };
}
