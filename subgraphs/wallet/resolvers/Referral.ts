import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import { money } from '../../../lib/money.js';
import type { MemberReferralResolvers, ReferralRulesResolvers } from '../generated/resolvers.js';

/** What a member's invitations brought is the member's and HQ's (docs/access.md): the gateway asks for it by reference. */
export const MemberReferral: MemberReferralResolvers = {
  __resolveReference: async (ref, ctx) => {
    const caller = requireClaims(ctx.claims);
    if (caller.role !== 'HQ' && !(caller.role === 'MEMBER' && caller.subject === ref.memberId)) throw forbidden("A member's referrals are its own and HQ's");
    return ctx.referralByMember.load(ref.memberId);
  },
};

export const ReferralRules: ReferralRulesResolvers = {
  minFirstPurchase: (r) => money(r.minFirstPurchase),
};
