/**
 * How growth moves a member on the tier ladder (docs/programme.md "Tiers"):
 * - up at once, when the cycle's growth reaches a higher threshold: to the
 *   highest tier reached (tiers may be skipped), with the gift of each tier
 *   reached, at most once per tier per member per cycle;
 * - never down during a cycle, refunds included;
 * - at a cycle's end, down exactly one tier if the ending cycle's growth is
 *   below the present tier's threshold, unless a paid plan is valid (in SQL,
 *   endCyclesUpTo, as the job runs it over every member at once).
 * And what the member app shows of it (tier progress, weeks to the next tier).
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NEVER_COUNTED } from '../ledger/index.js';
import type { ProgrammeRecord, TierRecord } from './programme.js';
import { tierCycleOf } from './tier-cycle.js';

export interface Upgrade {
  rank: number;
  /** One per tier reached above the present one whose gift this cycle has not given yet. */
  gifts: { rank: number; points: bigint }[];
}

/** The highest rank whose threshold the growth reaches. */
export function rankReached(tiers: readonly TierRecord[], growth: bigint): number {
  let rank = 0;
  for (const tier of tiers) if (growth >= tier.threshold) rank = tier.rank;
  return rank;
}

/** After growth rises to `cycleGrowth`: the new rank (never lower) and the gifts it brings. */
export function upgradeFor(tiers: readonly TierRecord[], rank: number, cycleGrowth: bigint, giftedThisCycle: ReadonlySet<number>): Upgrade {
  const reached = rankReached(tiers, cycleGrowth);
  if (reached <= rank) return { rank, gifts: [] };
  const gifts = tiers
    .filter((t) => t.rank > rank && t.rank <= reached && !giftedThisCycle.has(t.rank) && t.upgradeGiftPoints > 0n)
    .map((t) => ({ rank: t.rank, points: t.upgradeGiftPoints }));
  return { rank: reached, gifts };
}

/**
 * The rule of a cycle's end, written once here: a member keeps its tier when
 * the ending cycle's growth reaches the tier's threshold or a paid plan is
 * valid at the boundary; otherwise it drops exactly one tier (never below
 * the first). The job applies it in SQL over every member at once
 * (endCycleAt below); test/ledger-properties.test.ts holds that SQL to
 * these two functions, its model deciding each member's tier with them
 * (jobs.test.ts the paid plan's part, worked out by hand).
 */
export function keepsTier(threshold: bigint, cycleGrowth: bigint, planValid: boolean): boolean {
  return planValid || cycleGrowth >= threshold;
}

/** The tier (its rank in `thresholds`) a member holds after its cycle ends, by keepsTier. */
export function rankAfterCycleEnd(thresholds: readonly bigint[], rank: number, cycleGrowth: bigint, planValid: boolean): number {
  const present = Math.min(rank, thresholds.length - 1);
  return present === 0 || keepsTier(thresholds[present]!, cycleGrowth, planValid) ? present : present - 1;
}

/**
 * The cycle's end, for every wallet still counting a cycle that ended at
 * `boundary` (or one before it: no growth in the ending cycle), in one
 * statement: rankAfterCycleEnd above, then the new cycle starts from zero.
 * Run by the job over every member, and also for one member by a movement
 * that finds the member's cycle over before the job got to it.
 * Parameters are bound; returns the members whose tier dropped.
 */
async function endCycleAt(em: EntityManager, programme: ProgrammeRecord, boundary: Date, endingStartsAt: Date, memberId?: string): Promise<number> {
  const thresholds = programme.tiers.map((t) => t.threshold.toString());
  const rows: { dropped: string }[] = await executeSql(
    em,
    sql`with ended as (
       update wallet.wallet w set
         tier_rank = case
           when r.rank = 0 or w.plan_valid_until > ${boundary}::timestamptz
             or (case when w.cycle_starts_at >= ${endingStartsAt}::timestamptz then w.cycle_growth else 0 end) >= (${`{${thresholds.join(',')}}`}::bigint[])[r.rank + 1] then r.rank
           else r.rank - 1 end,
         cycle_growth = 0, cycle_starts_at = ${boundary}::timestamptz
       from (select member_id, least(tier_rank, ${programme.tiers.length - 1}::int) as rank from wallet.wallet) r
       where r.member_id = w.member_id and w.cycle_starts_at < ${boundary}::timestamptz ${memberId ? sql`and w.member_id = ${memberId}` : sql``}
       returning w.member_id, r.rank as from_rank, w.tier_rank as to_rank),
     -- Each drop kept at its boundary, as tier_upgrade keeps the upgrades: who held which tier when (a benefit's entitled members).
     kept as (
       insert into wallet.tier_drop (member_id, dropped_at, from_rank, to_rank)
       select member_id, ${boundary}::timestamptz, from_rank, to_rank from ended where to_rank < from_rank
       on conflict do nothing)
     select count(*) filter (where to_rank < from_rank) as dropped from ended`,
  );
  return Number(rows[0]?.dropped ?? 0);
}

