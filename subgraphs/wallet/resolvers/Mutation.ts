import { ownMemberId, type ClaimsOf } from '../../../lib/auth.js';
import { commandLayer } from '../../../lib/commands.js';
import { requireUuid } from '../../../lib/ids.js';
import { userInputError } from '../../../lib/errors.js';
import { endSessions } from '../../../lib/session-end.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import type { WalletContext } from '../context.js';
import { guardPayCodes, movementDeps } from '../context.js';
import { issuePayCode, setSettlementTerms, freezeWallet, liftFreezes } from '../ledger/index.js';
import { setProgramme, setMembershipPlan, signIn, buyMembershipPlan } from '../programme/index.js';
import {
  type BenefitRecord,
  createBenefit,
  updateBenefit,
  createTask,
  updateTask,
  type TaskRecord,
  redeemBenefit,
  createCouponTemplate,
  issueCoupons,
  exchangePoints,
  createTagRule,
  tagMembers,
  createCampaign,
  setWebhook,
  requestRfmRefresh,
  requestAnalyticsRefresh,
} from '../marketing/index.js';
import { checkout, refund, topUp } from '../payments/index.js';
import { finalizeSettlement, runSettlement } from '../settlement/index.js';
import { WALLET_POLICIES } from './access-policies.js';

const command = commandLayer<WalletContext, MutationResolvers, typeof WALLET_POLICIES>(WALLET_POLICIES);

/** What an audit entry keeps of a task: who owns it, what it counts, what it gives, and its standing. */
const taskDetails = (t: TaskRecord) => ({
  owner: t.ownerId,
  kind: t.kind,
  window: t.window,
  goal: t.goal ?? Number(t.goalAmount),
  points: Number(t.reward.points),
  growth: t.reward.growth,
  active: t.active,
  activeUntil: t.activeUntil?.toISOString() ?? null,
});

/** What an audit entry keeps of a benefit: who owns it, what carries it, its budget and standing, who funds it. */
const benefitDetails = (b: BenefitRecord) => ({
  owner: b.ownerId,
  kind: b.kind,
  tiers: b.tiers.join(' '),
  plans: b.plans.join(' '),
  monthlyBudget: b.monthlyBudget?.toString() ?? null,
  active: b.active,
  funders: b.funders.map((f) => `${f.merchantId ?? 'HQ'}:${f.shareBps}`).join(' '),
});

/** A value movement's record is its journal transaction, with the client, the store and the idempotency key. */
const MOVEMENT = { notAudited: 'a value movement: its journal transaction records the client, the store and the key' };

/** A member changes its own wallet (naming another is refused, never ignored); HQ names any member's. */
function walletOwner(caller: ClaimsOf<'MEMBER' | 'HQ'>, memberId: string | null | undefined): string {
  if (caller.role === 'MEMBER') return ownMemberId(caller, memberId, 'A member changes its own wallet only');
  if (!memberId) throw userInputError('HQ names the member whose wallet to change', 'memberId');
  return requireUuid(memberId, 'memberId');
}

