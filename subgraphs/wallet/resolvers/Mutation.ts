import { ownMemberId, requireClaims, requireRole } from '../../../lib/auth.js';
import { requireUuid } from '../../../lib/ids.js';
import { userInputError } from '../../../lib/errors.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { checkout, refund, topUp } from '../payments/index.js';
import { guardPayCodes, movementDeps } from '../context.js';
import { ledgerOf, issuePayCode, setSettlementTerms, freezeWallet, liftFreezes } from '../ledger/index.js';
import { finalizeSettlement, runSettlement } from '../settlement/index.js';
import { endSessions } from '../../../lib/session-end.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { setProgramme, setMembershipPlan, signIn, buyMembershipPlan } from '../programme/index.js';
import type { WalletContext } from '../context.js';
import { createCouponTemplate, issueCoupons, exchangePoints, createTagRule, tagMembers, createCampaign, setWebhook } from '../marketing/index.js';

/** A member freezes its own wallet (naming another is refused, never ignored); HQ any member's. */
function walletOwner(ctx: WalletContext, memberId: string | null | undefined): { owner: string; actor: 'MEMBER' | 'HQ' } {
  const caller = requireRole(ctx.claims, 'MEMBER', 'HQ');
  if (caller.role === 'MEMBER') return { owner: ownMemberId(caller, memberId, 'A member changes its own wallet only'), actor: 'MEMBER' };
  if (!memberId) throw userInputError('HQ names the member whose wallet to change', 'memberId');
  return { owner: requireUuid(memberId, 'memberId'), actor: 'HQ' };
}

/** Sets the caller's freeze, or lifts what the caller may lift (ledger/accounts/freeze.ts has who may lift what). */
function changeWalletStatus(ctx: WalletContext, memberId: string | null | undefined, to: 'FROZEN' | 'ACTIVE') {
  const { owner, actor } = walletOwner(ctx, memberId);
  const change = async (tx: EntityManager) => {
    if (to === 'ACTIVE') return liftFreezes(tx, owner, actor);
    const wallet = await freezeWallet(tx, ctx.clock, owner, actor);
    // HQ freezes when something is wrong with the member's account: whoever holds its sessions stops with it.
    if (actor === 'HQ') await endSessions(tx, 'wallet', ctx.clock, owner, 'FROZEN_BY_HQ');
    return wallet;
  };
  return ctx.audited(to === 'FROZEN' ? 'freezeWallet' : 'unfreezeWallet', change, (wallet) => ({
    type: 'Wallet',
    id: wallet.memberId,
    details: { status: wallet.status, freeze: actor },
  }));
}

