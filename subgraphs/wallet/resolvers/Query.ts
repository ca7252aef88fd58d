import { executeSql, sql } from '../../../lib/sql.js';
import { readableById, requireClaims, requireRole } from '../../../lib/auth.js';
import { UUID } from '../../../lib/ids.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { lookupPayCode, COALITION_TIME_ZONE, parsePeriod } from '../ledger/index.js';
import { guardPayCodes } from '../context.js';
import { settlementOfPeriod, statementOfMerchant } from '../settlement/index.js';
import { walletViewOf } from './wallet-access.js';
import {
  rfmOf,
  oneAnalyticalAtATime,
  analyticsOf,
  rewardsCatalogue,
  canSeeTemplate,
  templatesFor,
  tagsOf,
  campaignFor,
  campaignsFor,
  benefitsFor,
  taskFor,
  tasksFor,
  benefitUsage,
  tierBenefitCost,
  usageScope,
} from '../marketing/index.js';
import type { WalletContext } from '../context.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';

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
  if (scope !== null && (await executeSql(ctx.em, sql`select 1 from wallet.merchant where id = ${scope}`)).length === 0) throw notFound('Merchant');
  return scope;
}

export const Query: QueryResolvers = {
  payCode: async (_, { code }, ctx) => {
    const caller = requireRole(ctx.claims, 'TERMINAL', 'HQ');
    return guardPayCodes(ctx, caller, () => lookupPayCode(ctx.em, ctx.clock, ctx.payCodeKey, code));
  },
  // The console's settlement page and its exports, and a merchant's statement: on the read replica when there is one,
  // once it holds every commit made before the request (a run HQ has just computed again is in the answer).
  settlement: (_, { period }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    return ctx.freshReport(async (read) => {
      const run = await settlementOfPeriod(read.em, period);
      return run && { ...run, read };
    });
  },
  myStatement: (_, { period }, ctx) => {
    const caller = requireRole(ctx.claims, 'MERCHANT');
    return ctx.freshReport(async (read) => {
      const statement = await statementOfMerchant(read.em, period, caller.merchantId);
      return statement && { ...statement, read };
    });
  },
  programme: (_, __, ctx) => (requireClaims(ctx.claims), ctx.programme()),
  rfm: async (_, { merchantId }, ctx) => {
    const scope = await analyticsScope(ctx, merchantId, 'RFM');
    // A read of the latest refresh (marketing/analytics/rfm.ts): nothing is recomputed here. A report: from the read
    // replica when there is one (lib/read-replica.ts).
    return ctx.report(async (read) => ({ ...(await rfmOf(read.em, scope)), databaseAsOf: read.asOf }));
  },
  analytics: async (_, { from, to, merchantId }, ctx) => {
    const scope = await analyticsScope(ctx, merchantId, 'analytics');
    // The job's snapshot (marketing/analytics/analytics-snapshot.ts); a first ask for a range waits for the job.
    return oneAnalyticalAtATime(ctx, () => ctx.report((read) => analyticsOf(ctx.em, ctx.clock, { from, to }, scope, undefined, read)));
  },
  rewardsCatalogue: (_, __, ctx) => (requireClaims(ctx.claims), rewardsCatalogue(ctx.em, ctx.clock.now())),
  couponTemplate: async (_, { id }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const template = UUID.test(id) ? await ctx.couponTemplateById.load(id.toLowerCase()) : null;
    return readableById(template, (t) => canSeeTemplate(caller, t), caller.role === 'HQ');
  },
  tags: (_, __, ctx) => tagsOf(ctx.em, ctx.claims),
  campaigns: (_, __, ctx) => campaignsFor(ctx.em, ctx.claims),
  couponTemplates: (_, __, ctx) => templatesFor(ctx.em, requireRole(ctx.claims, 'HQ', 'MERCHANT')),
  campaign: async (_, { id }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const campaign = UUID.test(id) ? await campaignFor(ctx.em, id.toLowerCase()) : null;
    return readableById(campaign, (c) => caller.role === 'HQ' || c.ownerId === caller.merchantId, caller.role === 'HQ');
  },
  benefits: (_, { merchantId }, ctx) => benefitsFor(ctx.em, ctx.claims, merchantId),
  tasks: (_, { merchantId }, ctx) => tasksFor(ctx.em, ctx.claims, merchantId),
  task: (_, { id }, ctx) => taskFor(ctx.em, ctx.claims, id),
  benefitUsage: async (_, { month, merchantId }, ctx) => {
    const scope = usageScope(ctx.claims, merchantId);
    const period = parsePeriod(month, COALITION_TIME_ZONE, 'month');
    // The console's benefits page: read as settlement is (a budget just changed is in the answer).
    const programme = await ctx.programme();
    return oneAnalyticalAtATime(ctx, () =>
      ctx.freshReport(async (read) => (await benefitUsage(read.em, period, programme, scope.benefits)).map((usage) => ({ ...usage, read }))),
    );
  },
  tierBenefitCost: async (_, { month, merchantId }, ctx) => {
    const scope = usageScope(ctx.claims, merchantId);
    const period = parsePeriod(month, COALITION_TIME_ZONE, 'month');
    const programme = await ctx.programme();
    return oneAnalyticalAtATime(ctx, () =>
      ctx.freshReport(async (read) => (await tierBenefitCost(read.em, period, programme, scope)).map((cost) => ({ ...cost, read }))),
    );
  },
  transaction: async (_, { id }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT', 'MEMBER', 'TERMINAL');
    const transaction = UUID.test(id) ? await ctx.transactionById.load(id.toLowerCase()) : null;
    let visible = false;
    if (transaction) {
      // A terminal sees what happened at its store (to find a checkout to refund); others by wallet access.
      if (caller.role === 'TERMINAL') visible = caller.storeId === transaction.storeId;
      else {
        const view = await walletViewOf(ctx, transaction.memberId).catch(() => null);
        visible = view !== null && (view.scope === 'all' || transaction.acquirerId === view.merchantId);
      }
    }
    return readableById(transaction, () => visible, caller.role === 'HQ');
  },
};
