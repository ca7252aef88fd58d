import { notFound } from '../../../lib/errors.js';
import type { IssueCouponsPayloadResolvers } from '../generated/resolvers.js';

export const IssueCouponsPayload: IssueCouponsPayloadResolvers = {
  template: async (r, _, ctx) => (await ctx.couponTemplateById.load(r.templateId)) ?? Promise.reject(notFound('Coupon template')),
};
