/**
 * Tasks (任务, docs/tasks.md): what a member does besides spending, rewarded with growth, points (funded by the owner
 * as campaign points are), a badge or a coupon of the owner's template. Owned by HQ (every member) or a merchant (the
 * members who joined it; purchases at its stores). A task's terms do not change; it is retired (active: false) or given
 * an end, never deleted, so its completions stay.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Claims } from '../../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { checkText, wholeNumber } from '../../../../lib/input-checks.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../../lib/money.js';
import { executeSql, sql, sqlArray } from '../../../../lib/sql.js';
import { checkBadge, defineBadge, type BadgeInput } from '../../programme/index.js';
import { templatesByIds } from '../coupons/coupon-template.js';
import { TASK_WINDOWS, type TaskWindow } from './task-window.js';

export const TASK_KINDS = ['SIGN_IN_STREAK', 'PURCHASES', 'SPEND', 'NEW_MERCHANTS', 'REFERRALS'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** An owner's active tasks at most: each is evaluated at its members' checkouts, so their number bounds a till's work. */
export const MAX_ACTIVE_TASKS = 20;

export interface TaskRewardRecord {
  growth: number;
  points: bigint;
  badgeCode: string | null;
  couponTemplateId: string | null;
}

export interface TaskRecord {
  id: string;
  /** Null: HQ's. */
  ownerId: string | null;
  name: string;
  kind: TaskKind;
  /** A count (checkouts, days, merchants, conversions); null for SPEND. */
  goal: number | null;
  /** SPEND: what the checkouts must pay in all. */
  goalAmount: Fen | null;
  /** PURCHASES: what a checkout must pay to count (0: any). */
  minPaid: Fen;
  window: TaskWindow;
  activeFrom: Date;
  activeUntil: Date | null;
  active: boolean;
  reward: TaskRewardRecord;
  createdAt: Date;
}

export interface TaskInput {
  name: string;
  kind: TaskKind;
  goal?: number | null;
  goalAmount?: MoneyInput | null;
  minPaid?: MoneyInput | null;
  window: TaskWindow;
  activeFrom?: Date | string | null;
  activeUntil?: Date | string | null;
  reward: { growth?: number | null; points?: number | null; badge?: BadgeInput | null; couponTemplateId?: string | null };
}

export interface UpdateTaskInput {
  active?: boolean | null;
  activeUntil?: Date | string | null;
}

interface TaskRow {
  id: string;
  owner_id: string | null;
  name: string;
  kind: TaskKind;
  goal: number | null;
  goal_amount: string | null;
  min_paid: string;
  time_window: TaskWindow;
  active_from: Date;
  active_until: Date | null;
  active: boolean;
  reward_growth: number;
  reward_points: string;
  reward_badge_code: string | null;
  reward_coupon_template_id: string | null;
  created_at: Date;
}

export const toTask = (r: TaskRow): TaskRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  kind: r.kind,
  goal: r.goal,
  goalAmount: r.goal_amount === null ? null : BigInt(r.goal_amount),
  minPaid: BigInt(r.min_paid),
  window: r.time_window,
  activeFrom: new Date(r.active_from),
  activeUntil: r.active_until ? new Date(r.active_until) : null,
  active: r.active,
  reward: {
    growth: r.reward_growth,
    points: BigInt(r.reward_points),
    badgeCode: r.reward_badge_code,
    couponTemplateId: r.reward_coupon_template_id,
  },
  createdAt: new Date(r.created_at),
});

const instantOf = (value: Date | string, field: string): Date => {
  const at = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(at.getTime())) throw userInputError(`${field} must be an instant`, field);
  return at;
};

