import { readableById, requireRole, merchantOf } from '../../../lib/auth.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { ApiClientEntity, LOGIN_LOCKOUT, authenticate, createApiClient, revokeApiClient } from '../access/index.js';
import { hasCode } from '../../../lib/rate-limits.js';
import { createMerchant, createStore } from '../participant/index.js';

export const Mutation: MutationResolvers = {
  authenticate: (_, { clientId, clientSecret }, ctx) =>
    ctx
      .lockout(LOGIN_LOCKOUT)
      .guard(clientId, 'Too many failed logins for this client', hasCode('UNAUTHENTICATED'), () =>
        authenticate(ctx.em, ctx.clock, ctx.keys, clientId, clientSecret),
      ),

  createMerchant: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const merchant = await ctx.audited(
      'createMerchant',
      (tx) => createMerchant(tx, ctx.clock, input),
      (m) => ({ type: 'Merchant', id: m.id, details: { name: m.name, kind: m.kind } }),
    );
    await ctx.publish();
    return { merchant };
  },

  createStore: async (_, { input }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (caller.role === 'MERCHANT' && merchantOf(caller) !== input.merchantId) throw forbidden('A back office creates stores for its own merchant only');
    const store = await ctx.audited(
      'createStore',
      (tx) => createStore(tx, ctx.clock, input),
      (s) => ({ type: 'Store', id: s.id, details: { merchantId: s.merchantId, name: s.name, city: s.city } }),
    );
    await ctx.publish();
    return { store };
  },

  createApiClient: async (_, { input }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    if (caller.role === 'MERCHANT' && (input.kind === 'HQ' || merchantOf(caller) !== input.merchantId)) {
      throw forbidden('A back office creates clients for its own merchant only');
    }
    // The secret is never written to the log. A merchant has at most UNICARD_MAX_CLIENTS_PER_MERCHANT live clients.
    return ctx.audited(
      'createApiClient',
      (tx) => createApiClient(tx, ctx.clock, input),
      (client) => ({
        type: 'ApiClient',
        id: client.clientId,
        details: { kind: client.kind, label: client.label, merchantId: input.merchantId ?? null, storeId: input.storeId ?? null },
      }),
    );
  },

  revokeApiClient: async (_, { clientId }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const client = await ctx.em.findOne(ApiClientEntity, { id: clientId });
    // A back office may revoke its own merchant's clients; anyone else's, or one that does not exist, is FORBIDDEN alike.
    const revocable = readableById(client, (c) => caller.role === 'HQ' || (c.kind !== 'HQ' && c.merchantId === caller.merchantId), caller.role === 'HQ');
    if (!revocable) throw notFound('API client');
    return ctx.audited(
      'revokeApiClient',
      (tx) => revokeApiClient(tx, ctx.clock, revocable),
      (c) => ({
        type: 'ApiClient',
        id: c.id,
        details: { kind: c.kind, merchantId: c.merchantId ?? null },
      }),
    );
  },
};