/**
 * Ends every cycle that ended by `at` and that wallets still count, oldest
 * first, so that a hub down across several boundaries catches up on each;
 * idempotent (a wallet already in the present cycle is not touched).
 * `since`: the oldest cycle start still counted (one member's, or the job's
 * minimum). Returns the boundaries ended and the tiers dropped at each.
 */
export async function endCyclesUpTo(
  em: EntityManager,
  programme: ProgrammeRecord,
  at: Date,
  timeZone: string,
  since: Date,
  memberId?: string,
): Promise<{ boundary: Date; dropped: number }[]> {
  const present = tierCycleOf(at, programme.cycle, timeZone);
  const ended: { boundary: Date; dropped: number }[] = [];
  // A wallet that never counted a cycle (since -infinity) has nothing to drop: the present cycle's start is its only boundary.
  let boundary = since > NEVER_COUNTED ? tierCycleOf(since, programme.cycle, timeZone).endsAt : present.startsAt;
  if (boundary > present.startsAt) boundary = present.startsAt;
  for (;;) {
    const endingStartsAt = tierCycleOf(new Date(boundary.getTime() - 1), programme.cycle, timeZone).startsAt;
    ended.push({ boundary, dropped: await endCycleAt(em, programme, boundary, endingStartsAt, memberId) });
    if (boundary.getTime() >= present.startsAt.getTime()) return ended;
    boundary = tierCycleOf(boundary, programme.cycle, timeZone).endsAt;
  }
}

export interface TierProgress {
  growth: bigint;
  keepsTier: boolean;
  nextTier: TierRecord | null;
  growthToNextTier: bigint | null;
  weeksToNextTier: number | null;
}

/**
 * keepsTier: this cycle's growth reaches the present tier's threshold, or a
 * plan is valid. weeksToNextTier = ceil(growthToNextTier × 12 / g12), with
 * g12 the growth of the last 84 days; null when g12 is 0 or at the top.
 */
export function tierProgress(tiers: readonly TierRecord[], rank: number, cycleGrowth: bigint, growthLast84Days: bigint, planValid: boolean): TierProgress {
  const present = tiers[Math.min(rank, tiers.length - 1)]!;
  const nextTier = tiers[present.rank + 1] ?? null;
  const growthToNextTier = nextTier ? (nextTier.threshold > cycleGrowth ? nextTier.threshold - cycleGrowth : 0n) : null;
  const weeksToNextTier =
    growthToNextTier === null || growthLast84Days <= 0n ? null : Number((growthToNextTier * 12n + growthLast84Days - 1n) / growthLast84Days);
  return { growth: cycleGrowth, keepsTier: keepsTier(present.threshold, cycleGrowth, planValid), nextTier, growthToNextTier, weeksToNextTier };
}

/**
 * The cycle-end job: ends, for every member at once, each cycle that ended
 * by `at`, oldest first (a hub down across boundaries catches up on each).
 */
export async function endTierCycles(em: EntityManager, programme: ProgrammeRecord, at: Date, timeZone: string): Promise<{ boundary: Date; dropped: number }[]> {
  const present = tierCycleOf(at, programme.cycle, timeZone);
  const rows: { oldest: Date | null; stale: boolean | null }[] = await executeSql(
    em,
    sql`select min(cycle_starts_at) filter (where cycle_starts_at > '-infinity') as oldest, bool_or(cycle_starts_at < ${present.startsAt}) as stale from wallet.wallet`,
  );
  if (!rows[0]?.stale) return [];
  const oldest = rows[0].oldest ? new Date(rows[0].oldest) : NEVER_COUNTED;
  return em.transactional((tx) => endCyclesUpTo(tx, programme, at, timeZone, oldest < present.startsAt ? oldest : present.startsAt));
}
