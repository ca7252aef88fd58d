import { money } from '../../../lib/money.js';
import type { BenefitUsageResolvers, TierBenefitCostResolvers } from '../generated/resolvers.js';
import { optionalMoney } from './money.js';
import { databaseAsOf } from './read-from.js';

export const BenefitUsage: BenefitUsageResolvers = {
  databaseAsOf,
  cost: (u) => money(u.cost),
  budget: (u) => optionalMoney(u.budget),
  budgetUsed: (u) => money(u.budgetUsed),
};

export const TierBenefitCost: TierBenefitCostResolvers = {
  databaseAsOf,
  benefitCost: (t) => money(t.benefitCost),
  paid: (t) => money(t.paid),
};
