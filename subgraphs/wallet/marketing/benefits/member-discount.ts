/**
 * The member discount (会员价, docs/benefits.md "The member discount"): at checkout one DISCOUNT benefit applies, before
 * the coupon, points and stored value. Of the member's DISCOUNT benefits held and valid at the store whose minimum
 * order the order meets, the one giving the largest discount applies; a tie goes to the one owned by the store's own
 * merchant, then to the one created first. The discount is round_half_away(orderAmount × percentOff / 100), then
 * capped at maxDiscount. This file is the rule's one home: the SQL only lists the candidates.
 */
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';

export interface DiscountTerms {
  id: string;
  /** Null: HQ's. */
  ownerId: string | null;
  percentOff: number;
  maxDiscount: Fen | null;
  minOrder: Fen;
  createdAt: Date;
}

export interface MemberDiscount<B extends DiscountTerms> {
  benefit: B;
  discount: Fen;
}

/** What one DISCOUNT benefit takes off an order (0 below its minimum order). */
export function discountOf(terms: DiscountTerms, orderAmount: Fen): Fen {
  if (orderAmount < terms.minOrder || orderAmount <= 0n) return 0n;
  const discount = divideRoundHalfAwayFromZero(orderAmount * BigInt(terms.percentOff), 100n);
  return terms.maxDiscount !== null && discount > terms.maxDiscount ? terms.maxDiscount : discount;
}

/** The one member discount of an order at a store of `storeMerchantId`, or null when none takes anything off. */
export function memberDiscountOf<B extends DiscountTerms>(held: readonly B[], orderAmount: Fen, storeMerchantId: string): MemberDiscount<B> | null {
  let best: MemberDiscount<B> | null = null;
  for (const benefit of held) {
    const discount = discountOf(benefit, orderAmount);
    if (discount <= 0n) continue;
    if (best === null || beats({ benefit, discount }, best, storeMerchantId)) best = { benefit, discount };
  }
  return best;
}

function beats<B extends DiscountTerms>(a: MemberDiscount<B>, b: MemberDiscount<B>, storeMerchantId: string): boolean {
  if (a.discount !== b.discount) return a.discount > b.discount;
  const aOwn = a.benefit.ownerId === storeMerchantId;
  const bOwn = b.benefit.ownerId === storeMerchantId;
  if (aOwn !== bOwn) return aOwn;
  if (a.benefit.createdAt.getTime() !== b.benefit.createdAt.getTime()) return a.benefit.createdAt < b.benefit.createdAt;
  return a.benefit.id < b.benefit.id;
}
