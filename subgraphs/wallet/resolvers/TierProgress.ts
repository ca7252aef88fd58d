import type { TierProgressResolvers } from '../generated/resolvers.js';

/** Growth is bigint in the domain; a cycle's growth fits the API's Int (thresholds are at most 10^9). */
export const TierProgress: TierProgressResolvers = {
  growth: (p) => Number(p.growth),
  growthToNextTier: (p) => (p.growthToNextTier === null ? null : Number(p.growthToNextTier)),
};