export const Mutation: MutationResolvers = {
  issuePayCode: (_, __, ctx) => {
    const caller = requireRole(ctx.claims, 'MEMBER');
    return issuePayCode(ctx.em, ctx.clock, ctx.payCodeKey, caller.subject);
  },
  freezeWallet: (_, { memberId }, ctx) => changeWalletStatus(ctx, memberId, 'FROZEN'),
  unfreezeWallet: (_, { memberId }, ctx) => changeWalletStatus(ctx, memberId, 'ACTIVE'),
  topUp: (_, { input }, ctx) => guardPayCodes(ctx, requireClaims(ctx.claims), () => topUp(movementDeps(ctx), input)),
  checkout: (_, { input }, ctx) => guardPayCodes(ctx, requireClaims(ctx.claims), () => checkout(movementDeps(ctx), input)),
  refund: (_, { input }, ctx) => refund(movementDeps(ctx), input),
  signIn: (_, __, ctx) => signIn(movementDeps(ctx)),
  buyMembershipPlan: (_, { input }, ctx) => buyMembershipPlan(movementDeps(ctx), input),
  setSettlementTerms: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const terms = await ctx.audited(
      'setSettlementTerms',
      (tx) => setSettlementTerms(tx, ctx.clock, { ...input, merchantId: requireUuid(input.merchantId, 'merchantId') }),
      (t) => ({
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
    );
    ctx.termsByMerchant.clear(terms.merchantId).prime(terms.merchantId, terms);
    return { merchant: { id: terms.merchantId } };
  },
  runSettlement: (_, { period }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    return ctx.audited(
      'runSettlement',
      (tx) => runSettlement(tx, ctx.clock, period),
      (run) => ({ type: 'SettlementRun', id: run.id, details: { period: run.period } }),
    );
  },
  setProgramme: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const programme = await ctx.audited(
      'setProgramme',
      (tx) => setProgramme(tx, ctx.clock, input),
      (p) => ({
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
    );
    return { programme };
  },
  setMembershipPlan: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const plan = await ctx.audited(
      'setMembershipPlan',
      (tx) => setMembershipPlan(tx, ctx.clock, input),
      (p) => ({
        type: 'MembershipPlan',
        id: p.code,
        details: { name: p.name, price: p.price.toString(), period: p.period, pointsMultiplierBps: p.pointsMultiplierBps, active: p.active },
      }),
    );
    return { plan };
  },
  createCouponTemplate: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const template = await ctx.audited(
      'createCouponTemplate',
      (tx) => createCouponTemplate(tx, ctx.clock.now(), ctx.claims, input),
      (t) => ({
        type: 'CouponTemplate',
        id: t.id,
        details: { owner: t.ownerId, kind: t.kind, budget: t.budget, funders: t.funders.map((f) => `${f.merchantId ?? 'HQ'}:${f.shareBps}`).join(' ') },
      }),
    );
    return { template };
  },
  issueCoupons: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const result = await ctx.audited(
      'issueCoupons',
      (tx) => issueCoupons(tx, () => ctx.clock.now(), ctx.claims, input),
      (r) => ({
        type: 'CouponTemplate',
        id: r.templateId,
        details: { issued: r.issued, skipped: r.skipped, idempotencyKey: input.idempotencyKey },
      }),
    );
    ctx.couponTemplateById.clear(result.templateId);
    return result;
  },
  exchangePoints: (_, { input }, ctx) => exchangePoints(movementDeps(ctx), input),
  tagMembers: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const tag = await ctx.audited(
      'tagMembers',
      (tx) => tagMembers(tx, ctx.clock.now(), ctx.claims, input),
      (t) => ({
        type: 'Tag',
        id: t.id,
        details: { owner: t.ownerId, name: t.name, members: input.memberIds.length },
      }),
    );
    return { tag };
  },
  createTagRule: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const tag = await ctx.audited(
      'createTagRule',
      (tx) => createTagRule(tx, ctx.clock.now(), ctx.claims, input),
      (t) => ({
        type: 'Tag',
        id: t.id,
        details: { owner: t.ownerId, name: t.name, rule: JSON.stringify(input.rule) },
      }),
    );
    return { tag };
  },
  setWebhook: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    // Audited without the secret: the log holds ids and values, never a secret.
    return ctx.audited(
      'setWebhook',
      (tx) => setWebhook(tx, ctx.clock.now(), ctx.claims, input),
      (r) => ({
        type: 'Webhook',
        id: r.webhook.ownerId ?? 'HQ',
        details: { url: r.webhook.url, events: r.webhook.events.join(' ') },
      }),
    );
  },
  createCampaign: async (_, { input }, ctx) => {
    requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const campaign = await ctx.audited(
      'createCampaign',
      (tx) => createCampaign(ledgerOf({ ...movementDeps(ctx), em: tx }), ctx.claims, input),
      (c) => ({
        type: 'Campaign',
        id: c.id,
        details: { owner: c.ownerId, trigger: c.triggerKind, runAt: c.runAt.toISOString(), template: c.couponTemplateId, controlBps: c.controlBps },
      }),
    );
    return { campaign };
  },
  finalizeSettlement: (_, { id }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    return ctx.audited(
      'finalizeSettlement',
      (tx) => finalizeSettlement(tx, ctx.clock, requireUuid(id, 'id')),
      (run) => ({ type: 'SettlementRun', id: run.id, details: { period: run.period } }),
    );
  },
};
