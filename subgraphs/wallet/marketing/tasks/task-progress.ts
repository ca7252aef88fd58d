/**
 * A member's progress on its tasks (docs/tasks.md "Progress"), counted from the journal in one statement, the one
 * definition that MyTasks shows and an event completes by:
 * - PURCHASES: checkouts paying (stored value and amount due) at least minPaid; SPEND: what they paid;
 * - NEW_MERCHANTS: distinct merchants bought from where the member had never bought before counting started;
 * - REFERRALS: invited members converted;
 * - SIGN_IN_STREAK: consecutive days signed in up to today or yesterday (0 after a missed day), after the window's last
 *   completion (a completion restarts the streak).
 * A checkout refunded in full counts for nothing (partial refunds take nothing back). A merchant's task counts checkouts
 * at its stores and conversions made there, from when the member joined it; HQ's count the coalition's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Fen } from '../../../../lib/money.js';
import { executeSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import { localDay, paidIn, refundedInFull } from '../../ledger/index.js';
import { tierCycleOf, type ProgrammeRecord } from '../../programme/index.js';
import { taskWindowAt, windowStartSql } from './task-window.js';
import { toTask, type TaskKind, type TaskRecord } from './tasks.js';

export interface TaskProgressRecord {
  task: TaskRecord;
  windowStartsAt: Date;
  windowEndsAt: Date | null;
  /** The count toward goal (SPEND: the checkouts counted); the goal once complete in the window. */
  progress: number;
  /** SPEND: what the checkouts paid (the goal amount once complete); null for the other kinds. */
  progressAmount: Fen | null;
  completionsInWindow: number;
  /** The window's latest completion, net of take-backs. */
  completedAt: Date | null;
}

/** Which tasks an event counts for: kinds, and for checkouts and conversions the merchant it happened at. */
export interface TaskEvent {
  kinds: readonly TaskKind[];
  /** The merchant a checkout or a conversion happened at (a merchant's task counts its own); null: a sign-in. */
  merchantId: string | null;
}

interface ProgressRow {
  id: string;
  window_starts_at: Date;
  completions: string;
  last_completed_at: Date | null;
  progress: string;
  amount: string | null;
  [column: string]: unknown;
}

/** The member's active tasks (HQ's, and those of merchants it joined) with their progress at `at`, oldest first. */
async function progressRows(em: EntityManager, memberId: string, at: Date, programme: ProgrammeRecord, timeZone: string, only: Sql): Promise<ProgressRow[]> {
  const windowStart = windowStartSql(at, tierCycleOf(at, programme.cycle, timeZone), timeZone);
  const today = localDay(at, timeZone);
  const tasks = sql`select t.*, ${windowStart} as window_starts_at,
          greatest(${windowStart}, t.active_from, case when t.owner_id is null then '-infinity'::timestamptz else coalesce(m.joined_at, 'infinity') end) as from_at
        from wallet.task t left join wallet.membership m on m.member_id = ${memberId} and m.merchant_id = t.owner_id
        where t.active and t.active_from <= ${at} and (t.active_until is null or t.active_until > ${at})
          and (t.owner_id is null or m.member_id is not null) and ${only}`;
  // The earliest instant a task counts from (a new merchant's: the member's whole history), asked first: given as a value,
  // it lets PostgreSQL plan only the journal's months from there (found in a subquery, every month would be planned).
  const [earliest] = await executeSql<{ from_at: string | Date | null }>(
    em,
    sql`with t as (${tasks}) select min(case when t.kind = 'NEW_MERCHANTS' then '-infinity'::timestamptz else t.from_at end) as from_at from t`,
  );
  if (!earliest || earliest.from_at === null) return [];
  return executeSql(
    em,
    sql`with t as (${tasks}),
      done as (
        select k.task_id, count(*) as n, max(k.completed_at) as last_at, max(nullif(k.occasion, ''))::date as last_day
        from wallet.task_completion k join t on t.id = k.task_id and k.window_starts_at = t.window_starts_at
        where k.member_id = ${memberId} and k.taken_back_by is null group by k.task_id),
      -- The member's purchases and sign-ins, read once, from the earliest window a task counts in: the journal's months
      -- before it are neither planned nor read, and the journal is planned once.
      mine as materialized (
        select j.kind, j.acquirer_id, j.occurred_at, j.sign_in_day, ${trustedSql(paidIn('j'))} as paid,
          j.kind = 'CHECKOUT' and ${trustedSql(refundedInFull('j'))} as refunded_in_full
        from wallet.journal_transaction j
        where j.member_id = ${memberId} and j.kind in ('CHECKOUT', 'SIGN_IN') and j.occurred_at <= ${at}
          and j.occurred_at >= ${earliest.from_at}::timestamptz),
      bought as (select m.acquirer_id, m.occurred_at, m.paid from mine m where m.kind = 'CHECKOUT' and not m.refunded_in_full)
      select t.*, coalesce(done.n, 0) as completions, done.last_at as last_completed_at,
        case t.kind
          when 'PURCHASES' then (select count(*) from bought b where b.occurred_at >= t.from_at and b.paid >= t.min_paid
            and (t.owner_id is null or b.acquirer_id = t.owner_id))
          when 'SPEND' then (select count(*) from bought b where b.occurred_at >= t.from_at and (t.owner_id is null or b.acquirer_id = t.owner_id))
          when 'NEW_MERCHANTS' then (select count(distinct b.acquirer_id) from bought b where b.occurred_at >= t.from_at
            and not exists (select 1 from bought e where e.acquirer_id = b.acquirer_id and e.occurred_at < t.from_at))
          when 'REFERRALS' then (select count(*) from wallet.referral_conversion c where c.inviter_id = ${memberId} and c.taken_back_by is null
            and c.converted_at >= t.from_at and c.converted_at <= ${at} and (t.owner_id is null or c.acquirer_id = t.owner_id))
          else (select count(*) from (
              select s.k, first_value(s.k) over (order by s.d desc) as last_k, max(s.d) over () as last_d
              from (select j.sign_in_day as d, j.sign_in_day - (row_number() over (order by j.sign_in_day))::int as k
                from mine j
                where j.kind = 'SIGN_IN' and j.occurred_at >= t.from_at
                  and (done.last_day is null or j.sign_in_day > done.last_day)) s) i
            where i.k = i.last_k and i.last_d >= ${today}::date - 1)
        end as progress,
        case when t.kind = 'SPEND' then (select coalesce(sum(b.paid), 0) from bought b where b.occurred_at >= t.from_at
          and (t.owner_id is null or b.acquirer_id = t.owner_id)) end as amount
      from t left join done on done.task_id = t.id
      order by t.created_at, t.id`,
  );
}

