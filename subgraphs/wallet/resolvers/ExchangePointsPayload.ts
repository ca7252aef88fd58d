import { notFound } from '../../../lib/errors.js';
import type { ExchangePointsPayloadResolvers } from '../generated/resolvers.js';

export const ExchangePointsPayload: ExchangePointsPayloadResolvers = {
  coupon: async (r, _, ctx) => (await ctx.couponById.load(r.transaction.couponId!)) ?? Promise.reject(notFound('Coupon')),
  // The balance the movement left, from the wallet row it wrote: no read.
  points: (r) => ({ memberId: r.wallet.memberId, balance: r.wallet.pointsBalance }),
};
