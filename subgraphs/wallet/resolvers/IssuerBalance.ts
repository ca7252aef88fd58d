import { money } from '../../../lib/money.js';
import type { IssuerBalanceResolvers } from '../generated/resolvers.js';

export const IssuerBalance: IssuerBalanceResolvers = {
  issuer: (row) => ({ id: row.issuerId }),
  balance: (row) => money(row.balance),
};