/**
 * Whether any task may count for the member at all (an active one of HQ's or of a merchant it joined, whatever its
 * kind and dates): a cheap test a movement makes with its holder's lock, so that a member with no tasks costs no
 * progress statement. `memberId`: a bound id or a column.
 */
export const tasksMayCountSql = (memberId: Sql): Sql =>
  sql`exists (select 1 from wallet.task t where t.active
    and (t.owner_id is null or t.owner_id in (select m.merchant_id from wallet.membership m where m.member_id = ${memberId})))`;

const isStreak = (task: TaskRecord) => task.kind === 'SIGN_IN_STREAK';

/** Whether a count reaches the task's goal. */
export const reachesGoal = (task: TaskRecord, progress: number, amount: Fen | null) =>
  task.kind === 'SPEND' ? (amount ?? 0n) >= task.goalAmount! : progress >= task.goal!;

function toProgress(row: ProgressRow, at: Date, programme: ProgrammeRecord, timeZone: string): TaskProgressRecord {
  const task = toTask(row as unknown as Parameters<typeof toTask>[0]);
  const window = taskWindowAt(task, at, tierCycleOf(at, programme.cycle, timeZone), timeZone);
  const completions = Number(row.completions);
  // Once complete in its window a task shows its goal (a streak restarts instead).
  const complete = !isStreak(task) && completions > 0;
  const counted = Number(row.progress);
  const amount = row.amount === null ? null : BigInt(row.amount);
  return {
    task,
    windowStartsAt: new Date(row.window_starts_at),
    windowEndsAt: task.activeUntil !== null && (window.endsAt === null || task.activeUntil < window.endsAt) ? task.activeUntil : window.endsAt,
    progress: complete && task.goal !== null ? task.goal : task.goal !== null ? Math.min(counted, task.goal) : counted,
    progressAmount: task.kind !== 'SPEND' ? null : complete ? task.goalAmount : amount! < task.goalAmount! ? amount : task.goalAmount,
    completionsInWindow: completions,
    completedAt: row.last_completed_at ? new Date(row.last_completed_at) : null,
  };
}

/** MyTasks: every active task the member has, with its progress in the window holding `at`. */
export async function tasksOfMember(
  em: EntityManager,
  memberId: string,
  at: Date,
  programme: ProgrammeRecord,
  timeZone: string,
): Promise<TaskProgressRecord[]> {
  const rows = await progressRows(em, memberId, at, programme, timeZone, sql`true`);
  return rows.map((r) => toProgress(r, at, programme, timeZone));
}

/**
 * The tasks an event reaches the goal of: those it counts for, not complete in their window yet (a streak: each time
 * it reaches its goal). The caller completes them (task-rewards.ts).
 */
export async function tasksReached(
  em: EntityManager,
  memberId: string,
  at: Date,
  programme: ProgrammeRecord,
  timeZone: string,
  event: TaskEvent,
): Promise<{ task: TaskRecord; windowStartsAt: Date }[]> {
  const only =
    event.merchantId === null
      ? sql`t.kind = any(${sqlArray(event.kinds)}::text[])`
      : sql`t.kind = any(${sqlArray(event.kinds)}::text[]) and (t.owner_id is null or t.owner_id = ${event.merchantId}::uuid)`;
  const rows = await progressRows(em, memberId, at, programme, timeZone, only);
  return rows.flatMap((row) => {
    const task = toTask(row as unknown as Parameters<typeof toTask>[0]);
    if (!isStreak(task) && Number(row.completions) > 0) return [];
    if (!reachesGoal(task, Number(row.progress), row.amount === null ? null : BigInt(row.amount))) return [];
    return [{ task, windowStartsAt: new Date(row.window_starts_at) }];
  });
}
