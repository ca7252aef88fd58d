import { money } from '../../../lib/money.js';
import type { AnalyticsResolvers } from '../generated/resolvers.js';
import { referralCountsIn, taskCompletionsIn } from '../marketing/index.js';

export const Analytics: AnalyticsResolvers = {
  daily: (a) => a.daily.map((d) => ({ ...d, paid: money(d.paid) })),
  storedValueFloat: (a) => money(a.storedValueFloat),
  storedValueFloatByIssuer: (a) => a.storedValueFloatByIssuer,
  pointsLiability: (a) => money(a.pointsLiability),
  taskCompletions: (a, _, ctx) => taskCompletionsIn(ctx.em, a.range),
  referrals: (a, _, ctx) => referralCountsIn(ctx.em, a.range),
};
