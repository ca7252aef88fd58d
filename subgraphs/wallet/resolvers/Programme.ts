import type { ProgrammeResolvers } from '../generated/resolvers.js';
import { listMembershipPlans } from '../programme/index.js';

export const Programme: ProgrammeResolvers = {
  // HQ manages every plan; everyone else sees the ones on sale.
  plans: (_, __, ctx) => listMembershipPlans(ctx.em, { includeInactive: ctx.claims?.role === 'HQ' }),
};
