/**
 * What a tier upgrade brings besides its points gift (standing.ts), in the
 * transaction of the movement that made it:
 * - the upgrade is recorded (tier_upgrade), for the campaigns it triggers;
 * - a coupon of each tier reached that names an HQ template as its gift
 *   (docs/marketing.md "Coupons": issued as a tier gift), within the template's budget,
 *   validity and per-member limit; a tier is reached once per cycle, as it
 *   never drops during one, so this is once per tier per member per cycle;
 * - the coupon packs and points gifts the tier brings at once (benefits/benefit-grants.ts): this month's, and those
 *   given on reaching it;
 * - the badge of each tier reached that names one, the first time (programme/badges.ts);
 * - HQ's and the member's merchants' webhooks hear of it (TIER_UPGRADED).
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import { issueToSelection, validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate } from '../coupons/coupon-template.js';
import type { LedgerDeps, TierUpgrade } from '../../ledger/index.js';
import { announceTierUpgrade } from '../webhooks/webhook-events.js';
import { awardBadge, programmeInForce } from '../../programme/index.js';
import { grantOnReaching } from '../benefits/benefit-grants.js';

export async function afterTierUpgrade(ledger: LedgerDeps, upgrade: TierUpgrade): Promise<void> {
  const { em } = ledger;
  await executeSql(
    em,
    sql`insert into wallet.tier_upgrade (member_id, upgraded_at, from_rank, to_rank) values (${upgrade.memberId}, ${upgrade.at}, ${upgrade.fromRank}, ${upgrade.toRank}) on conflict do nothing`,
  );
  const programme = await programmeInForce(em, upgrade.at);
  for (const tier of programme.tiers.filter((t) => t.rank > upgrade.fromRank && t.rank <= upgrade.toRank && t.upgradeGiftCouponTemplateId)) {
    const template = await lockTemplate(em, tier.upgradeGiftCouponTemplateId!);
    if (!template || template.issued >= template.budget || validityOf(template, upgrade.at).validUntil <= upgrade.at) continue;
    await issueToSelection(em, template, sql`select ${upgrade.memberId}::uuid as member_id`, 'TIER_GIFT', upgrade.at);
  }
  // A tier's badge on first reaching it (held once: a later cycle's reaching it again gives nothing more).
  for (const tier of programme.tiers.filter((t) => t.rank > upgrade.fromRank && t.rank <= upgrade.toRank && t.badgeCode)) {
    await awardBadge(em, upgrade.memberId, tier.badgeCode!, upgrade.at);
  }
  await grantOnReaching(ledger, programme, upgrade.memberId, { tierCode: programme.tiers[upgrade.toRank]!.code }, upgrade.at);
  await announceTierUpgrade(em, upgrade, programme.tiers);
}
