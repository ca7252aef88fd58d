import { money } from '../../../lib/money.js';
import type { PointsAccountResolvers } from '../generated/resolvers.js';

export const PointsAccount: PointsAccountResolvers = {
  value: (account) => money(account.value),
};
