import { notFound } from '../../../lib/errors.js';
import { couponStatus } from '../marketing/index.js';
import type { CouponResolvers } from '../generated/resolvers.js';

/** A coupon is reached through its member (wallet access) or a pay code: its template follows. */
export const Coupon: CouponResolvers = {
  template: async (c, _, ctx) => (await ctx.couponTemplateById.load(c.templateId)) ?? Promise.reject(notFound('Coupon template')),
  status: (c, _, ctx) => couponStatus(c, ctx.clock.now()),
};
