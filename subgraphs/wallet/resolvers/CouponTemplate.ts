import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import { money } from '../../../lib/money.js';
import type { CouponTemplateRecord } from '../marketing/index.js';
import type { CouponTemplateResolvers } from '../generated/resolvers.js';
import type { WalletContext } from '../context.js';
import { optionalMoney } from './money.js';

/** The template's commercial terms (budget, counts, funders) are HQ's and its owner's; what a coupon gives is anyone's who sees it. */
function requireOwnerOrHq(ctx: WalletContext, template: CouponTemplateRecord): void {
  const caller = requireClaims(ctx.claims);
  if (caller.role === 'HQ') return;
  if (caller.role === 'MERCHANT' && caller.merchantId === template.ownerId) return;
  throw forbidden("A coupon template's budget and funding are HQ's and its owner's");
}

export const CouponTemplate: CouponTemplateResolvers = {
  owner: (t) => (t.ownerId ? { id: t.ownerId } : null),
  amountOff: (t) => optionalMoney(t.amountOff),
  minOrder: (t) => money(t.minOrder),
  maxDiscount: (t) => optionalMoney(t.maxDiscount),
  giftValue: (t) => optionalMoney(t.giftValue),
  budget: (t, _, ctx) => (requireOwnerOrHq(ctx, t), t.budget),
  issued: (t, _, ctx) => (requireOwnerOrHq(ctx, t), t.issued),
  redeemed: (t, _, ctx) => (requireOwnerOrHq(ctx, t), ctx.redeemedByTemplate.load(t.id)),
  funders: (t, _, ctx) => (requireOwnerOrHq(ctx, t), t.funders),
  pointsPrice: (t) => t.pointsPrice,
  acceptedBy: (t) => t.acceptedBy.map((id) => ({ id })),
};
