import { money } from '../../../lib/money.js';
import type { BenefitUsageResolvers, TierBenefitCostResolvers } from '../generated/resolvers.js';
import { optionalMoney } from './money.js';

export const BenefitUsage: BenefitUsageResolvers = {
  databaseAsOf: (u, _, ctx) => u.read?.asOf ?? ctx.clock.now(),
  cost: (u) => money(u.cost),
  budget: (u) => optionalMoney(u.budget),
  budgetUsed: (u) => money(u.budgetUsed),
};

export const TierBenefitCost: TierBenefitCostResolvers = {
  databaseAsOf: (t, _, ctx) => t.read?.asOf ?? ctx.clock.now(),
  benefitCost: (t) => money(t.benefitCost),
  paid: (t) => money(t.paid),
};
