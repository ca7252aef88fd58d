import { money } from '../../../lib/money.js';
import type { MembershipPlanResolvers } from '../generated/resolvers.js';

export const MembershipPlan: MembershipPlanResolvers = {
  price: (plan) => money(plan.price),
};
