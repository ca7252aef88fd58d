/**
 * Who may call each of the wallet subgraph's mutations: the subgraph's one table of access policies (lib/commands.ts
 * applies it before anything else; test/access-policies.test.ts calls each mutation as every other role). The domain
 * functions a command calls hold their finer rules, and narrow the caller again where scripts call them directly.
 */
import type { AccessPolicy } from '../../../lib/commands.js';

const HQ_ONLY = { roles: ['HQ'], rule: 'HQ only' } as const;
const BACK_OFFICES = { roles: ['HQ', 'MERCHANT'], rule: "HQ over the coalition; a back office over its own merchant's members, templates and stores" } as const;

export const WALLET_POLICIES = {
  issuePayCode: { roles: ['MEMBER'], rule: 'a member, for itself' },
  freezeWallet: { roles: ['MEMBER', 'HQ'], rule: "a member its own wallet; HQ any member's, named (its sessions end with it)" },
  unfreezeWallet: { roles: ['MEMBER', 'HQ'], rule: "a member lifts its own freeze; HQ any member's but an erasure's" },
  topUp: {
    roles: ['TERMINAL', 'MERCHANT', 'HQ'],
    rule: "a terminal at its own store, scanning the member's pay code; a back office at its own stores, naming a member that joined it; HQ anywhere",
  },
  checkout: { roles: ['TERMINAL', 'HQ'], rule: "a terminal at its own store, scanning the member's pay code; HQ anywhere" },
  refund: { roles: ['TERMINAL', 'MERCHANT', 'HQ'], rule: "a checkout at the terminal's store or the back office's merchant; HQ any" },
  redeemBenefit: { roles: ['TERMINAL'], rule: "a terminal at its own store, scanning the member's pay code" },
  signIn: { roles: ['MEMBER'], rule: 'a member, once a day' },
  buyMembershipPlan: { roles: ['MEMBER'], rule: 'a member, for itself' },
  exchangePoints: { roles: ['MEMBER'], rule: 'a member, its own points' },
  setSettlementTerms: HQ_ONLY,
  runSettlement: HQ_ONLY,
  finalizeSettlement: HQ_ONLY,
  setProgramme: HQ_ONLY,
  setMembershipPlan: HQ_ONLY,
  createCouponTemplate: BACK_OFFICES,
  issueCoupons: BACK_OFFICES,
  tagMembers: BACK_OFFICES,
  createTagRule: BACK_OFFICES,
  setWebhook: BACK_OFFICES,
  createCampaign: BACK_OFFICES,
  refreshRfm: HQ_ONLY,
  refreshAnalytics: HQ_ONLY,
  createBenefit: BACK_OFFICES,
  updateBenefit: { roles: ['HQ', 'MERCHANT'], rule: "HQ any benefit; a back office its own merchant's" },
  createTask: { roles: ['HQ', 'MERCHANT'], rule: 'HQ for the coalition; a back office for its own members (NEW_MERCHANTS: HQ only)' },
  updateTask: { roles: ['HQ', 'MERCHANT'], rule: "HQ any task; a back office its own merchant's" },
} as const satisfies Record<string, AccessPolicy>;
