/**
 * What the wallet announces to webhooks besides coupons issued (queued with
 * them, marketing/coupons/coupon-issuance.ts) and campaign notifications
 * (marketing/campaigns/campaigns.ts): a member's tier upgrade, and points about to
 * expire. Both go to HQ's webhook and to those of the merchants the member
 * joined; they name the member by id only.
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TierUpgrade } from '../../ledger/index.js';
import type { TierRecord } from '../../programme/index.js';
import { queueDeliveries } from './webhooks.js';

/** HQ and the merchants a member joined: the owners a member's news goes to (a select of owner_id). */
const ownersOfMember = (memberId: string) =>
  sql`select null::uuid as owner_id union all select merchant_id from wallet.membership where member_id = ${memberId}`;

export async function announceTierUpgrade(em: EntityManager, upgrade: TierUpgrade, tiers: readonly TierRecord[]): Promise<void> {
  const [from, to] = [tiers[upgrade.fromRank]?.code ?? null, tiers[upgrade.toRank]?.code ?? null];
  await queueDeliveries(
    em,
    upgrade.at,
    'TIER_UPGRADED',
    sql`select o.owner_id, jsonb_build_object('memberId', ${upgrade.memberId}::text, 'from', ${from}::text, 'to', ${to}::text, 'at', ${upgrade.at.toISOString()}::text) as payload
      from (${ownersOfMember(upgrade.memberId)}) o`,
  );
}

/** Days ahead that points expiring are announced. */
export const EXPIRY_NOTICE_DAYS = 30;

/**
 * Announces each points lot that expires within EXPIRY_NOTICE_DAYS, once
 * (the lot keeps when it was announced): set-based, for the daily job.
 * Returns how many lots were announced.
 */
export async function announceExpiringPoints(em: EntityManager, now: Date): Promise<number> {
  const until = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * 86_400_000);
  return em.transactional(async (tx) => {
    const rows: { n: string }[] = await executeSql(
      tx,
      sql`with due as (
         update wallet.points_lot set expiry_announced_at = ${now}
         where remaining > 0 and expires_at > ${now} and expires_at <= ${until} and expiry_announced_at is null
         returning member_id, remaining, expires_at),
       owners as (
         select null::uuid as owner_id, d.* from due d
         union all select j.merchant_id, d.* from due d join wallet.membership j using (member_id)),
       queued as (
         insert into wallet.webhook_delivery (id, owner_id, event, payload, created_at, next_attempt_at)
         select gen_random_uuid(), o.owner_id, 'POINTS_EXPIRING',
           jsonb_build_object('memberId', o.member_id, 'points', o.remaining, 'expiresAt', o.expires_at), ${now}, ${now}
         from owners o join wallet.webhook w on w.owner_id is not distinct from o.owner_id and 'POINTS_EXPIRING' = any(w.events))
       select count(*) as n from due`,
    );
    return Number(rows[0]!.n);
  });
}
