/**
 * Records as a report read them (lib/read-replica.ts): a settlement run read on the read replica carries where it was
 * read, so that its statements and positions are read from the same database, and every answer (a run, a statement, a
 * benefit's or a tier's month) says up to which instant that database held every commit (`databaseAsOf`). A record a mutation returns carries none: it was made on
 * the primary, and its fields read there.
 */
import type { Clock } from '../../../lib/clock.js';
import type { ReportRead } from '../../../lib/read-replica.js';
import type { BenefitUsageRecord, TierBenefitCostRecord } from '../marketing/index.js';
import type { SettlementRunRecord, StatementRecord } from '../settlement/index.js';

export type ReadFrom<T> = T & { read?: ReportRead };
export type SettlementRunAnswer = ReadFrom<SettlementRunRecord>;
export type StatementAnswer = ReadFrom<StatementRecord>;
export type BenefitUsageAnswer = ReadFrom<BenefitUsageRecord>;
export type TierBenefitCostAnswer = ReadFrom<TierBenefitCostRecord>;

/** The `databaseAsOf` of an answer: where a report read it, else (made by a mutation, on the primary) the answer's own instant. */
export const databaseAsOf = (answer: { read?: ReportRead }, _args: unknown, ctx: { clock: Clock }): Date => answer.read?.asOf ?? ctx.clock.now();
