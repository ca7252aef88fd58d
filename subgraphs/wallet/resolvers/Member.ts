import { listTransactions } from '../ledger/transaction.js';
import { walletViewOf } from '../wallet/access.js';
import type { MemberResolvers } from '../generated/resolvers.js';
import { requirePseudonymousAccess } from '../../../lib/auth.js';
import { tierAt } from '../programme/programme.js';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  tier: async (member, _, ctx) => {
    requirePseudonymousAccess(ctx.claims, member.id);
    const [programme, standing] = await Promise.all([ctx.programme(), ctx.standingByMember.load(member.id)]);
    return tierAt(programme, standing.tierRank);
  },
  wallet: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return (await ctx.walletByMember.load(member.id)) ?? { memberId: member.id, status: 'ACTIVE', balance: 0n };
  },
  transactions: async (member, { first, after }, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return listTransactions(ctx.em, member.id, { first: first ?? 20, after, visibleTo: view.scope === 'merchant' ? view.merchantId : undefined });
  },
};
