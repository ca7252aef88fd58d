import { notFound } from '../../../lib/errors.js';
import type { PayCodeLookupResolvers } from '../generated/resolvers.js';

export const PayCodeLookup: PayCodeLookupResolvers = {
  member: (lookup) => ({ id: lookup.memberId }),
  wallet: async (lookup, _, ctx) => (await ctx.walletByMember.load(lookup.memberId)) ?? Promise.reject(notFound('Wallet')),
  points: (lookup, _, ctx) => ctx.pointsByMember.load(lookup.memberId),
};
