import { money } from '../../../lib/money.js';
import type { RefundPayloadResolvers } from '../generated/resolvers.js';
import { rewardsTakenBackBy } from '../marketing/index.js';

export const RefundPayload: RefundPayloadResolvers = {
  storedValueBack: (r) => money(r.storedValueBack),
  amountDueBack: (r) => money(r.amountDueBack),
  memberDiscountBack: (r) => money(r.memberDiscountBack),
  growthTakenBack: (r) => Number(r.growthTakenBack),
  rewardsTakenBack: (r, _, ctx) => rewardsTakenBackBy(ctx.em, r.transaction),
  // The balance the movement left, from the wallet row it wrote: no read.
  points: (r) => ({ memberId: r.wallet.memberId, balance: r.wallet.pointsBalance }),
};
