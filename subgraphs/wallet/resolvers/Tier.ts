import { benefitsOfTier } from '../marketing/index.js';
import type { TierResolvers } from '../generated/resolvers.js';

/** Growth and points are bigint in the domain; the API's Int holds any a ladder allows (programme.ts checkProgramme). */
export const Tier: TierResolvers = {
  threshold: (tier) => Number(tier.threshold),
  // The active benefits the tier carries, oldest first (docs/benefits.md).
  benefits: (tier, _, ctx) => benefitsOfTier(ctx.em, tier.code),
  upgradeGiftPoints: (tier) => Number(tier.upgradeGiftPoints),
  badge: (tier, _, ctx) => (tier.badgeCode ? ctx.badgeByCode.load(tier.badgeCode) : null),
  upgradeGiftCouponTemplate: (tier, _, ctx) => (tier.upgradeGiftCouponTemplateId ? ctx.couponTemplateById.load(tier.upgradeGiftCouponTemplateId) : null),
};
