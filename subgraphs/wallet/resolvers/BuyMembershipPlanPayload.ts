import { notFound } from '../../../lib/errors.js';
import type { BuyMembershipPlanPayloadResolvers } from '../generated/resolvers.js';
import { paidMembershipOf } from '../programme/index.js';

export const BuyMembershipPlanPayload: BuyMembershipPlanPayloadResolvers = {
  membershipPlan: (wallet, _, ctx) => paidMembershipOf(wallet, ctx.clock.now()) ?? Promise.reject(notFound('Membership plan')),
  member: (wallet) => ({ id: wallet.memberId }),
};
