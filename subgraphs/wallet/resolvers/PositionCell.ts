import { money } from '../../../lib/money.js';
import type { PositionCellResolvers } from '../generated/resolvers.js';

/** A null merchant is the matrix's "others" row or column. */
export const PositionCell: PositionCellResolvers = {
  acquirer: (cell) => (cell.acquirerId ? { id: cell.acquirerId } : null),
  issuer: (cell) => (cell.issuerId ? { id: cell.issuerId } : null),
  amount: (cell) => money(cell.amount),
};
