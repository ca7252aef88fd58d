import { money } from '../../../lib/money.js';
import type { CheckoutPayloadResolvers } from '../generated/resolvers.js';
import { completionsOfEvent, convertedBy } from '../marketing/index.js';

export const CheckoutPayload: CheckoutPayloadResolvers = {
  memberDiscount: (r) => money(r.memberDiscount),
  // As the checkout read it when it gave the discount (no second read); a replay's is loaded.
  memberDiscountBenefit: (r, _, ctx) => r.memberDiscountBenefit ?? (r.memberDiscountBenefitId ? ctx.benefitById.load(r.memberDiscountBenefitId) : null),
  couponDiscount: (r) => money(r.couponDiscount),
  pointsValue: (r) => money(r.pointsValue),
  storedValueUsed: (r) => money(r.storedValueUsed),
  amountDue: (r) => money(r.amountDue),
  growthEarned: (r) => Number(r.growthEarned),
  // As the checkout's transaction worked them out; a replay's are read.
  tasksCompleted: (r, _, ctx) => r.tasksCompleted ?? completionsOfEvent(ctx.em, r.transaction),
  referralConverted: (r, _, ctx) => r.referralConverted ?? convertedBy(ctx.em, r.transaction.id),
  // The balance the movement left, from the wallet row it wrote: no read.
  points: (r) => ({ memberId: r.wallet.memberId, balance: r.wallet.pointsBalance }),
};
