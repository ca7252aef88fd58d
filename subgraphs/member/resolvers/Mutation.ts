import { ownMemberId } from '../../../lib/auth.js';
import { commandLayer } from '../../../lib/commands.js';
import { forbidden, notFound, userInputError } from '../../../lib/errors.js';
import { requireIdentity } from './identity-access.js';
import { eraseMember, reportCardLost, REGISTRATION_LOCKOUT, isPhoneTaken, joinMerchant, registerMember, setMarketingConsent } from '../membership/index.js';
import { requireUuid } from '../../../lib/ids.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import type { MemberContext } from '../context.js';
import { storeMerchant } from '../directory/index.js';
import { openMemberSession } from '../session/index.js';
import { MEMBER_POLICIES } from './access-policies.js';

const command = commandLayer<MemberContext, MutationResolvers, typeof MEMBER_POLICIES>(MEMBER_POLICIES);

export const Mutation: MutationResolvers = {
  registerMember: command('registerMember', {
    audit: { notAudited: "a till's registration: the member row records its store and instant" },
    run: async ({ ctx, caller, args: { input } }) => {
      const storeId = requireUuid(input.storeId, 'storeId');
      if (caller.role === 'TERMINAL' && caller.storeId !== storeId) throw forbidden('A terminal registers members at its own store');
      if (caller.role === 'MERCHANT' && (await storeMerchant(ctx.em, storeId)) !== caller.merchantId) throw forbidden('Not a store of your merchant');
      const register = () => registerMember(ctx.em, ctx.clock, { ...input, storeId });
      // Only HQ may learn freely whether a phone is a member's (issue 21). A terminal is limited by itself; a back office
      // by its merchant, which could otherwise mint clients for fresh budgets.
      if (caller.role === 'HQ') return register();
      return ctx
        .lockout(REGISTRATION_LOCKOUT)
        .guard(
          caller.role === 'TERMINAL' ? caller.subject : `merchant:${caller.merchantId}`,
          caller.role === 'TERMINAL' ? 'Too many refused registrations from this terminal' : 'Too many refused registrations from this merchant',
          isPhoneTaken,
          register,
        );
    },
    effects: async (ctx, member) => {
      ctx.registeredInThisRequest.add(member.id);
      await ctx.publish();
    },
    answer: (member) => ({ member }),
  }),

  // Audited (never the token itself): what the back office then does through the session is audited as both.
  createMemberSession: command('createMemberSession', {
    run: async ({ ctx, caller, args: { memberId } }) => {
      const id = requireUuid(memberId, 'memberId');
      const [member, merchants] = await Promise.all([ctx.memberById.load(id), ctx.merchantsOfMember.load(id)]);
      return openMemberSession(caller, member, merchants, ctx.keys, ctx.clock);
    },
    audit: {
      action: 'createMemberSession',
      subject: (s, { memberId }) => ({ type: 'Member', id: memberId, details: { expiresAt: s.expiresAt.toISOString() } }),
    },
  }),

  reportCardLost: command('reportCardLost', {
    run: async ({ ctx, caller, args: { memberId }, em }) => reportCardLost(em, ctx.clock, await whoseCard(ctx, caller, memberId)),
    audit: { action: 'reportCardLost', subject: (card) => ({ type: 'Member', id: card.memberId }) },
    effects: (ctx, card) => void ctx.cardByMember.clear(card.memberId),
  }),

  eraseMember: command('eraseMember', {
    run: ({ ctx, args: { memberId }, em }) => eraseMember(em, ctx.clock, requireUuid(memberId, 'memberId')),
    audit: { action: 'eraseMember', subject: (erased) => ({ type: 'Member', id: erased.id }) },
    effects: (ctx) => ctx.publish(),
  }),

  joinMerchant: command('joinMerchant', {
    audit: { notAudited: "the member's own: the membership records when" },
    run: async ({ ctx, caller, args: { merchantId } }) => {
      await joinMerchant(ctx.em, ctx.clock, caller.subject, requireUuid(merchantId, 'merchantId'));
      await ctx.publish();
      ctx.merchantsOfMember.clear(caller.subject);
      return (await ctx.memberById.load(caller.subject)) ?? Promise.reject(notFound('Member'));
    },
  }),

  setMarketingConsent: command('setMarketingConsent', {
    run: async ({ ctx, caller, args: { marketing }, em }) => ({
      memberId: caller.subject,
      consents: await setMarketingConsent(em, ctx.clock, caller.subject, marketing),
    }),
    audit: { action: 'setMarketingConsent', subject: (r) => ({ type: 'Member', id: r.memberId, details: { marketing: r.consents.marketing } }) },
    effects: async (ctx, { memberId }) => {
      await ctx.publish();
      ctx.memberById.clear(memberId);
    },
    answer: ({ consents }) => ({ consents }),
  }),
};

/** A member reports its own card; HQ any member's; a back office only a member that joined it. */
async function whoseCard(ctx: MemberContext, caller: Parameters<typeof ownMemberId>[0] | { role: 'HQ' | 'MERCHANT' }, memberId: string | null | undefined) {
  if (caller.role === 'MEMBER') return ownMemberId(caller as Parameters<typeof ownMemberId>[0], memberId, 'A member reports its own card only');
  if (!memberId) throw userInputError('Name the member whose card is lost', 'memberId');
  const id = requireUuid(memberId, 'memberId');
  if (!(await ctx.memberById.load(id))) throw notFound('Member');
  await requireIdentity(ctx, id); // a back office only for members who joined it
  return id;
}
