import { requireClaims, requireRole } from '../../../lib/auth.js';
import { UUID } from '../../../lib/ids.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { lookupPayCode } from '../paycode/paycode.js';
import { guardPayCodes } from '../context.js';
import { settlementOfPeriod, statementOfMerchant } from '../settlement/settlement.js';
import { walletViewOf } from '../wallet/access.js';
import { rfmOf } from '../analytics/rfm.js';
import { analyticsOf } from '../analytics/analytics.js';
import type { WalletContext } from '../context.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import { COALITION_TIME_ZONE } from '../ledger/accounting-period.js';
import { rewardsCatalogue } from '../coupons/points-exchange.js';
import { canSeeTemplate, templatesFor } from '../coupons/coupon-template.js';
import { tagsOf } from '../tags/tags.js';
import { campaignFor, campaignsFor } from '../campaigns/campaigns.js';

/**
 * Whose figures a caller asks for: HQ the coalition (null) or any merchant; a merchant its own only, never the
 * coalition's or another's. Terminals and members see none.
 */
async function analyticsScope(ctx: WalletContext, merchantId: string | null | undefined, what: string): Promise<string | null> {
  const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
  const scope = merchantId == null ? null : requireUuid(merchantId, 'merchantId');
  if (caller.role === 'MERCHANT') {
    if (scope !== null && scope !== caller.merchantId) throw forbidden(`A merchant sees ${what} over its own members and purchases only`);
    return caller.merchantId;
  }
  if (scope !== null && (await ctx.em.execute('select 1 from wallet.merchant where id = ?', [scope])).length === 0) throw notFound('Merchant');
  return scope;
}

export const Query: QueryResolvers = {
  payCode: async (_, { code }, ctx) => {
    const caller = requireRole(ctx.claims, 'TERMINAL', 'HQ');
    return guardPayCodes(ctx, caller, () => lookupPayCode(ctx.em, ctx.clock, ctx.payCodeKey, code));
  },
  settlement: (_, { period }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    return settlementOfPeriod(ctx.em, period);
  },
  myStatement: (_, { period }, ctx) => {
    const caller = requireRole(ctx.claims, 'MERCHANT');
    return statementOfMerchant(ctx.em, period, caller.merchantId);
  },
  programme: (_, __, ctx) => (requireClaims(ctx.claims), ctx.programme()),
  rfm: async (_, { merchantId }, ctx) => rfmOf(ctx.em, ctx.clock.now(), COALITION_TIME_ZONE, await analyticsScope(ctx, merchantId, 'RFM')),
  analytics: async (_, { from, to, merchantId }, ctx) =>
    analyticsOf(ctx.em, ctx.clock.now(), COALITION_TIME_ZONE, { from, to }, await analyticsScope(ctx, merchantId, 'analytics')),
  rewardsCatalogue: (_, __, ctx) => (requireClaims(ctx.claims), rewardsCatalogue(ctx.em, ctx.clock.now())),
  couponTemplate: async (_, { id }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (!UUID.test(id)) return null;
    const template = await ctx.couponTemplateById.load(id.toLowerCase());
    return template && canSeeTemplate(caller, template) ? template : null;
  },
  tags: (_, __, ctx) => tagsOf(ctx.em, ctx.claims),
  campaigns: (_, __, ctx) => campaignsFor(ctx.em, ctx.claims),
  couponTemplates: (_, __, ctx) => templatesFor(ctx.em, requireRole(ctx.claims, 'HQ', 'MERCHANT')),
  campaign: (_, { id }, ctx) => (UUID.test(id) ? campaignFor(ctx.em, ctx.claims, id.toLowerCase()) : (requireRole(ctx.claims, 'HQ', 'MERCHANT'), null)),
  transaction: async (_, { id }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT', 'MEMBER', 'TERMINAL');
    if (!UUID.test(id)) return null;
    const transaction = await ctx.transactionById.load(id.toLowerCase());
    if (!transaction) return null;
    // A terminal sees what happened at its store (to find a checkout to refund); others by wallet access.
    if (caller.role === 'TERMINAL') return caller.storeId === transaction.storeId ? transaction : null;
    const view = await walletViewOf(ctx, transaction.memberId).catch(() => null);
    if (!view) return null;
    return view.scope === 'all' || transaction.acquirerId === view.merchantId ? transaction : null;
  },
};
