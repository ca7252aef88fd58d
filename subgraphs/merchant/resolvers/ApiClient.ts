import type { ApiClientResolvers } from '../generated/resolvers.js';

export const ApiClient: ApiClientResolvers = {
  merchant: (client, _, ctx) => (client.merchantId ? ctx.merchantById.load(client.merchantId) : null),
  store: (client, _, ctx) => (client.storeId ? ctx.storeById.load(client.storeId) : null),
};
