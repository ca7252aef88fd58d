/**
 * Accounting periods: calendar months in the coalition time zone, half-open
 * [startsAt, endsAt), which settlement closes one by one; and the period's
 * lock, which keeps value from moving in a period while it is settled.
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../../lib/errors.js';
import { COALITION_TIME_ZONE } from '../../../../lib/time-zone.js';

export { COALITION_TIME_ZONE };

export interface Period {
  label: string;
  year: number;
  month: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/** One formatter per zone: making one costs far more than using it (it showed in the checkout's CPU profile). */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

/** What the zone's clocks show at an instant, read from Intl (the zone database's own answer). */
export function intlZonedParts(at: Date, timeZone: string): Record<string, number> {
  const parts = formatterOf(timeZone).formatToParts(at);
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/**
 * A zone's offset from UTC, in milliseconds, per quarter hour of UTC. Since 1972 every zone's offset is a whole number
 * of quarter hours and every change of it happens at a whole local hour or half hour, so at a whole quarter hour of
 * UTC: the offset at the start of a quarter hour holds through it. Intl answers once per zone and quarter hour, where
 * it answered every call: formatToParts was 3% of the wallet's CPU in a checkout's profile (a movement asks the zone
 * some twenty times: its period, its period's bounds, its tier cycle).
 */
const QUARTER_HOUR_MS = 900_000;
const OFFSETS = new Map<string, number>();
const MAX_OFFSETS = 10_000;
function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${timeZone} ${quarter}`;
  let offset = OFFSETS.get(key);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR_MS;
    const p = intlZonedParts(new Date(start), timeZone);
    offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - start;
    if (OFFSETS.size >= MAX_OFFSETS) OFFSETS.clear();
    OFFSETS.set(key, offset);
  }
  return offset;
}

/** What the zone's clocks show at an instant: year, month, day, hour, minute, second (as intlZonedParts, which a property test holds it to). */
export function zonedParts(at: Date, timeZone: string): Record<string, number> {
  const ms = at.getTime();
  const shown = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: shown.getUTCFullYear(),
    month: shown.getUTCMonth() + 1,
    day: shown.getUTCDate(),
    hour: shown.getUTCHours(),
    minute: shown.getUTCMinutes(),
    second: shown.getUTCSeconds(),
  };
}

/** The UTC instant of local midnight starting the first day of year-month in the zone. */
export function monthStart(year: number, month: number, timeZone: string): Date {
  return localInstant(Date.UTC(year, month - 1, 1), timeZone);
}

/** The UTC instant at which the zone's clocks show `wallClock` (milliseconds, as if UTC). */
function localInstant(wallClock: number, timeZone: string): Date {
  let guess = wallClock;
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    // The zone's clock shows whole seconds; the guess's milliseconds carry over as they are.
    const shownAsUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (((guess % 1000) + 1000) % 1000);
    guess += wallClock - shownAsUtc;
  }
  return new Date(guess);
}

/** The same wall-clock time `months` calendar months later in the zone (Jan 31 + 1 month: Feb 28 or 29). */
export function addCalendarMonths(at: Date, months: number, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const target = new Date(Date.UTC(p.year!, p.month! - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const wallClock = Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(p.day!, lastDay), p.hour!, p.minute!, p.second!, at.getUTCMilliseconds());
  return localInstant(wallClock, timeZone);
}

/** The same wall-clock time `days` calendar days later in the zone (a day is not always 24 hours where clocks change). */
export function addCalendarDays(at: Date, days: number, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  return localInstant(Date.UTC(p.year!, p.month! - 1, p.day! + days, p.hour!, p.minute!, p.second!, at.getUTCMilliseconds()), timeZone);
}

/** The zone's next midnight after an instant. */
export function nextLocalMidnight(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  return localInstant(Date.UTC(p.year!, p.month! - 1, p.day! + 1), timeZone);
}

/** The zone's calendar day of an instant, "2026-12-01". */
export function localDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A month's label ("2026-10") as its period; a bad one is BAD_USER_INPUT naming `field` (the argument it came in). */
export function parsePeriod(label: string, timeZone = COALITION_TIME_ZONE, field = 'period'): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < 2000 || year > 2200) {
    throw userInputError(`${field} must be a month like "2026-10"`, field);
  }
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { label, year, month, startsAt: monthStart(year, month, timeZone), endsAt: monthStart(next[0]!, next[1]!, timeZone), timeZone };
}

export function periodOf(at: Date, timeZone = COALITION_TIME_ZONE): Period {
  const p = zonedParts(at, timeZone);
  return parsePeriod(`${p.year}-${String(p.month).padStart(2, '0')}`, timeZone);
}

/** The advisory lock of a period: (PERIOD_LOCK, yyyymm). Made here only. */
const PERIOD_LOCK = 7001;
const lockKey = (year: number, month: number) => year * 100 + month;

/** yyyymm: the lock key of the period an instant falls in. */
export function periodKey(at: Date, timeZone = COALITION_TIME_ZONE): number {
  const p = zonedParts(at, timeZone);
  return lockKey(p.year!, p.month!);
}

/** The advisory lock (class and key) of the period an instant falls in. */
export const periodLockOf = (at: Date, timeZone = COALITION_TIME_ZONE): readonly [number, number] => [PERIOD_LOCK, periodKey(at, timeZone)];

/**
 * A value movement holds the lock of the period it lands in shared: many move at once. (A movement takes it as it
 * opens, transaction.ts openMovement; this is for work that writes into a period without being a movement.)
 */
export async function lockPeriodShared(em: EntityManager, at: Date, timeZone = COALITION_TIME_ZONE): Promise<void> {
  const [lockClass, key] = periodLockOf(at, timeZone);
  await executeSql(em, sql`select pg_advisory_xact_lock_shared(${lockClass}, ${key})`);
}

/** A settlement run holds its period's lock exclusively: it waits for movements still writing into it and keeps new ones out. */
export async function lockPeriodExclusive(em: EntityManager, period: Period): Promise<void> {
  await executeSql(em, sql`select pg_advisory_xact_lock(${PERIOD_LOCK}, ${lockKey(period.year, period.month)})`);
}
