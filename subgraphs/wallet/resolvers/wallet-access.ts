/**
 * Who may see a member's wallet and history: the member, HQ, and merchants it
 * joined (which see only transactions at their stores or of value they issued).
 */
import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { WalletContext } from '../context.js';

export type WalletView = { scope: 'all' } | { scope: 'merchant'; merchantId: string };

export async function walletViewOf(ctx: WalletContext, memberId: string): Promise<WalletView> {
  const caller = requireClaims(ctx.claims);
  if (caller.role === 'HQ') return { scope: 'all' };
  if (caller.role === 'MEMBER' && caller.subject === memberId) return { scope: 'all' };
  if (caller.role === 'MERCHANT' && caller.merchantId && (await ctx.membershipsOfMember.load(memberId)).includes(caller.merchantId)) {
    return { scope: 'merchant', merchantId: caller.merchantId };
  }
  throw forbidden('Not your member');
}
