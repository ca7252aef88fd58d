import { money } from '../../../lib/money.js';
import type { CampaignGroupResultResolvers } from '../generated/resolvers.js';

export const CampaignGroupResult: CampaignGroupResultResolvers = {
  paid: (g) => money(g.paid),
};
