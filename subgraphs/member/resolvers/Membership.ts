import type { MembershipResolvers } from '../generated/resolvers.js';

export const Membership: MembershipResolvers = {
  merchant: (membership) => ({ id: membership.merchantId }),
};
