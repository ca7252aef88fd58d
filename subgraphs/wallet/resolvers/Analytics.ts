import { money } from '../../../lib/money.js';
import type { AnalyticsResolvers } from '../generated/resolvers.js';

export const Analytics: AnalyticsResolvers = {
  daily: (a) => a.daily.map((d) => ({ ...d, paid: money(d.paid) })),
  storedValueFloat: (a) => money(a.storedValueFloat),
  storedValueFloatByIssuer: (a) => a.storedValueFloatByIssuer,
  pointsLiability: (a) => money(a.pointsLiability),
};
