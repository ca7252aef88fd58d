import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import { canSeeBenefitTerms, type BenefitRecord } from '../marketing/index.js';
import type { BenefitResolvers } from '../generated/resolvers.js';
import type { WalletContext } from '../context.js';
import { optionalMoney } from './money.js';

/** A benefit's commercial terms (budget, acceptors, funders) are HQ's, its owner's and the merchants it names. */
function requireTerms(ctx: WalletContext, benefit: BenefitRecord): void {
  if (!canSeeBenefitTerms(requireClaims(ctx.claims), benefit)) throw forbidden("A benefit's budget and funding are HQ's, its owner's and its partners'");
}

export const Benefit: BenefitResolvers = {
  owner: (b) => (b.ownerId ? { id: b.ownerId } : null),
  tiers: async (b, _, ctx) => {
    if (b.tiers.length === 0) return [];
    return (await ctx.programme()).tiers.filter((t) => b.tiers.includes(t.code));
  },
  plans: async (b, _, ctx) => (await Promise.all(b.plans.map((code) => ctx.planByCode.load(code)))).flatMap((p) => (p ? [p] : [])),
  maxDiscount: (b) => optionalMoney(b.maxDiscount),
  minOrder: (b) => optionalMoney(b.minOrder),
  couponTemplate: (b, _, ctx) => (b.couponTemplateId ? ctx.couponTemplateById.load(b.couponTemplateId) : null),
  points: (b) => b.points,
  costPerUse: (b) => optionalMoney(b.costPerUse),
  monthlyBudget: (b, _, ctx) => (requireTerms(ctx, b), optionalMoney(b.monthlyBudget)),
  acceptedBy: (b, _, ctx) => (requireTerms(ctx, b), b.acceptedBy.map((id) => ({ id }))),
  funders: (b, _, ctx) => (requireTerms(ctx, b), b.funders),
};
