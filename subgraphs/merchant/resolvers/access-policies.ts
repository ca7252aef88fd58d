/**
 * Who may call each of the merchant subgraph's mutations: the subgraph's one table of access policies (lib/commands.ts
 * applies it before anything else; test/access-policies.test.ts calls each mutation as every other role).
 */
import type { AccessPolicy } from '../../../lib/commands.js';

export const MERCHANT_POLICIES = {
  authenticate: { roles: 'ANYONE', rule: 'anyone with a client id and its secret; failed logins lock the client out for a while' },
  createMerchant: { roles: ['HQ'], rule: 'HQ only' },
  createStore: { roles: ['HQ', 'MERCHANT'], rule: 'HQ for any merchant; a back office for its own merchant only' },
  createApiClient: { roles: ['HQ', 'MERCHANT'], rule: "HQ any client; a back office its own merchant's terminals and back offices, never an HQ client" },
  revokeApiClient: {
    roles: ['HQ', 'MERCHANT'],
    rule: "HQ any client; a back office its own merchant's (another's is FORBIDDEN, as is one that does not exist)",
  },
} as const satisfies Record<string, AccessPolicy>;
