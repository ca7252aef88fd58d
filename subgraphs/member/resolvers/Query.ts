import { requireRole } from '../../../lib/auth.js';
import { notFound } from '../../../lib/errors.js';
import { UUID } from '../../../lib/ids.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { requireIdentity } from './identity-access.js';
import { exportMemberData, searchMembers } from '../membership/index.js';

export const Query: QueryResolvers = {
  me: async (_, __, ctx) => {
    const caller = requireRole(ctx.claims, 'MEMBER');
    return (await ctx.memberById.load(caller.subject)) ?? Promise.reject(notFound('Member'));
  },
  myData: (_, __, ctx) => exportMemberData(ctx.em, ctx.clock, requireRole(ctx.claims, 'MEMBER').subject),
  member: async (_, { id }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (!UUID.test(id)) return null;
    const member = await ctx.memberById.load(id.toLowerCase());
    if (member) await requireIdentity(ctx, member.id);
    return member;
  },
  memberSearch: (_, search, ctx) => searchMembers(ctx.em, requireRole(ctx.claims, 'HQ', 'MERCHANT'), search),
};
