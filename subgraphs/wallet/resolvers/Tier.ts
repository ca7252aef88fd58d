import type { TierResolvers } from '../generated/resolvers.js';

/** Growth and points are bigint in the domain; the API's Int holds any a ladder allows (programme.ts checkProgramme). */
export const Tier: TierResolvers = {
  threshold: (tier) => Number(tier.threshold),
  description: (tier) => tier.benefits,
  upgradeGiftPoints: (tier) => Number(tier.upgradeGiftPoints),
  badge: (tier, _, ctx) => (tier.badgeCode ? ctx.badgeByCode.load(tier.badgeCode) : null),
  upgradeGiftCouponTemplate: (tier, _, ctx) => (tier.upgradeGiftCouponTemplateId ? ctx.couponTemplateById.load(tier.upgradeGiftCouponTemplateId) : null),
};
