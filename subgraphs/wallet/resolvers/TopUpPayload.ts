import type { TopUpPayloadResolvers } from '../generated/resolvers.js';

export const TopUpPayload: TopUpPayloadResolvers = {
  growthEarned: (r) => Number(r.growthEarned),
};
