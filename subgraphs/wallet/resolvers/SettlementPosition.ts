import { money } from '../../../lib/money.js';
import type { SettlementPositionResolvers } from '../generated/resolvers.js';

export const SettlementPosition: SettlementPositionResolvers = {
  acquirer: (p) => ({ id: p.acquirerId }),
  issuer: (p) => ({ id: p.issuerId }),
  amount: (p) => money(p.amount),
  commission: (p) => money(p.commission),
};
