/**
 * Who may call each of the member subgraph's mutations: the subgraph's one table of access policies (lib/commands.ts
 * applies it before anything else; test/access-policies.test.ts calls each mutation as every other role).
 */
import type { AccessPolicy } from '../../../lib/commands.js';

export const MEMBER_POLICIES = {
  registerMember: {
    roles: ['TERMINAL', 'MERCHANT', 'HQ'],
    rule: "a terminal at its own store, a back office at its own merchant's stores, HQ anywhere; refused registrations lock a till or a merchant out",
  },
  createMemberSession: { roles: ['MERCHANT', 'HQ'], rule: 'a back office for a member that joined its merchant; HQ for any member' },
  reportCardLost: { roles: ['MEMBER', 'HQ', 'MERCHANT'], rule: "a member its own card; HQ any member's; a back office a member that joined it" },
  eraseMember: { roles: ['HQ'], rule: 'HQ only' },
  joinMerchant: { roles: ['MEMBER'], rule: 'a member, for itself' },
  setMarketingConsent: { roles: ['MEMBER'], rule: 'a member, its own consent' },
} as const satisfies Record<string, AccessPolicy>;
