import type { RedeemBenefitPayloadResolvers } from '../generated/resolvers.js';

export const RedeemBenefitPayload: RedeemBenefitPayloadResolvers = {
  redemption: async (r, _, ctx) => ({ id: r.transaction.id, occurredAt: r.transaction.occurredAt, benefit: (await ctx.benefitById.load(r.benefitId))! }),
};
