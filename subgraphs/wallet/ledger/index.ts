/**
 * The ledger and money: the journal and its one movement path, members' accounts (wallets, freezes, issuer balances),
 * accounting periods, what a member paid, pay codes, merchants' settlement terms, the directory of members, merchants and
 * stores the other subgraphs announce, and the queue of work that follows a movement. It knows no other area (README.md).
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { freezeWallet, freezesOf, liftFreezes } from './accounts/freeze.js';
export { type MovementDeps, ledgerOf, walletAfter } from './accounts/movement-deps.js';
export {
  type IssuerBalanceRecord,
  type MemberReference,
  type WalletRecord,
  emptyWallet,
  issuerBalancesByMember,
  requireSpendable,
  walletsByMember,
} from './accounts/wallet.js';
export { applyHubEvent, hasJoined, storeForCaller } from './directory/directory.js';
export {
  COALITION_TIME_ZONE,
  type Period,
  addCalendarDays,
  addCalendarMonths,
  localDay,
  lockPeriodExclusive,
  lockPeriodShared,
  monthStart,
  nextLocalMidnight,
  parsePeriod,
  periodOf,
  zonedParts,
} from './journal/accounting-period.js';
export { MONTHS_AHEAD, makeMonthsAhead } from './journal/journal-months.js';
export { type BulkMovement, type MemberRange, forEachMemberRange, inRange, recordBulkMovement } from './journal/bulk-movement.js';
export { type HeldIssuerLot, type HeldLots, type HeldPointsLot, lockPointsLots } from './journal/held-lots.js';
export { paidIn, paidNetOnTheDay, refundedInFull } from './journal/member-paid.js';
export {
  EARNING_YEAR_LOT,
  type BulkMovementResult,
  type CompletedTask,
  type FollowedUp,
  type HolderRecord,
  type LedgerDeps,
  type MovementHooks,
  NEVER_COUNTED,
  NEW_LOT,
  type Posting,
  type Standing,
  type TierUpgrade,
  recordMovement,
} from './journal/movement.js';
export {
  NO_DETAILS,
  type TransactionEdgeRecord,
  type TransactionKind,
  type TransactionPage,
  type TransactionRecord,
  checkIdempotencyKey,
  findTransaction,
  instantsOf,
  isRefundedInFull,
  listTransactions,
  lockRequestKey,
  requestHash,
  requireSameRequest,
  transactionsByIds,
} from './journal/transaction.js';
export { PAY_CODE_LOCKOUT, type PayCodeLookupRecord, hashPayCode, issuePayCode, lookupPayCode } from './paycode/paycode.js';
export { JOBS_SCHEMA, type QueuedJob, queueJobs } from './queue/queue.js';
export { type MerchantReference, type SettlementTermsRecord, currentTermsOf, setSettlementTerms, openAtStore, termsInForce } from './terms/terms.js';
