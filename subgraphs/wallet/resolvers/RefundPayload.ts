import { money } from '../../../lib/money.js';
import type { RefundPayloadResolvers } from '../generated/resolvers.js';

export const RefundPayload: RefundPayloadResolvers = {
  storedValueBack: (r) => money(r.storedValueBack),
  amountDueBack: (r) => money(r.amountDueBack),
  points: (r, _, ctx) => ctx.pointsByMember.load(r.wallet.memberId),
};
