import type { SettlementRunResolvers } from '../generated/resolvers.js';
import { positionMatrixOf, positionPageOf, positionsOfRuns, statementsOfRuns } from '../settlement/index.js';
import { oneAnalyticalAtATime } from '../marketing/index.js';
import { databaseAsOf } from './read-from.js';

/**
 * A run read as a report (Query.settlement) reads its statements and positions where it was read (resolvers/read-from.ts),
 * or on the primary if that replica has gone since; one a mutation returns, on the primary through the request's loaders.
 */
export const SettlementRun: SettlementRunResolvers = {
  databaseAsOf,
  statements: async (run, _, ctx) => {
    if (!run.read) return ctx.statementsByRun.load(run.id);
    const [statements] = await ctx.readAgain(run.read, (em) => statementsOfRuns(em, [run.id]));
    return statements!.map((statement) => ({ ...statement, read: run.read }));
  },
  positions: async (run, _, ctx) => (run.read ? (await ctx.readAgain(run.read, (em) => positionsOfRuns(em, [run.id])))[0]! : ctx.positionsByRun.load(run.id)),
  positionPage: (run, args, ctx) => ctx.readAgain(run.read, (em) => positionPageOf(em, run.id, args)),
  positionMatrix: (run, { top }, ctx) => oneAnalyticalAtATime(ctx, () => ctx.readAgain(run.read, (em) => positionMatrixOf(em, run.id, top ?? undefined))),
};