export const Mutation: MutationResolvers = {
  issuePayCode: command('issuePayCode', {
    audit: { notAudited: "the member's own: a pay code lives 60 seconds, single use, stored hashed" },
    run: ({ ctx, caller }) => issuePayCode(ctx.em, ctx.clock, ctx.payCodeKey, caller.subject),
  }),
  // Who may lift which freeze: ledger/accounts/freeze.ts.
  freezeWallet: command('freezeWallet', {
    run: async ({ ctx, caller, args: { memberId }, em }) => {
      const owner = walletOwner(caller, memberId);
      const wallet = await freezeWallet(em, ctx.clock, owner, caller.role);
      // HQ freezes when something is wrong with the member's account: whoever holds its sessions stops with it.
      if (caller.role === 'HQ') await endSessions(em, 'wallet', ctx.clock, owner, 'FROZEN_BY_HQ');
      return { wallet, by: caller.role };
    },
    audit: { action: 'freezeWallet', subject: ({ wallet, by }) => ({ type: 'Wallet', id: wallet.memberId, details: { status: wallet.status, freeze: by } }) },
    answer: ({ wallet }) => wallet,
  }),
  unfreezeWallet: command('unfreezeWallet', {
    run: async ({ caller, args: { memberId }, em }) => ({ wallet: await liftFreezes(em, walletOwner(caller, memberId), caller.role), by: caller.role }),
    audit: { action: 'unfreezeWallet', subject: ({ wallet, by }) => ({ type: 'Wallet', id: wallet.memberId, details: { status: wallet.status, freeze: by } }) },
    answer: ({ wallet }) => wallet,
  }),
  // A till's movements: the read at the store, their first statement, carries the caller's session check (lib/session-check.ts).
  topUp: command('topUp', {
    audit: MOVEMENT,
    carriesSessionCheck: true,
    run: ({ ctx, caller, args: { input } }) => guardPayCodes(ctx, caller, () => topUp(movementDeps(ctx), input)),
  }),
  checkout: command('checkout', {
    audit: MOVEMENT,
    carriesSessionCheck: true,
    run: ({ ctx, caller, args: { input } }) => guardPayCodes(ctx, caller, () => checkout(movementDeps(ctx), input)),
  }),
  redeemBenefit: command('redeemBenefit', {
    audit: MOVEMENT,
    run: ({ ctx, caller, args: { input } }) => guardPayCodes(ctx, caller, () => redeemBenefit(movementDeps(ctx), input)),
  }),
  refund: command('refund', { audit: MOVEMENT, run: ({ ctx, args: { input } }) => refund(movementDeps(ctx), input) }),
  signIn: command('signIn', {
    audit: { notAudited: "the member's own daily sign-in: its journal transaction records it" },
    run: ({ ctx }) => signIn(movementDeps(ctx)),
  }),
  buyMembershipPlan: command('buyMembershipPlan', {
    audit: { notAudited: "the member's own value movement: its journal transaction records the payment reference" },
    run: ({ ctx, args: { input } }) => buyMembershipPlan(movementDeps(ctx), input),
  }),
  exchangePoints: command('exchangePoints', {
    audit: { notAudited: "the member's own value movement: its journal transaction records it" },
    run: ({ ctx, args: { input } }) => exchangePoints(movementDeps(ctx), input),
  }),
  setSettlementTerms: command('setSettlementTerms', {
    run: ({ ctx, args: { input }, em }) => setSettlementTerms(em, ctx.clock, { ...input, merchantId: requireUuid(input.merchantId, 'merchantId') }),
    audit: {
      action: 'setSettlementTerms',
      subject: (t) => ({
        type: 'Merchant',
        id: t.merchantId,
        details: {
          canIssue: t.canIssue,
          canAccept: t.canAccept,
          commissionBps: t.commissionBps,
          pointsPerYuan: t.pointsPerYuan,
          earnCostPer100Points: t.earnCostPer100Points,
          burnValuePer100Points: t.burnValuePer100Points,
          effectiveFrom: t.effectiveFrom?.toISOString() ?? null,
        },
      }),
    },
    effects: (ctx, terms) => void ctx.termsByMerchant.clear(terms.merchantId).prime(terms.merchantId, terms),
    answer: (terms) => ({ merchant: { id: terms.merchantId } }),
  }),
  runSettlement: command('runSettlement', {
    run: ({ ctx, args: { period }, em }) => runSettlement(em, ctx.clock, period),
    audit: { action: 'runSettlement', subject: (run) => ({ type: 'SettlementRun', id: run.id, details: { period: run.period } }) },
  }),
  finalizeSettlement: command('finalizeSettlement', {
    run: ({ ctx, args: { id }, em }) => finalizeSettlement(em, ctx.clock, requireUuid(id, 'id')),
    audit: { action: 'finalizeSettlement', subject: (run) => ({ type: 'SettlementRun', id: run.id, details: { period: run.period } }) },
  }),
  setProgramme: command('setProgramme', {
    run: ({ ctx, args: { input }, em }) => setProgramme(em, ctx.clock, input),
    audit: {
      action: 'setProgramme',
      subject: (p) => ({
        type: 'Programme',
        id: p.effectiveFrom!.toISOString(),
        details: {
          cycle: p.cycle,
          growthPerYuan: p.growthPerYuan,
          pointsPerYuanBurn: p.pointsPerYuanBurn,
          signInGrowth: p.signInGrowth,
          signInPoints: p.signInPoints,
          tiers: JSON.stringify(p.tiers, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
        },
      }),
    },
    answer: (programme) => ({ programme }),
  }),
  setMembershipPlan: command('setMembershipPlan', {
    run: ({ ctx, args: { input }, em }) => setMembershipPlan(em, ctx.clock, input),
    audit: {
      action: 'setMembershipPlan',
      subject: (p) => ({
        type: 'MembershipPlan',
        id: p.code,
        details: { name: p.name, price: p.price.toString(), period: p.period, pointsMultiplierBps: p.pointsMultiplierBps, active: p.active },
      }),
    },
    answer: (plan) => ({ plan }),
  }),
  createCouponTemplate: command('createCouponTemplate', {
    run: ({ ctx, caller, args: { input }, em }) => createCouponTemplate(em, ctx.clock.now(), caller, input),
    audit: {
      action: 'createCouponTemplate',
      subject: (t) => ({
        type: 'CouponTemplate',
        id: t.id,
        details: { owner: t.ownerId, kind: t.kind, budget: t.budget, funders: t.funders.map((f) => `${f.merchantId ?? 'HQ'}:${f.shareBps}`).join(' ') },
      }),
    },
    answer: (template) => ({ template }),
  }),
  createBenefit: command('createBenefit', {
    run: ({ ctx, caller, args: { input }, em }) => createBenefit(em, ctx.clock.now(), caller, input),
    audit: { action: 'createBenefit', subject: (b) => ({ type: 'Benefit', id: b.id, details: benefitDetails(b) }) },
    answer: (benefit) => ({ benefit }),
  }),
  updateBenefit: command('updateBenefit', {
    run: ({ ctx, caller, args: { id, input }, em }) => updateBenefit(em, ctx.clock.now(), caller, id, input),
    audit: { action: 'updateBenefit', subject: (b) => ({ type: 'Benefit', id: b.id, details: benefitDetails(b) }) },
    answer: (benefit) => ({ benefit }),
  }),
  createTask: command('createTask', {
    run: ({ ctx, caller, args: { input }, em }) => createTask(em, ctx.clock.now(), caller, input),
    audit: { action: 'createTask', subject: (t) => ({ type: 'Task', id: t.id, details: taskDetails(t) }) },
    answer: (task) => ({ task }),
  }),
  updateTask: command('updateTask', {
    run: ({ caller, args: { id, input }, em }) => updateTask(em, caller, id, input),
    audit: { action: 'updateTask', subject: (t) => ({ type: 'Task', id: t.id, details: taskDetails(t) }) },
    answer: (task) => ({ task }),
  }),
  issueCoupons: command('issueCoupons', {
    run: ({ ctx, caller, args: { input }, em }) => issueCoupons(em, () => ctx.clock.now(), caller, input),
    audit: {
      action: 'issueCoupons',
      subject: (r, { input }) => ({
        type: 'CouponTemplate',
        id: r.templateId,
        details: { issued: r.issued, skipped: r.skipped, idempotencyKey: input.idempotencyKey },
      }),
    },
    effects: (ctx, r) => void ctx.couponTemplateById.clear(r.templateId),
  }),
  tagMembers: command('tagMembers', {
    run: ({ ctx, caller, args: { input }, em }) => tagMembers(em, ctx.clock.now(), caller, input),
    audit: {
      action: 'tagMembers',
      subject: (t, { input }) => ({ type: 'Tag', id: t.id, details: { owner: t.ownerId, name: t.name, members: input.memberIds.length } }),
    },
    answer: (tag) => ({ tag }),
  }),
  createTagRule: command('createTagRule', {
    run: ({ ctx, caller, args: { input }, em }) => createTagRule(em, ctx.clock.now(), caller, input),
    audit: {
      action: 'createTagRule',
      subject: (t, { input }) => ({ type: 'Tag', id: t.id, details: { owner: t.ownerId, name: t.name, rule: JSON.stringify(input.rule) } }),
    },
    answer: (tag) => ({ tag }),
  }),
  // Audited without the secret: the log holds ids and values, never a secret.
  setWebhook: command('setWebhook', {
    run: ({ ctx, caller, args: { input }, em }) => setWebhook(em, ctx.clock.now(), caller, input),
    audit: {
      action: 'setWebhook',
      subject: (r) => ({ type: 'Webhook', id: r.webhook.ownerId ?? 'HQ', details: { url: r.webhook.url, events: r.webhook.events.join(' ') } }),
    },
  }),
  createCampaign: command('createCampaign', {
    run: ({ ctx, caller, args: { input }, em }) => createCampaign({ em, clock: ctx.clock }, caller, input),
    audit: {
      action: 'createCampaign',
      subject: (c) => ({
        type: 'Campaign',
        id: c.id,
        details: { owner: c.ownerId, trigger: c.triggerKind, runAt: c.runAt.toISOString(), template: c.couponTemplateId, controlBps: c.controlBps },
      }),
    },
    answer: (campaign) => ({ campaign }),
  }),
  refreshRfm: command('refreshRfm', {
    run: ({ ctx, em }) => requestRfmRefresh(em, ctx.clock.now()),
    audit: { notAudited: 'recomputes figures the journal already holds; changes nothing anyone decided' },
  }),
  refreshAnalytics: command('refreshAnalytics', {
    run: ({ ctx, em }) => requestAnalyticsRefresh(em, ctx.clock.now()),
    audit: { notAudited: 'recomputes figures the journal already holds; changes nothing anyone decided' },
  }),
};
