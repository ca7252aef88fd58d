import { money } from '../../../lib/money.js';
import type { PointsProjectionResolvers } from '../generated/resolvers.js';

export const PointsProjection: PointsProjectionResolvers = {
  weeklySpend: (projection) => money(projection.weeklySpend),
  valuePerYear: (projection) => money(projection.valuePerYear),
};
