/**
 * A task's window (docs/tasks.md "Windows"), the one definition: ONCE is ever, from the task's start; MONTH the
 * calendar month and CYCLE the tier cycle, in the coalition time zone. What counts toward a window counts from its
 * start or the task's start, whichever is later, and, for a merchant's task, from when the member joined the merchant:
 * a merchant's task counts what happens while the member is joined to it.
 */
import { sql, type Sql } from '../../../../lib/sql.js';
import { periodOf } from '../../ledger/index.js';
import type { TierCycle } from '../../programme/index.js';

export const TASK_WINDOWS = ['ONCE', 'MONTH', 'CYCLE'] as const;
export type TaskWindow = (typeof TASK_WINDOWS)[number];

export interface WindowSpan {
  /** What the window's completions are keyed by: the window's own start (ONCE: the task's start). */
  startsAt: Date;
  /** Null: ONCE, with no end but the task's. */
  endsAt: Date | null;
}

/** The window holding `at`; `cycle` is the tier cycle holding it. */
export function taskWindowAt(task: { window: TaskWindow; activeFrom: Date }, at: Date, cycle: TierCycle, timeZone: string): WindowSpan {
  if (task.window === 'ONCE') return { startsAt: task.activeFrom, endsAt: null };
  if (task.window === 'CYCLE') return { startsAt: cycle.startsAt, endsAt: cycle.endsAt };
  const month = periodOf(at, timeZone);
  return { startsAt: month.startsAt, endsAt: month.endsAt };
}

/**
 * The same in SQL, for the statement that counts every task of a member at once (task-progress.ts): the start of the
 * window holding `at` for a row of `wallet.task t`. Written from taskWindowAt's cases; test/unit/task-rules.test.ts
 * holds the two to each other.
 */
export function windowStartSql(at: Date, cycle: TierCycle, timeZone: string): Sql {
  const month = periodOf(at, timeZone).startsAt;
  return sql`(case t.time_window when 'ONCE' then t.active_from when 'MONTH' then ${month}::timestamptz else ${cycle.startsAt}::timestamptz end)`;
}
