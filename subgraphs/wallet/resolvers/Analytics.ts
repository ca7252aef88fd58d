import { money } from '../../../lib/money.js';
import type { AnalyticsResolvers } from '../generated/resolvers.js';

export const Analytics: AnalyticsResolvers = {
  daily: (a) => a.daily.map((d) => ({ ...d, paid: money(d.paid) })),
  storedValueFloat: (a) => money(a.storedValueFloat),
  storedValueFloatByIssuer: (a) => a.storedValueFloatByIssuer,
  pointsLiability: (a) => money(a.pointsLiability),
  // As the job computed them with the rest (marketing/analytics/analytics-snapshot.ts).
  taskCompletions: (a) => a.taskCompletions,
  referrals: (a) => a.referrals,
};
