import { money } from '../../../lib/money.js';
import type { MembershipPlanResolvers } from '../generated/resolvers.js';
import { benefitsOfPlan } from '../marketing/index.js';

export const MembershipPlan: MembershipPlanResolvers = {
  price: (plan) => money(plan.price),
  benefits: (plan, _, ctx) => benefitsOfPlan(ctx.em, plan.code),
};
