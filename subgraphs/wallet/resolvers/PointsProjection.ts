import { money } from '../../../lib/money.js';
import type { PointsProjectionResolvers } from '../generated/resolvers.js';
import { worthOf } from '../programme/index.js';

export const PointsProjection: PointsProjectionResolvers = {
  weeklySpend: (projection) => money(projection.weeklySpend),
  valuePerYear: async (projection, _, ctx) => money(worthOf(projection.pointsPerYear, (await ctx.programme()).pointsPerYuanBurn)),
};
