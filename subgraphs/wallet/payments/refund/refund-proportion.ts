/**
 * How a refund gives back each part of a checkout (docs/ledger.md "Refund"): with T
 * the checkout's order amount and c the order amount returned so far
 * including this refund, a part X (stored value, points burned or earned,
 * growth, amount paid outside) comes back by f(c) − f(c_before), where
 * f(c) = round_half_away(X × c / T) for money and floor(X × c / T) for
 * points and growth. Cumulative, so the refunds of one checkout add up to
 * exactly X, and the last one returns exactly what remains.
 */
import { divideRoundHalfAwayFromZero } from '../../../../lib/money.js';

export type Rounding = 'HALF_AWAY' | 'FLOOR';

function share(part: bigint, returned: bigint, orderAmount: bigint, rounding: Rounding): bigint {
  return rounding === 'HALF_AWAY' ? divideRoundHalfAwayFromZero(part * returned, orderAmount) : (part * returned) / orderAmount;
}

/** What this refund returns of `part`: order amount returned before it, and with it. */
export function refundShare(part: bigint, orderAmount: bigint, returnedBefore: bigint, returnedAfter: bigint, rounding: Rounding): bigint {
  if (orderAmount <= 0n || part < 0n || returnedBefore < 0n || returnedAfter < returnedBefore || returnedAfter > orderAmount) {
    throw new RangeError('refund shares need 0 <= before <= after <= order amount and a part of at least 0');
  }
  return share(part, returnedAfter, orderAmount, rounding) - share(part, returnedBefore, orderAmount, rounding);
}
