/**
 * Payments, what a till does: top-up, checkout and refund. Built on the ledger, the programme and marketing (README.md).
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { type CheckoutResult, checkout } from './checkout/checkout.js';
export { type RefundResult, refund } from './refund/refund.js';
export { type TopUpResult, topUp } from './topup/topup.js';
