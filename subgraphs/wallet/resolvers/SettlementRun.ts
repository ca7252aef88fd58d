import type { SettlementRunResolvers } from '../generated/resolvers.js';
import { positionMatrixOf } from '../settlement/position-matrix.js';
import { oneAnalyticalAtATime } from '../analytics/analytical-guard.js';
import { positionPageOf } from '../settlement/position-page.js';

export const SettlementRun: SettlementRunResolvers = {
  statements: (run, _, ctx) => ctx.statementsByRun.load(run.id),
  positions: (run, _, ctx) => ctx.positionsByRun.load(run.id),
  positionPage: (run, args, ctx) => positionPageOf(ctx.em, run.id, args),
  positionMatrix: (run, { top }, ctx) => oneAnalyticalAtATime(ctx, () => positionMatrixOf(ctx.em, run.id, top ?? undefined)),
};
