/**
 * Who may see a member's identity (DESIGN, access rules): the member itself,
 * HQ, and merchants it joined. Others get the masked name and tier only.
 */
import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { MemberContext } from '../context.js';

export async function canSeeIdentity(ctx: MemberContext, memberId: string): Promise<boolean> {
  const caller = requireClaims(ctx.claims);
  if (caller.role === 'HQ') return true;
  if (caller.role === 'MEMBER') return caller.subject === memberId;
  if (caller.role === 'MERCHANT' || caller.role === 'TERMINAL') {
    return !!caller.merchantId && (await ctx.merchantsOfMember.load(memberId)).includes(caller.merchantId);
  }
  return false;
}

export async function requireIdentity(ctx: MemberContext, memberId: string): Promise<void> {
  if (!(await canSeeIdentity(ctx, memberId))) throw forbidden('This member has not joined your merchant');
}

/** Masked name and tier: any coalition caller but another member. */
export function requirePseudonymousAccess(ctx: MemberContext, memberId: string): void {
  const caller = requireClaims(ctx.claims);
  if (caller.role === 'MEMBER' && caller.subject !== memberId) throw forbidden();
}
