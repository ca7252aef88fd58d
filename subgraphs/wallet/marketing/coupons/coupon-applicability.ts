/**
 * Whether a coupon applies to a checkout, and what it takes off the order:
 * the refusals of docs/marketing.md "Coupons", written once, in the order a
 * till would explain them: whose coupon it is, its status (couponStatus),
 * where it is accepted, the order it needs (couponDiscount). couponForCheckoutSql
 * loads and locks the coupon; the checkout posts what this returns.
 */
import { domainError } from '../../../../lib/errors.js';
import { formatDecimal, type Fen } from '../../../../lib/money.js';
import { couponDiscount } from './coupon-discount.js';
import type { CouponTemplateRecord } from './coupon-template.js';
import { couponStatus, type CouponRecord } from './coupons.js';

export interface CouponUse {
  memberId: string;
  /** The merchant whose store takes the order. */
  merchantId: string;
  orderAmount: Fen;
  at: Date;
}

/** The discount the coupon gives this checkout (more than zero) with the coupon's template, or the refusal, with its code, thrown. */
export function applyCoupon(
  found: { coupon: CouponRecord; template: CouponTemplateRecord } | null,
  use: CouponUse,
): { discount: Fen; template: CouponTemplateRecord } {
  if (!found || found.coupon.memberId !== use.memberId) throw domainError('COUPON_NOT_APPLICABLE', "This coupon is not the member's", { field: 'couponId' });
  const { coupon, template } = found;
  const status = couponStatus(coupon, use.at);
  if (status === 'USED') throw domainError('COUPON_USED', 'This coupon has been used');
  if (status === 'VOIDED') throw domainError('COUPON_NOT_APPLICABLE', 'This coupon was voided with the task reward a refund took back', { field: 'couponId' });
  if (status === 'EXPIRED') throw domainError('COUPON_EXPIRED', `This coupon expired at ${coupon.validUntil.toISOString()}`);
  if (status === 'NOT_YET_VALID')
    throw domainError('COUPON_NOT_APPLICABLE', `This coupon is valid from ${coupon.validFrom.toISOString()}`, { field: 'couponId' });
  if (!template.acceptedBy.includes(use.merchantId))
    throw domainError('COUPON_NOT_APPLICABLE', "This coupon is not accepted at this merchant's stores", { field: 'couponId' });
  const off = couponDiscount(template, use.orderAmount);
  if (off === null) {
    const why =
      use.orderAmount < template.minOrder ? `needs an order of at least ${formatDecimal(template.minOrder)}` : 'takes nothing off an order this small';
    throw domainError('COUPON_NOT_APPLICABLE', `This coupon ${why}`, { field: 'couponId' });
  }
  return { discount: off, template };
}