export async function createTask(em: EntityManager, now: Date, claims: Claims | null, input: TaskInput): Promise<TaskRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const name = checkText(input.name, 'name', 1, 60);
  if (!TASK_KINDS.includes(input.kind)) throw userInputError(`kind must be one of ${TASK_KINDS.join(', ')}`, 'kind');
  const kind = input.kind;
  // The coalition rewards trying its allies; a merchant has no say over purchases elsewhere.
  if (kind === 'NEW_MERCHANTS' && ownerId !== null) throw forbidden('Only HQ sets a NEW_MERCHANTS task');
  if (!TASK_WINDOWS.includes(input.window)) throw userInputError(`window must be one of ${TASK_WINDOWS.join(', ')}`, 'window');
  let goal: number | null = null;
  let goalAmount: Fen | null = null;
  if (kind === 'SPEND') {
    if (input.goal != null) throw userInputError('a SPEND task counts goalAmount, not goal', 'goal');
    goalAmount = parseAmount(input.goalAmount, 'goalAmount');
  } else {
    if (input.goalAmount != null) throw userInputError(`goalAmount is for SPEND tasks; a ${kind} task counts goal`, 'goalAmount');
    if (input.goal == null) throw userInputError(`a ${kind} task needs a goal`, 'goal');
    goal = wholeNumber(input.goal, 'goal', 1, 1000);
  }
  if (input.minPaid != null && kind !== 'PURCHASES') throw userInputError('minPaid is for PURCHASES tasks', 'minPaid');
  const minPaid = input.minPaid != null ? parseAmount(input.minPaid, 'minPaid', { allowZero: true }) : 0n;
  // Counting starts at the task's creation at the earliest (docs/tasks.md): an earlier start is taken as now.
  const given = input.activeFrom != null ? instantOf(input.activeFrom, 'activeFrom') : now;
  const activeFrom = given > now ? given : now;
  const activeUntil = input.activeUntil != null ? instantOf(input.activeUntil, 'activeUntil') : null;
  if (activeUntil !== null && activeUntil <= activeFrom) throw userInputError('activeUntil must be after the task starts', 'activeUntil');

  const reward = input.reward ?? {};
  const growth = wholeNumber(reward.growth ?? 0, 'reward.growth', 0, 100_000);
  const points = BigInt(wholeNumber(reward.points ?? 0, 'reward.points', 0, 10_000_000));
  const badge = reward.badge != null ? checkBadge(reward.badge, 'reward.badge') : null;
  let couponTemplateId: string | null = null;
  if (reward.couponTemplateId != null) {
    couponTemplateId = requireUuid(reward.couponTemplateId, 'reward.couponTemplateId');
    const [template] = await templatesByIds(em, [couponTemplateId]);
    // A task gives its owner's own coupons: their funding is the owner's already.
    if (!template || template.ownerId !== ownerId) throw userInputError("a task's coupon must be of its owner's own templates", 'reward.couponTemplateId');
  }
  if (growth === 0 && points === 0n && badge === null && couponTemplateId === null)
    throw userInputError('a task rewards growth, points, a badge or a coupon', 'reward');

  // The owner's row is the queue for its count of active tasks.
  await lockOwner(em, ownerId);
  await checkActiveCount(em, ownerId);
  if (badge) await defineBadge(em, badge, 'reward.badge', now);
  const id = randomUUID();
  await executeSql(
    em,
    sql`insert into wallet.task (id, owner_id, name, kind, goal, goal_amount, min_paid, time_window, active_from, active_until, reward_growth, reward_points,
       reward_badge_code, reward_coupon_template_id, created_at)
     values (${id}, ${ownerId}, ${name}, ${kind}, ${goal}, ${goalAmount}, ${minPaid}, ${input.window}, ${activeFrom}, ${activeUntil}, ${growth}, ${points},
       ${badge?.code ?? null}, ${couponTemplateId}, ${now})`,
  );
  return {
    id,
    ownerId,
    name,
    kind,
    goal,
    goalAmount,
    minPaid,
    window: input.window,
    activeFrom,
    activeUntil,
    active: true,
    reward: { growth, points, badgeCode: badge?.code ?? null, couponTemplateId },
    createdAt: now,
  };
}

/** HQ's tasks queue on an advisory lock, a merchant's on its row: two creations cannot both pass the count. */
async function lockOwner(em: EntityManager, ownerId: string | null): Promise<void> {
  if (ownerId === null) await executeSql(em, sql`select pg_advisory_xact_lock(7003, 0)`);
  else await executeSql(em, sql`select 1 from wallet.merchant where id = ${ownerId} for update`);
}

async function checkActiveCount(em: EntityManager, ownerId: string | null): Promise<void> {
  const rows: { n: string }[] = await executeSql(
    em,
    sql`select count(*) as n from wallet.task where owner_id is not distinct from ${ownerId}::uuid and active`,
  );
  if (Number(rows[0]!.n) >= MAX_ACTIVE_TASKS)
    throw userInputError(`an owner has at most ${MAX_ACTIVE_TASKS} active tasks: retire one first (active: false)`, 'active');
}

