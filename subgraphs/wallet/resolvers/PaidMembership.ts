import type { PaidMembershipResolvers } from '../generated/resolvers.js';

export const PaidMembership: PaidMembershipResolvers = {
  plan: async (membership, _, ctx) => (await ctx.planByCode.load(membership.planCode))!,
};
