/**
 * The journal's months (Migration20261206000100, docs/operations.md "The journal's months"): journal transactions and
 * entries are partitioned by their instant, a partition a calendar month in the coalition's time zone. A month is made
 * ahead: at the wallet's start and by a daily job, through MONTHS_AHEAD months after now; and, should a movement meet an
 * instant without its month all the same (a clock moved far ahead in a test, a job that did not run for months), the
 * movement makes it and starts again, so that no movement is refused for want of a partition.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isPostgresError } from '../../../../lib/errors.js';
import { executeSql, sql } from '../../../../lib/sql.js';
import { addCalendarMonths } from './accounting-period.js';

/** How far ahead the months are made: a job that fails for weeks leaves the movements their months. */
export const MONTHS_AHEAD = 3;

/** Makes the journal's months missing from `from`'s through `through`'s; how many it made. */
async function makeJournalMonths(em: EntityManager, from: Date, through: Date, timeZone: string): Promise<number> {
  const rows: { made: number }[] = await executeSql(em, sql`select wallet.make_journal_partitions(${from}, ${through}, ${timeZone}) as made`);
  return rows[0]!.made;
}

/** The months from the one before now's through MONTHS_AHEAD after it, as the start and the daily job make them. */
export function makeMonthsAhead(em: EntityManager, now: Date, timeZone: string): Promise<number> {
  return makeJournalMonths(em, addCalendarMonths(now, -1, timeZone), addCalendarMonths(now, MONTHS_AHEAD, timeZone), timeZone);
}

/** Whether an error is PostgreSQL's refusal of a row whose instant has no partition (SQLSTATE 23514, check_violation). */
export function isMissingMonth(error: unknown): boolean {
  return isPostgresError(error, (e) => e.code === '23514' && /no partition of relation "journal_/.test(String(e.message ?? '')));
}