/** HQ changes any task; a merchant its own (another's is FORBIDDEN, whether or not it exists). */
export async function updateTask(em: EntityManager, claims: Claims | null, id: string, input: UpdateTaskInput): Promise<TaskRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const taskId = requireUuid(id, 'id');
  const rows: TaskRow[] = await executeSql(em, sql`select * from wallet.task where id = ${taskId} for update`);
  const current = rows[0] ? toTask(rows[0]) : null;
  if (caller.role === 'MERCHANT' && current?.ownerId !== caller.merchantId) throw forbidden('A merchant changes its own tasks only');
  if (!current) throw notFound('Task');
  const active = input.active ?? current.active;
  const activeUntil = input.activeUntil === undefined ? current.activeUntil : input.activeUntil === null ? null : instantOf(input.activeUntil, 'activeUntil');
  if (activeUntil !== null && activeUntil <= current.activeFrom) throw userInputError('activeUntil must be after the task starts', 'activeUntil');
  if (active && !current.active) {
    await lockOwner(em, current.ownerId);
    await checkActiveCount(em, current.ownerId);
  }
  await executeSql(em, sql`update wallet.task set active = ${active}, active_until = ${activeUntil} where id = ${taskId}`);
  return { ...current, active, activeUntil };
}

export async function tasksByIds(em: EntityManager, ids: readonly string[]): Promise<(TaskRecord | null)[]> {
  const rows: TaskRow[] = await executeSql(em, sql`select * from wallet.task where id = any(${sqlArray(ids)}::uuid[])`);
  const byId = new Map(rows.map((r) => [r.id, toTask(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export const MAX_TASKS_LISTED = 500;

/** The back office's list, oldest first: HQ every task or one merchant's; a merchant its own (another's id is FORBIDDEN). */
export async function tasksFor(em: EntityManager, claims: Claims | null, merchantId: string | null | undefined): Promise<TaskRecord[]> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const named = merchantId != null ? requireUuid(merchantId, 'merchantId') : null;
  if (caller.role === 'MERCHANT' && named !== null && named !== caller.merchantId) throw forbidden("A merchant sees its own tasks, not another's");
  const filter = caller.role === 'HQ' ? sql`${named}::uuid is null or owner_id = ${named}::uuid` : sql`owner_id = ${caller.merchantId}::uuid`;
  const rows: TaskRow[] = await executeSql(em, sql`select * from wallet.task where ${filter} order by created_at, id limit ${MAX_TASKS_LISTED}`);
  return rows.map(toTask);
}

/** One task by id: HQ any; a merchant its own (another's is FORBIDDEN, whether or not it exists). */
export async function taskFor(em: EntityManager, claims: Claims | null, id: string): Promise<TaskRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const [task] = await tasksByIds(em, [requireUuid(id, 'id')]);
  if (caller.role === 'MERCHANT' && task?.ownerId !== caller.merchantId) throw forbidden("A merchant sees its own tasks, not another's");
  if (!task) throw notFound('Task');
  return task;
}

/** Whether the caller may see a task's results and reward terms beyond what its members see: HQ and the owner. */
export const canSeeTaskResults = (claims: Claims, task: TaskRecord) =>
  claims.role === 'HQ' || (claims.role === 'MERCHANT' && claims.merchantId === task.ownerId);

export interface TaskResultsRecord {
  completions: number;
  members: number;
  pointsGranted: bigint;
  growthGranted: bigint;
}

/** Each task's completions net of take-backs, the distinct members who hold one, and the points and growth they gave. */
export async function taskResultsByIds(em: EntityManager, ids: readonly string[]): Promise<TaskResultsRecord[]> {
  const rows: { task_id: string; completions: string; members: string; points: string; growth: string }[] = await executeSql(
    em,
    sql`select task_id, count(*) as completions, count(distinct member_id) as members, coalesce(sum(points), 0) as points, coalesce(sum(growth), 0) as growth
     from wallet.task_completion where task_id = any(${sqlArray(ids)}::uuid[]) and taken_back_by is null group by task_id`,
  );
  const byId = new Map(rows.map((r) => [r.task_id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return {
      completions: Number(r?.completions ?? 0),
      members: Number(r?.members ?? 0),
      pointsGranted: BigInt(r?.points ?? 0),
      growthGranted: BigInt(r?.growth ?? 0),
    };
  });
}
