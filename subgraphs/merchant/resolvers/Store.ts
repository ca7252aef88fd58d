import { notFound } from '../../../lib/errors.js';
import type { StoreResolvers } from '../generated/resolvers.js';

export const Store: StoreResolvers = {
  __resolveReference: (ref, ctx) => ctx.storeById.load(ref.id),
  merchant: async (store, _, ctx) => (await ctx.merchantById.load(store.merchantId)) ?? Promise.reject(notFound('Merchant')),
};
