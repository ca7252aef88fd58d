/**
 * How growth moves a member on the tier ladder (DESIGN "Tiers"):
 * - up at once, when the cycle's growth reaches a higher threshold: to the
 *   highest tier reached (tiers may be skipped), with the gift of each tier
 *   reached, at most once per tier per member per cycle;
 * - never down during a cycle, refunds included;
 * - at a cycle's end, down exactly one tier if the ending cycle's growth is
 *   below the present tier's threshold, unless a paid plan is valid.
 * And what the member app shows of it (tier progress, weeks to the next tier).
 */
import type { TierRecord } from './programme.js';

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

/** The rank the next cycle starts at. */
export function rankAfterCycle(tiers: readonly TierRecord[], rank: number, endingCycleGrowth: bigint, planValid: boolean): number {
  const present = tiers[Math.min(rank, tiers.length - 1)]!;
  if (rank === 0 || planValid || endingCycleGrowth >= present.threshold) return Math.min(rank, tiers.length - 1);
  return present.rank - 1;
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
  const weeksToNextTier = growthToNextTier === null || growthLast84Days <= 0n ? null : Number((growthToNextTier * 12n + growthLast84Days - 1n) / growthLast84Days);
  return { growth: cycleGrowth, keepsTier: planValid || cycleGrowth >= present.threshold, nextTier, growthToNextTier, weeksToNextTier };
}
