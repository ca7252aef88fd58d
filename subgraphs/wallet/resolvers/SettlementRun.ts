import type { SettlementRunResolvers } from '../generated/resolvers.js';
import { positionMatrixOf, positionPageOf } from '../settlement/index.js';
import { oneAnalyticalAtATime } from '../marketing/index.js';

export const SettlementRun: SettlementRunResolvers = {
  statements: (run, _, ctx) => ctx.statementsByRun.load(run.id),
  positions: (run, _, ctx) => ctx.positionsByRun.load(run.id),
  positionPage: (run, args, ctx) => positionPageOf(ctx.em, run.id, args),
  positionMatrix: (run, { top }, ctx) => oneAnalyticalAtATime(ctx, () => positionMatrixOf(ctx.em, run.id, top ?? undefined)),
};
