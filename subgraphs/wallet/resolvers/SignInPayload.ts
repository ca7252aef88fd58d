import type { SignInPayloadResolvers } from '../generated/resolvers.js';

export const SignInPayload: SignInPayloadResolvers = {
  growthEarned: (r) => Number(r.growthEarned),
  member: (r) => ({ id: r.wallet.memberId }),
};
