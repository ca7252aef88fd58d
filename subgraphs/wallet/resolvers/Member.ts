import { listTransactions, COALITION_TIME_ZONE, emptyWallet } from '../ledger/index.js';
import { walletViewOf } from './wallet-access.js';
import type { MemberResolvers } from '../generated/resolvers.js';
import { requirePseudonymousAccess, requireRole } from '../../../lib/auth.js';
import { tagNamesOfMember, couponsOfMember, tasksOfMember } from '../marketing/index.js';
import { tierAt, paidMembershipOf, tierProgressOf, badgesOfMember } from '../programme/index.js';
import type { WalletContext } from '../context.js';
import { heldBenefitsOf, nextTierBenefitsOf } from './held-benefits.js';
import { BENEFIT_KINDS } from '../marketing/index.js';

const walletOf = async (ctx: WalletContext, memberId: string) => (await ctx.walletByMember.load(memberId)) ?? emptyWallet(memberId);

/** The tier is pseudonymous (a till shows it); progress, plan, points, wallet and history follow the wallet's access (resolvers/wallet-access.ts). */
export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  tier: async (member, _, ctx) => {
    requirePseudonymousAccess(ctx.claims, member.id);
    const [programme, wallet] = await Promise.all([ctx.programme(), walletOf(ctx, member.id)]);
    return tierAt(programme, wallet.tierRank);
  },
  tierProgress: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    const [programme, wallet] = await Promise.all([ctx.programme(), walletOf(ctx, member.id)]);
    return tierProgressOf(ctx.em, wallet, programme, ctx.clock.now(), COALITION_TIME_ZONE);
  },
  membershipPlan: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return paidMembershipOf(await walletOf(ctx, member.id), ctx.clock.now());
  },
  wallet: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return walletOf(ctx, member.id);
  },
  points: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return { memberId: member.id, balance: (await walletOf(ctx, member.id)).pointsBalance };
  },
  coupons: async (member, { status }, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return couponsOfMember(ctx.em, member.id, ctx.clock.now(), { status, acceptedAt: view.scope === 'merchant' ? view.merchantId : null });
  },
  // Marketing labels are their owner's: HQ's for HQ, a merchant's own on its members; never the member's or a till's.
  tags: async (member, _, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    await walletViewOf(ctx, member.id);
    return tagNamesOfMember(ctx.em, caller, member.id);
  },
  // What the member holds; a back office sees those its stores honour.
  benefits: async (member, _, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return heldBenefitsOf(ctx, member.id, BENEFIT_KINDS, view.scope === 'merchant' ? view.merchantId : null);
  },
  nextTierBenefits: async (member, _, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return nextTierBenefitsOf(ctx, member.id, view.scope === 'merchant' ? view.merchantId : null);
  },
  // HQ's tasks and those of the merchants the member joined; a back office sees its own.
  tasks: async (member, _, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    const tasks = await tasksOfMember(ctx.em, member.id, ctx.clock.now(), await ctx.programme(), COALITION_TIME_ZONE);
    return view.scope === 'merchant' ? tasks.filter((t) => t.task.ownerId === view.merchantId) : tasks;
  },
  badges: async (member, _, ctx) => {
    await walletViewOf(ctx, member.id);
    return badgesOfMember(ctx.em, member.id);
  },
  transactions: async (member, { first, after }, ctx) => {
    const view = await walletViewOf(ctx, member.id);
    return listTransactions(ctx.em, member.id, { first: first ?? 20, after, visibleTo: view.scope === 'merchant' ? view.merchantId : undefined });
  },
};
