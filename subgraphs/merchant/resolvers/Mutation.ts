import { requireRole, merchantOf } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { LOGIN_LOCKOUT, authenticate, createApiClient } from '../access/api-client.js';
import { hasCode } from '../../../lib/rate-limits.js';
import { createMerchant } from '../participant/merchant.js';
import { createStore } from '../participant/store.js';

export const Mutation: MutationResolvers = {
  authenticate: (_, { clientId, clientSecret }, ctx) =>
    ctx.lockout(LOGIN_LOCKOUT).guard(clientId, 'Too many failed logins for this client', hasCode('UNAUTHENTICATED'), () => authenticate(ctx.em, ctx.clock, ctx.keys, clientId, clientSecret)),

  createMerchant: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const merchant = await ctx.audited('createMerchant', (tx) => createMerchant(tx, ctx.clock, input), (m) => ({ type: 'Merchant', id: m.id, details: { name: m.name, kind: m.kind } }));
    await ctx.publish();
    return { merchant };
  },

  createStore: async (_, { input }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (caller.role === 'MERCHANT' && merchantOf(caller) !== input.merchantId) throw forbidden('A back office creates stores for its own merchant only');
    const store = await ctx.audited('createStore', (tx) => createStore(tx, ctx.clock, input), (s) => ({ type: 'Store', id: s.id, details: { merchantId: s.merchantId, name: s.name, city: s.city } }));
    await ctx.publish();
    return { store };
  },

  createApiClient: async (_, { input }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (caller.role === 'MERCHANT' && (input.kind === 'HQ' || merchantOf(caller) !== input.merchantId)) {
      throw forbidden('A back office creates clients for its own merchant only');
    }
    // The secret is never written to the log.
    return ctx.audited('createApiClient', (tx) => createApiClient(tx, ctx.clock, input), (client) => ({
      type: 'ApiClient',
      id: client.clientId,
      details: { kind: client.kind, label: client.label, merchantId: input.merchantId ?? null, storeId: input.storeId ?? null },
    }));
  },
};
