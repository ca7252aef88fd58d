import { notFound } from '../../../lib/errors.js';
import type { MemberReferralResolvers, MemberResolvers } from '../generated/resolvers.js';
import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { MemberContext } from '../context.js';
import { requirePseudonymousAccess } from '../../../lib/auth.js';
import { requireIdentity } from './identity-access.js';
import { maskName } from '../membership/index.js';

/** What stands for the name of a member whose identity HQ erased. */
const ERASED_NAME = '(erased)';

/** Identity fields check access one by one, because the gateway may fetch any of them by reference. */
export const Member: MemberResolvers = {
  __resolveReference: (ref, ctx) => ctx.memberById.load(ref.id),
  displayName: async (member, _, ctx) => (await requireIdentity(ctx, member.id), member.name ?? ERASED_NAME),
  phone: async (member, _, ctx) => (await requireIdentity(ctx, member.id), member.phone),
  birthday: async (member, _, ctx) => (await requireIdentity(ctx, member.id), member.birthday ?? null),
  card: async (member, _, ctx) => {
    await requireIdentity(ctx, member.id);
    return (await ctx.cardByMember.load(member.id)) ?? Promise.reject(notFound('Card'));
  },
  registeredAt: async (member, _, ctx) => (await requireIdentity(ctx, member.id), member.registeredAt),
  registeredStore: async (member, _, ctx) => (await requireIdentity(ctx, member.id), { id: member.registeredStoreId }),
  joinedMerchants: async (member, _, ctx) => {
    await requireIdentity(ctx, member.id);
    return (await ctx.merchantsOfMember.load(member.id)).map((id) => ({ id }));
  },
  consents: async (member, _, ctx) => {
    await requireIdentity(ctx, member.id);
    return { marketing: member.marketingConsent, updatedAt: member.marketingConsentUpdatedAt ?? null };
  },
  referral: (member, _, ctx) => (requireOwnReferrals(ctx, member.id), { memberId: member.id, code: member.referralCode }),
  maskedName: (member, _, ctx) => (requirePseudonymousAccess(ctx.claims, member.id), member.name ? maskName(member.name) : '*'),
};

/** A member's referral code and what it brought are its own and HQ's: not a merchant's, not a till's (docs/access.md). */
function requireOwnReferrals(ctx: MemberContext, memberId: string): void {
  const caller = requireClaims(ctx.claims);
  if (caller.role !== 'HQ' && !(caller.role === 'MEMBER' && caller.subject === memberId)) throw forbidden("A member's referrals are its own and HQ's");
}

export const MemberReferral: MemberReferralResolvers = {
  __resolveReference: async (ref, ctx) => {
    requireOwnReferrals(ctx, ref.memberId);
    const member = await ctx.memberById.load(ref.memberId);
    return member ? { memberId: member.id, code: member.referralCode } : null;
  },
};
