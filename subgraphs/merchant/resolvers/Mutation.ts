import { readableById, merchantOf } from '../../../lib/auth.js';
import { commandLayer } from '../../../lib/commands.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import type { MerchantContext } from '../context.js';
import { ApiClientEntity, LOGIN_LOCKOUT, authenticate, createApiClient, revokeApiClient } from '../access/index.js';
import { hasCode } from '../../../lib/rate-limits.js';
import { createMerchant, createStore } from '../participant/index.js';
import { MERCHANT_POLICIES } from './access-policies.js';

const command = commandLayer<MerchantContext, MutationResolvers, typeof MERCHANT_POLICIES>(MERCHANT_POLICIES);

export const Mutation: MutationResolvers = {
  authenticate: command('authenticate', {
    audit: { notAudited: 'a login changes nothing; failed ones are counted by the lock-out' },
    run: ({ ctx, args: { clientId, clientSecret } }) =>
      ctx
        .lockout(LOGIN_LOCKOUT)
        .guard(clientId, 'Too many failed logins for this client', hasCode('UNAUTHENTICATED'), () =>
          authenticate(ctx.em, ctx.clock, ctx.keys, clientId, clientSecret),
        ),
  }),

  createMerchant: command('createMerchant', {
    run: ({ ctx, args: { input }, em }) => createMerchant(em, ctx.clock, input),
    audit: { action: 'createMerchant', subject: (m) => ({ type: 'Merchant', id: m.id, details: { name: m.name, kind: m.kind } }) },
    effects: (ctx) => ctx.publish(),
    answer: (merchant) => ({ merchant }),
  }),

  createStore: command('createStore', {
    run: ({ ctx, caller, args: { input }, em }) => {
      if (caller.role === 'MERCHANT' && merchantOf(caller) !== input.merchantId) throw forbidden('A back office creates stores for its own merchant only');
      return createStore(em, ctx.clock, input);
    },
    audit: { action: 'createStore', subject: (s) => ({ type: 'Store', id: s.id, details: { merchantId: s.merchantId, name: s.name, city: s.city } }) },
    effects: (ctx) => ctx.publish(),
    answer: (store) => ({ store }),
  }),

  // The secret is never written to the log. A merchant has at most UNICARD_MAX_CLIENTS_PER_MERCHANT live clients.
  createApiClient: command('createApiClient', {
    run: ({ ctx, caller, args: { input }, em }) => {
      if (caller.role === 'MERCHANT' && (input.kind === 'HQ' || merchantOf(caller) !== input.merchantId)) {
        throw forbidden('A back office creates clients for its own merchant only');
      }
      return createApiClient(em, ctx.clock, input);
    },
    audit: {
      action: 'createApiClient',
      subject: (client, { input }) => ({
        type: 'ApiClient',
        id: client.clientId,
        details: { kind: client.kind, label: client.label, merchantId: input.merchantId ?? null, storeId: input.storeId ?? null },
      }),
    },
  }),

  revokeApiClient: command('revokeApiClient', {
    run: async ({ ctx, caller, args: { clientId }, em }) => {
      const client = await em.findOne(ApiClientEntity, { id: clientId });
      // A back office may revoke its own merchant's clients; anyone else's, or one that does not exist, is FORBIDDEN alike.
      const revocable = readableById(client, (c) => caller.role === 'HQ' || (c.kind !== 'HQ' && c.merchantId === caller.merchantId), caller.role === 'HQ');
      if (!revocable) throw notFound('API client');
      return revokeApiClient(em, ctx.clock, revocable);
    },
    audit: { action: 'revokeApiClient', subject: (c) => ({ type: 'ApiClient', id: c.id, details: { kind: c.kind, merchantId: c.merchantId ?? null } }) },
  }),
};
