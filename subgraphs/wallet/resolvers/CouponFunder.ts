import type { CouponFunderResolvers } from '../generated/resolvers.js';

export const CouponFunder: CouponFunderResolvers = {
  merchant: (f) => (f.merchantId ? { id: f.merchantId } : null),
};
