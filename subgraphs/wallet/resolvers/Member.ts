import { listTransactions } from '../ledger/transaction.js';
import { walletViewOf } from '../wallet/access.js';
import type { MemberResolvers } from '../generated/resolvers.js';
import { requirePseudonymousAccess } from '../../../lib/auth.js';
import { tierAt } from '../programme/programme.js';
import { emptyWallet } from '../wallet/wallet.js';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  tier: async (member, _, ctx) => {
    requirePseudonymousAccess(ctx.claims, member.id);
    const [programme, wallet] = await Promise.all([ctx.programme(), ctx.walletByMember.load(member.id)]);
    return tierAt(programme, (wallet ?? emptyWallet(member.id)).tierRank);
  },
  wallet: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return (await ctx.walletByMember.load(member.id)) ?? emptyWallet(member.id);
  },
  transactions: async (member, { first, after }, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return listTransactions(ctx.em, member.id, { first: first ?? 20, after, visibleTo: view.scope === 'merchant' ? view.merchantId : undefined });
  },
};
