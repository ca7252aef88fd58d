import type { CampaignResolvers } from '../generated/resolvers.js';
import { campaignCounts, campaignResults } from '../campaigns/campaign-results.js';

/** A campaign reached through Query.campaign (its owner or HQ): its counts and results follow. */
export const Campaign: CampaignResolvers = {
  owner: (c) => (c.ownerId ? { id: c.ownerId } : null),
  reached: async (c, _, ctx) => (await campaignCounts(ctx.em, c)).reached,
  heldOut: async (c, _, ctx) => (await campaignCounts(ctx.em, c)).heldOut,
  couponsRedeemed: async (c, _, ctx) => (await campaignCounts(ctx.em, c)).couponsRedeemed,
  // No campaign grants points yet (its only action issues coupons).
  pointsGranted: () => 0,
  results: (c, _, ctx) => campaignResults(ctx.em, c),
};
