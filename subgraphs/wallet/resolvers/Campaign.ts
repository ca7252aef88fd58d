import type { CampaignResolvers } from '../generated/resolvers.js';
import { campaignResults, oneAnalyticalAtATime } from '../marketing/index.js';

/** A campaign reached through Query.campaign (its owner or HQ): its counts and results follow. */
export const Campaign: CampaignResolvers = {
  owner: (c) => (c.ownerId ? { id: c.ownerId } : null),
  // The three counts come from one loaded row per campaign, not a query each.
  reached: async (c, _, ctx) => (await ctx.campaignCountsById.load(c.id)).reached,
  heldOut: async (c, _, ctx) => (await ctx.campaignCountsById.load(c.id)).heldOut,
  couponsRedeemed: async (c, _, ctx) => (await ctx.campaignCountsById.load(c.id)).couponsRedeemed,
  pointsGranted: async (c, _, ctx) => (await ctx.campaignCountsById.load(c.id)).pointsGranted,
  trigger: (c) => c.triggerKind,
  results: (c, _, ctx) => oneAnalyticalAtATime(ctx, () => campaignResults(ctx.em, c)),
};
