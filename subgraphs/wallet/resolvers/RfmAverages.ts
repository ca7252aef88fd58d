import type { RfmAveragesResolvers } from '../generated/resolvers.js';
import { money } from '../../../lib/money.js';

export const RfmAverages: RfmAveragesResolvers = {
  monetary: (a) => money(a.monetary),
};
