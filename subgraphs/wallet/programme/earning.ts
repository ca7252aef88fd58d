/**
 * What a checkout earns (docs/programme.md "Growth value", "Points"), in whole units,
 * rounded down: `paid` is what the member paid in fen (stored value plus
 * amount due; not the coupon's discount or the points' value).
 *   growth = floor(paid × growthPerYuan / 100)
 *   points = floor(paid × pointsPerYuan(A) × multiplierBps / (100 × 10000))
 * and what burned points are worth: points × 100 / pointsPerYuanBurn fen,
 * which must be whole.
 */
import type { Fen } from '../../../lib/money.js';

export function growthEarned(paid: Fen, growthPerYuan: number): bigint {
  return paid <= 0n ? 0n : (paid * BigInt(growthPerYuan)) / 100n;
}

export function pointsEarned(paid: Fen, pointsPerYuan: number, multiplierBps: number): bigint {
  return paid <= 0n ? 0n : (paid * BigInt(pointsPerYuan) * BigInt(multiplierBps)) / 1_000_000n;
}

/**
 * What a campaign's multiplier adds to a checkout's points: the points at
 * the member's multiplier times the campaign's, less those the member
 * earns anyway, both rounded down:
 *   floor(paid × pointsPerYuan × multiplierBps × campaignBps / (100 × 10000 × 10000)) − points
 */
export function campaignExtraPoints(paid: Fen, pointsPerYuan: number, multiplierBps: number, campaignBps: number): bigint {
  if (paid <= 0n) return 0n;
  const multiplied = (paid * BigInt(pointsPerYuan) * BigInt(multiplierBps) * BigInt(campaignBps)) / 10_000_000_000n;
  return multiplied - pointsEarned(paid, pointsPerYuan, multiplierBps);
}

/** The multiplier applied: the larger of the tier's and a valid plan's. */
export function multiplierBps(tierBps: number, planBps: number | null): number {
  return planBps !== null && planBps > tierBps ? planBps : tierBps;
}

/** The fen a number of points is worth at checkout, or null if not a whole number of fen. */
export function pointsValue(points: bigint, pointsPerYuanBurn: number): Fen | null {
  const scaled = points * 100n;
  const rate = BigInt(pointsPerYuanBurn);
  return scaled % rate === 0n ? scaled / rate : null;
}
