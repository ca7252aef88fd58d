/**
 * What a coupon takes off an order (docs/marketing.md "Coupons"), written once:
 *   AMOUNT_OFF  (满减)  amountOff, on an order of at least minOrder
 *   PERCENT_OFF        round_half_away(order × percentOff / 100), at most maxDiscount
 *   GIFT               the gift's declared value (the item is part of the order)
 * never more than the order itself. An order below minOrder gets nothing: the
 * coupon does not apply; nor does it to an order so small that its
 * percentage rounds to nothing (a coupon is used once, for something).
 */
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';

export type CouponKind = 'AMOUNT_OFF' | 'PERCENT_OFF' | 'GIFT';

export interface CouponTerms {
  kind: CouponKind;
  minOrder: Fen;
  amountOff: Fen | null;
  percentOff: number | null;
  maxDiscount: Fen | null;
  giftValue: Fen | null;
}

/** The discount on an order (more than zero), or null when the coupon does not apply to it. */
export function couponDiscount(terms: CouponTerms, orderAmount: Fen): Fen | null {
  if (orderAmount <= 0n || orderAmount < terms.minOrder) return null;
  const discount = min(offOf(terms, orderAmount), orderAmount);
  return discount > 0n ? discount : null;
}

const min = (a: Fen, b: Fen) => (a < b ? a : b);

function offOf(terms: CouponTerms, orderAmount: Fen): Fen {
  switch (terms.kind) {
    case 'AMOUNT_OFF':
      return terms.amountOff!;
    case 'PERCENT_OFF':
      return min(divideRoundHalfAwayFromZero(orderAmount * BigInt(terms.percentOff!), 100n), terms.maxDiscount!);
    case 'GIFT':
      return terms.giftValue!;
  }
}
