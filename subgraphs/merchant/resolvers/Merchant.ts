import type { MerchantResolvers } from '../generated/resolvers.js';

export const Merchant: MerchantResolvers = {
  __resolveReference: (ref, ctx) => ctx.merchantById.load(ref.id),
  stores: (merchant, _, ctx) => ctx.storesByMerchant.load(merchant.id),
};
