import { money } from '../../../lib/money.js';
import type { CheckoutPayloadResolvers } from '../generated/resolvers.js';

export const CheckoutPayload: CheckoutPayloadResolvers = {
  storedValueUsed: (r) => money(r.storedValueUsed),
  amountDue: (r) => money(r.amountDue),
};
