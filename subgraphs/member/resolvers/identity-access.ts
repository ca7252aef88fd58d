/**
 * Who may see a member's identity (docs/access.md): the member itself,
 * HQ, and the back offices of merchants it joined. Terminals get the masked
 * name and tier only, even at a merchant the member joined: a till is not
 * where a name, phone or card number needs to be read. The one exception is
 * the answer to the registration a terminal just made, which shows it what
 * it typed in and the new card's number to hand over.
 */
import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { MemberContext } from '../context.js';

export async function canSeeIdentity(ctx: MemberContext, memberId: string): Promise<boolean> {
  const caller = requireClaims(ctx.claims);
  if (caller.role === 'HQ') return true;
  if (caller.role === 'MEMBER') return caller.subject === memberId;
  if (caller.role === 'MERCHANT') return (await ctx.merchantsOfMember.load(memberId)).includes(caller.merchantId);
  if (caller.role === 'TERMINAL') return ctx.registeredInThisRequest.has(memberId);
  return false;
}

export async function requireIdentity(ctx: MemberContext, memberId: string): Promise<void> {
  if (!(await canSeeIdentity(ctx, memberId))) throw forbidden('This member has not joined your merchant');
}
