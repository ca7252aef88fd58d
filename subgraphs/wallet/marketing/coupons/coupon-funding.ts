/**
 * Who pays for a coupon's discount (docs/marketing.md "Coupons"): each
 * funder its share, rounded half away from zero per transaction, and the
 * rounding remainder to the first funder, so the shares always add up to the
 * discount exactly. A merchant's own template has one funder, itself; HQ's
 * is funded by HQ (merchantId null) or co-funded by named merchants.
 * With many small shares and a discount of a few fen, the others' rounding
 * up can leave the first funder a negative remainder; the shares still add
 * up to the discount, which is what settlement's conservation needs.
 */
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import type { Posting } from '../../ledger/index.js';

export interface CouponFunderRecord {
  /** Null: HQ. */
  merchantId: string | null;
  shareBps: number;
}

export const WHOLE_BPS = 10_000;

export function fundingShares(discount: Fen, funders: readonly CouponFunderRecord[]): { merchantId: string | null; amount: Fen }[] {
  if (funders.length === 0) throw new Error('a coupon template without funders');
  if (funders.reduce((sum, f) => sum + f.shareBps, 0) !== WHOLE_BPS) throw new Error('coupon funders do not share the whole');
  const rest = funders
    .slice(1)
    .map((f) => ({ merchantId: f.merchantId, amount: divideRoundHalfAwayFromZero(discount * BigInt(f.shareBps), BigInt(WHOLE_BPS)) }));
  const first = discount - rest.reduce((sum, r) => sum + r.amount, 0n);
  return [{ merchantId: funders[0]!.merchantId, amount: first }, ...rest];
}

/**
 * The pair of journal lines of an amount given at a store and funded by shares: Dr `funded` per funder's share (HQ's
 * names no merchant; a share that rounds to nothing makes no line), Cr `given` at the store's merchant. A coupon's
 * discount (COUPON_FUNDED / COUPON_DISCOUNT), a member discount and a service's cost (BENEFIT_FUNDED / BENEFIT_GIVEN).
 */
export function fundedPostings(
  accounts: { funded: 'COUPON_FUNDED' | 'BENEFIT_FUNDED'; given: 'COUPON_DISCOUNT' | 'BENEFIT_GIVEN' },
  amount: Fen,
  funders: readonly CouponFunderRecord[],
  storeMerchantId: string,
): Posting[] {
  const shares = fundingShares(amount, funders).filter((share) => share.amount !== 0n);
  return [
    ...shares.map((share): Posting => ({ account: accounts.funded, merchantId: share.merchantId, lotId: null, amount: share.amount })),
    { account: accounts.given, merchantId: storeMerchantId, lotId: null, amount: -amount },
  ];
}

export const COUPON_LINES = { funded: 'COUPON_FUNDED', given: 'COUPON_DISCOUNT' } as const;
export const BENEFIT_LINES = { funded: 'BENEFIT_FUNDED', given: 'BENEFIT_GIVEN' } as const;
