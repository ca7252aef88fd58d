import { money } from '../../../lib/money.js';
import type { CheckoutPayloadResolvers } from '../generated/resolvers.js';

export const CheckoutPayload: CheckoutPayloadResolvers = {
  pointsValue: (r) => money(r.pointsValue),
  storedValueUsed: (r) => money(r.storedValueUsed),
  amountDue: (r) => money(r.amountDue),
  points: (r, _, ctx) => ctx.pointsByMember.load(r.wallet.memberId),
};
