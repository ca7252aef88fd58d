import { notFound } from '../../../lib/errors.js';
import type { MemberResolvers } from '../generated/resolvers.js';
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
  maskedName: (member, _, ctx) => (requirePseudonymousAccess(ctx.claims, member.id), member.name ? maskName(member.name) : '*'),
};
