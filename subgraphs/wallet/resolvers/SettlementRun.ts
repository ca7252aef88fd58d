import type { SettlementRunResolvers } from '../generated/resolvers.js';

export const SettlementRun: SettlementRunResolvers = {
  statements: (run, _, ctx) => ctx.statementsByRun.load(run.id),
  positions: (run, _, ctx) => ctx.positionsByRun.load(run.id),
};
