/**
 * Growth counts per cycle (docs/programme.md "Tiers"): a calendar year by default, or
 * a quarter or a month, in the coalition time zone, half-open [startsAt,
 * endsAt). Cycle-end tier evaluation and MemberHome's progress both use it.
 */
import { COALITION_TIME_ZONE, monthStart, zonedParts } from '../ledger/index.js';
import type { ProgrammeCycle } from './programme.js';

export interface TierCycle {
  startsAt: Date;
  endsAt: Date;
}

const MONTHS: Record<ProgrammeCycle, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** The first month (1-12) of the cycle holding `month`, and the cycle's length in months. */
function cycleMonths(cycle: ProgrammeCycle, month: number): { first: number; length: number } {
  const length = MONTHS[cycle];
  return { first: month - ((month - 1) % length), length };
}

export function tierCycleOf(at: Date, cycle: ProgrammeCycle, timeZone = COALITION_TIME_ZONE): TierCycle {
  const { year, month } = zonedParts(at, timeZone) as { year: number; month: number };
  const { first, length } = cycleMonths(cycle, month);
  const next = first + length; // 13 at most: January of the next year
  return {
    startsAt: monthStart(year, first, timeZone),
    endsAt: next > 12 ? monthStart(year + 1, next - 12, timeZone) : monthStart(year, next, timeZone),
  };
}
