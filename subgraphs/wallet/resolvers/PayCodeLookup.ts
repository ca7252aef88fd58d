import { notFound } from '../../../lib/errors.js';
import { requireClaims } from '../../../lib/auth.js';
import { couponsOfMember } from '../marketing/index.js';
import type { PayCodeLookupResolvers } from '../generated/resolvers.js';
import { heldBenefitsOf } from './held-benefits.js';

export const PayCodeLookup: PayCodeLookupResolvers = {
  member: (lookup) => ({ id: lookup.memberId }),
  wallet: async (lookup, _, ctx) => (await ctx.walletByMember.load(lookup.memberId)) ?? Promise.reject(notFound('Wallet')),
  // A terminal sees the coupons its store takes; HQ every usable one.
  coupons: async (lookup, _, ctx) => {
    const caller = requireClaims(ctx.claims);
    const acceptedAt = caller.role === 'TERMINAL' ? caller.merchantId : null;
    return couponsOfMember(ctx.em, lookup.memberId, ctx.clock.now(), { status: 'USABLE', acceptedAt });
  },
  // The till's: what it gives at its store (a member discount, a service with its uses left); HQ's: everywhere.
  benefits: async (lookup, _, ctx) => {
    const caller = requireClaims(ctx.claims);
    return heldBenefitsOf(ctx, lookup.memberId, ['DISCOUNT', 'SERVICE'], caller.role === 'TERMINAL' ? caller.merchantId : null);
  },
  points: async (lookup, _, ctx) => {
    const wallet = await ctx.walletByMember.load(lookup.memberId);
    return { memberId: lookup.memberId, balance: wallet?.pointsBalance ?? 0n };
  },
};
