import type { PositionMatrixResolvers } from '../generated/resolvers.js';

export const PositionMatrix: PositionMatrixResolvers = {
  acquirers: (matrix) => matrix.acquirerIds.map((id) => ({ id })),
  issuers: (matrix) => matrix.issuerIds.map((id) => ({ id })),
};
