/**
 * What a member paid: one definition for every report and rule that sums it
 * (analytics, RFM, campaign results, the 12-week projections, spend-based
 * rule tags), as SQL over a journal transaction aliased `t`.
 *
 * A checkout's payment is its stored value plus what the till took outside
 * the hub (amount_due); a refund gives back the same two parts. Coupon
 * discounts and points are not money the member paid, and are not in it.
 *
 * Two ways to count refunds, each named here:
 * - on the day they happen (paidNetOnTheDay): a day's, a window's or a
 *   member's net spending (analytics, projections, rule tags);
 * - against the purchase they undo (paidIn of the refunds subtracted from the
 *   checkout's): a purchase's worth (RFM's monetary, a campaign's results).
 */
export const paidIn = (t: string): string => `(${t}.amount + ${t}.amount_due)`;

/** + a checkout's payment, − a refund's; for rows of kind CHECKOUT or REFUND. */
export const paidNetOnTheDay = (t: string): string => `(case when ${t}.kind = 'CHECKOUT' then ${paidIn(t)} else -${paidIn(t)} end)`;

/**
 * A checkout refunded in full: its refunds' order amounts have reached its own (a refund never exceeds what is left,
 * so "reached" is "equal"). It counts for no task, and its task and referral rewards are taken back
 * (docs/tasks.md "A full refund takes a completion back" and "Referrals"); partial refunds take nothing back. For a CHECKOUT row aliased `t`.
 */
export const refundedInFull = (t: string): string =>
  // The refunds' amounts from the key table (Migration20261206000100): one index, where the journal would try every month.
  `(${t}.order_amount <= coalesce((select sum(r.refunded_order_amount) from wallet.journal_transaction_key r where r.refund_of = ${t}.id), 0))`;
