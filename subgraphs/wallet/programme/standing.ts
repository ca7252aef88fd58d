/**
 * A member's standing (成长值, tier, paid plan) as a movement finds it and
 * leaves it. Read from the wallet row the ledger has locked, so one database
 * transaction moves value and points, adds growth and applies an upgrade,
 * and the next request sees all of it.
 */
import { executeSql, sql, type Sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HolderRecord, Standing } from '../ledger/index.js';
import { multiplierBps } from './earning.js';
import { tierAt, type ProgrammeRecord } from './programme.js';
import { tierCycleOf } from './tier-cycle.js';
import { endCyclesUpTo, rankReached, tierProgress, upgradeFor, type TierProgress } from './tier-evaluation.js';

export interface PresentStanding {
  rank: number;
  cycleStartsAt: Date;
  cycleGrowth: bigint;
  planCode: string | null;
  planValidUntil: Date | null;
  /** The points multiplier a checkout starting now earns at: the tier's, or a valid plan's if larger. */
  multiplierBps: number;
}

export const planIsValid = (holder: Pick<HolderRecord, 'planValidUntil'>, at: Date) => holder.planValidUntil !== null && holder.planValidUntil > at;
/** The same rule in SQL, over a column of a plan's end (null: no plan). */
export const planValidSql = (validUntil: Sql, at: Date): Sql => sql`coalesce(${validUntil} > ${at}::timestamptz, false)`;

/**
 * The standing at `at`. If the member's cycle ended before the cycle-end job
 * got to it, the job's own statement ends it for this member first.
 */
export async function presentStanding(
  em: EntityManager,
  holder: HolderRecord,
  programme: ProgrammeRecord,
  at: Date,
  timeZone: string,
): Promise<PresentStanding> {
  const cycle = tierCycleOf(at, programme.cycle, timeZone);
  let rank = holder.tierRank;
  let cycleGrowth = holder.cycleGrowth;
  if (holder.cycleStartsAt < cycle.startsAt) {
    if (rank > 0) {
      await endCyclesUpTo(em, programme, at, timeZone, holder.cycleStartsAt, holder.memberId);
      const rows: { tier_rank: number }[] = await executeSql(em, sql`select tier_rank from wallet.wallet where member_id = ${holder.memberId}`);
      rank = rows[0]!.tier_rank;
    }
    cycleGrowth = 0n;
  }
  rank = tierAt(programme, rank).rank;
  let planBps: number | null = null;
  if (planIsValid(holder, at)) {
    const plans: { points_multiplier_bps: number }[] = await executeSql(
      em,
      sql`select points_multiplier_bps from wallet.membership_plan where code = ${holder.planCode}`,
    );
    planBps = plans[0]?.points_multiplier_bps ?? null;
  }
  return {
    rank,
    cycleStartsAt: cycle.startsAt,
    cycleGrowth,
    planCode: holder.planCode,
    planValidUntil: holder.planValidUntil,
    multiplierBps: multiplierBps(tierAt(programme, rank).pointsMultiplierBps, planBps),
  };
}

/**
 * The standing after growth changes by `growthChange` (a refund's is
 * negative): the cycle's growth never goes below zero and the tier never
 * down; a rise reaching a higher threshold upgrades at once, with each
 * tier's gift once per cycle.
 */
export async function standingAfter(
  em: EntityManager,
  memberId: string,
  present: PresentStanding,
  programme: ProgrammeRecord,
  growthChange: bigint,
): Promise<Standing> {
  const after = present.cycleGrowth + growthChange;
  const cycleGrowth = after > 0n ? after : 0n;
  const base = { cycleStartsAt: present.cycleStartsAt, cycleGrowth, planCode: present.planCode, planValidUntil: present.planValidUntil };
  if (growthChange <= 0n || rankReached(programme.tiers, cycleGrowth) <= present.rank) return { ...base, tierRank: present.rank, gifts: [] };
  const gifted: { rank: number }[] = await executeSql(
    em,
    sql`select rank from wallet.tier_gift where member_id = ${memberId} and cycle_starts_at = ${present.cycleStartsAt}`,
  );
  const upgrade = upgradeFor(programme.tiers, present.rank, cycleGrowth, new Set(gifted.map((g) => g.rank)));
  return { ...base, tierRank: upgrade.rank, gifts: upgrade.gifts };
}

/** The points of the gifts a standing gives. */
export const giftPoints = (standing: Standing) => standing.gifts.reduce((sum, g) => sum + g.points, 0n);

export interface TierProgressRecord extends TierProgress {
  cycleStartsAt: Date;
  cycleEndsAt: Date;
}

export interface PaidMembershipRecord {
  planCode: string;
  validUntil: Date;
}

/**
 * What the member app shows of a standing at `at`: this cycle's growth (none
 * yet if the wallet still counts a cycle that ended) and the pace of the
 * last 84 days, from the growth its transactions recorded.
 */
export async function tierProgressOf(
  em: EntityManager,
  wallet: HolderRecord,
  programme: ProgrammeRecord,
  at: Date,
  timeZone: string,
): Promise<TierProgressRecord> {
  const cycle = tierCycleOf(at, programme.cycle, timeZone);
  const cycleGrowth = wallet.cycleStartsAt < cycle.startsAt ? 0n : wallet.cycleGrowth;
  const rows: { growth: string }[] = await executeSql(
    em,
    sql`select coalesce(sum(growth), 0) as growth from wallet.journal_transaction where member_id = ${wallet.memberId} and occurred_at > ${new Date(at.getTime() - 84 * 24 * 3600 * 1000)} and occurred_at <= ${at}`,
  );
  const progress = tierProgress(programme.tiers, tierAt(programme, wallet.tierRank).rank, cycleGrowth, BigInt(rows[0]!.growth), planIsValid(wallet, at));
  return { ...progress, cycleStartsAt: cycle.startsAt, cycleEndsAt: cycle.endsAt };
}

export function paidMembershipOf(wallet: HolderRecord, at: Date): PaidMembershipRecord | null {
  return planIsValid(wallet, at) ? { planCode: wallet.planCode!, validUntil: wallet.planValidUntil! } : null;
}
