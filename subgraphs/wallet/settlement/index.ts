/**
 * Settlement: the month's run, statements and positions, and the ledger verifier. Built on the ledger and the
 * programme (README.md).
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { type PositionCellRecord, type PositionMatrixRecord, positionMatrixOf } from './position-matrix.js';
export { positionPageOf } from './position-page.js';
export {
  type PositionRecord,
  type SettlementRunRecord,
  type StatementRecord,
  type TotalsRecord,
  finalizeSettlement,
  positionsOfRuns,
  runSettlement,
  settlementOfPeriod,
  statementOfMerchant,
  statementsOfRuns,
} from './settlement.js';
export { type LedgerCheck, verifyLedger } from './verifier.js';
