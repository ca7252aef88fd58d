import { money } from '../../../lib/money.js';
import type { RefundPayloadResolvers } from '../generated/resolvers.js';

export const RefundPayload: RefundPayloadResolvers = {
  storedValueBack: (r) => money(r.storedValueBack),
  amountDueBack: (r) => money(r.amountDueBack),
  memberDiscountBack: (r) => money(r.memberDiscountBack),
  growthTakenBack: (r) => Number(r.growthTakenBack),
  // The balance the movement left, from the wallet row it wrote: no read.
  points: (r) => ({ memberId: r.wallet.memberId, balance: r.wallet.pointsBalance }),
};
