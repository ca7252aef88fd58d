import { notFound } from '../../../lib/errors.js';
import type { PayCodeLookupResolvers } from '../generated/resolvers.js';

export const PayCodeLookup: PayCodeLookupResolvers = {
  member: (lookup) => ({ id: lookup.memberId }),
  wallet: async (lookup, _, ctx) => (await ctx.walletByMember.load(lookup.memberId)) ?? Promise.reject(notFound('Wallet')),
  points: async (lookup, _, ctx) => {
    const wallet = await ctx.walletByMember.load(lookup.memberId);
    return { memberId: lookup.memberId, balance: wallet?.pointsBalance ?? 0n };
  },
};
