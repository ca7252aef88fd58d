import { money } from '../../../lib/money.js';
import type { PointsAccountResolvers } from '../generated/resolvers.js';
import { worthOf } from '../programme/index.js';

export const PointsAccount: PointsAccountResolvers = {
  value: async (account, _, ctx) => money(worthOf(account.balance, (await ctx.programme()).pointsPerYuanBurn)),
  nextExpiry: (account, _, ctx) => ctx.nextPointsExpiryByMember.load(account.memberId),
  projection: (account, _, ctx) => ctx.pointsProjectionByMember.load(account.memberId),
};
