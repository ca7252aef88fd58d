import { ownMemberId, requireRole } from '../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../lib/errors.js';
import { requireIdentity } from './identity-access.js';
import { eraseMember, reportCardLost, REGISTRATION_LOCKOUT, isPhoneTaken, joinMerchant, registerMember, setMarketingConsent } from '../membership/index.js';
import { requireUuid } from '../../../lib/ids.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { storeMerchant } from '../directory/index.js';
import { openMemberSession } from '../session/index.js';

export const Mutation: MutationResolvers = {
  registerMember: async (_, { input }, ctx) => {
    const caller = requireRole(ctx.claims, 'TERMINAL', 'MERCHANT', 'HQ');
    const storeId = requireUuid(input.storeId, 'storeId');
    if (caller.role === 'TERMINAL' && caller.storeId !== storeId) throw forbidden('A terminal registers members at its own store');
    if (caller.role === 'MERCHANT' && (await storeMerchant(ctx.em, storeId)) !== caller.merchantId) throw forbidden('Not a store of your merchant');
    const register = () => registerMember(ctx.em, ctx.clock, { ...input, storeId });
    // Only HQ may learn freely whether a phone is a member's (issue 21). A terminal is limited by itself; a back office
    // by its merchant, which could otherwise mint clients for fresh budgets.
    const member =
      caller.role === 'HQ'
        ? await register()
        : await ctx
            .lockout(REGISTRATION_LOCKOUT)
            .guard(
              caller.role === 'TERMINAL' ? caller.subject : `merchant:${caller.merchantId}`,
              caller.role === 'TERMINAL' ? 'Too many refused registrations from this terminal' : 'Too many refused registrations from this merchant',
              isPhoneTaken,
              register,
            );
    ctx.registeredInThisRequest.add(member.id);
    await ctx.publish();
    return { member };
  },

  createMemberSession: async (_, { memberId }, ctx) => {
    const caller = requireRole(ctx.claims, 'MERCHANT', 'HQ');
    const id = requireUuid(memberId, 'memberId');
    const [member, merchants] = await Promise.all([ctx.memberById.load(id), ctx.merchantsOfMember.load(id)]);
    // Audited (never the token itself): what the back office then does through the session is audited as both.
    return ctx.audited(
      'createMemberSession',
      () => openMemberSession(caller, member, merchants, ctx.keys, ctx.clock),
      (s) => ({
        type: 'Member',
        id,
        details: { expiresAt: s.expiresAt.toISOString() },
      }),
    );
  },

  reportCardLost: async (_, { memberId }, ctx) => {
    const caller = requireRole(ctx.claims, 'MEMBER', 'HQ', 'MERCHANT');
    let id: string;
    if (caller.role === 'MEMBER') {
      id = ownMemberId(caller, memberId, 'A member reports its own card only');
    } else {
      if (!memberId) throw userInputError('Name the member whose card is lost', 'memberId');
      id = requireUuid(memberId, 'memberId');
      if (!(await ctx.memberById.load(id))) throw notFound('Member');
      await requireIdentity(ctx, id); // a back office only for members who joined it
    }
    const card = await ctx.audited(
      'reportCardLost',
      (tx) => reportCardLost(tx, ctx.clock, id),
      () => ({ type: 'Member', id }),
    );
    ctx.cardByMember.clear(id);
    return card;
  },

  eraseMember: async (_, { memberId }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    const id = requireUuid(memberId, 'memberId');
    const erased = await ctx.audited(
      'eraseMember',
      (tx) => eraseMember(tx, ctx.clock, id),
      () => ({ type: 'Member', id }),
    );
    await ctx.publish();
    return erased;
  },

  joinMerchant: async (_, { merchantId }, ctx) => {
    const caller = requireRole(ctx.claims, 'MEMBER');
    await joinMerchant(ctx.em, ctx.clock, caller.subject, requireUuid(merchantId, 'merchantId'));
    await ctx.publish();
    ctx.merchantsOfMember.clear(caller.subject);
    return (await ctx.memberById.load(caller.subject)) ?? Promise.reject(notFound('Member'));
  },

  setMarketingConsent: async (_, { marketing }, ctx) => {
    const caller = requireRole(ctx.claims, 'MEMBER');
    const id = caller.subject;
    const consents = await ctx.audited(
      'setMarketingConsent',
      (tx) => setMarketingConsent(tx, ctx.clock, id, marketing),
      (c) => ({
        type: 'Member',
        id,
        details: { marketing: c.marketing },
      }),
    );
    await ctx.publish();
    ctx.memberById.clear(id);
    return { consents };
  },
};
