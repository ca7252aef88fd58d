/**
 * Completing a task and taking a completion back (docs/tasks.md "Rewards"), in the transaction of the event that
 * completes it or of the full refund that undoes it:
 * - the completion row, at most one live per member per window (a streak: per day), held by a unique index;
 * - its points and growth as a TASK_REWARD movement through the ledger's one path (points funded by the task's owner as
 *   campaign points are; growth may upgrade, with the tier's gifts), its badge, and a coupon of the owner's template
 *   within the template's budget and validity;
 * - the owner's TASK_COMPLETED webhook.
 * A full refund of the completing checkout takes the completion back: a REWARD_TAKEN_BACK movement takes its points
 * (the balance may go negative) and its growth (never below zero in the cycle, the tier never down; gifts it caused
 * stay), voids its coupon if unused, and leaves the badge.
 */
import { randomUUID } from 'node:crypto';
import { executeSql, sql } from '../../../../lib/sql.js';
import {
  NO_DETAILS,
  instantsOf,
  localDay,
  recordMovement,
  termsInForce,
  type CompletedTask,
  type LedgerDeps,
  type Posting,
  type TransactionRecord,
  lockPointsLots,
  transactionsByIds,
} from '../../ledger/index.js';
import {
  PointsPurse,
  awardBadge,
  earningYearCredit,
  earningYearOf,
  giftPoints,
  memberPointsPostings,
  presentStanding,
  standingAfter,
  type ProgrammeRecord,
} from '../../programme/index.js';
import { campaignFunding } from '../campaigns/campaign-points.js';
import { issueToSelection, validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate } from '../coupons/coupon-template.js';
import { queueDeliveries } from '../webhooks/webhooks.js';
import { tasksReached, type TaskEvent } from './task-progress.js';
import type { TaskRecord } from './tasks.js';

/**
 * Completes every task the event reaches the goal of, for the member it happened to; the completions, as
 * completionsOfEvent lists them (all share the event's instant: by their ids).
 */
export async function completeTasks(
  ledger: LedgerDeps,
  programme: ProgrammeRecord,
  memberId: string,
  eventTransactionId: string,
  at: Date,
  event: TaskEvent,
): Promise<TaskCompletionRecord[]> {
  const reached = await tasksReached(ledger.em, memberId, at, programme, ledger.timeZone, event);
  const completed: (TaskCompletionRecord & { id: string })[] = [];
  for (const { task, windowStartsAt } of reached) {
    const completion = await completeTask(ledger, programme, memberId, task, windowStartsAt, eventTransactionId, at);
    if (completion) completed.push(completion);
  }
  return completed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ taskId, points, growth }) => ({ taskId, points, growth }));
}

async function completeTask(
  ledger: LedgerDeps,
  programme: ProgrammeRecord,
  memberId: string,
  task: TaskRecord,
  windowStartsAt: Date,
  eventTransactionId: string,
  at: Date,
): Promise<(TaskCompletionRecord & { id: string }) | null> {
  const { em } = ledger;
  const id = randomUUID();
  const occasion = task.kind === 'SIGN_IN_STREAK' ? localDay(at, ledger.timeZone) : '';
  const { growth, points, badgeCode, couponTemplateId } = task.reward;
  const inserted: { id: string }[] = await executeSql(
    em,
    sql`insert into wallet.task_completion (id, task_id, member_id, window_starts_at, occasion, completed_at, event_transaction_id, points, growth, badge_code)
     values (${id}, ${task.id}, ${memberId}, ${windowStartsAt}, ${occasion}, ${at}, ${eventTransactionId}, ${points}, ${growth}, ${badgeCode})
     on conflict do nothing returning id`,
  );
  if (inserted.length === 0) return null;

  let rewardTransactionId: string | null = null;
  if (points > 0n || growth > 0) {
    rewardTransactionId = await recordMovement(
      ledger,
      {
        operation: 'taskReward',
        caller: { role: 'HQ', subject: `task:${task.id}` },
        idempotencyKey: `task:${id}`,
        input: { taskId: task.id, memberId, completionId: id },
      },
      {
        replay: async (_, prior) => prior.id,
        prepare: async () => ({ memberId }),
        async plan(tx, _prepared, holder) {
          const present = await presentStanding(tx, holder, programme, at, ledger.timeZone);
          const standing = await standingAfter(tx, holder.memberId, present, programme, BigInt(growth));
          const gifts = giftPoints(standing);
          const member = earningYearCredit(holder, points + gifts, at, ledger.timeZone);
          const postings: Posting[] = [];
          if (points > 0n) {
            const earnCost = task.ownerId === null ? null : (await termsInForce(tx, task.ownerId, at)).earnCostPer100Points;
            postings.push(campaignFunding(task.ownerId, points, earnCost));
          }
          if (gifts > 0n) postings.push({ account: 'POINTS_GRANTED', merchantId: null, lotId: null, amount: gifts });
          return {
            header: { ...NO_DETAILS, kind: 'TASK_REWARD', pointsEarned: points, growth: standing.cycleGrowth - present.cycleGrowth },
            postings: [...postings, ...member.postings],
            earningYearLot: member.earningYearLot,
            standing,
          };
        },
        answer: (transaction) => transaction.id,
      },
    );
  }
  if (badgeCode) await awardBadge(em, memberId, badgeCode, at);
  let couponId: string | null = null;
  if (couponTemplateId) {
    const template = await lockTemplate(em, couponTemplateId);
    if (template && template.issued < template.budget && validityOf(template, at).validUntil > at) {
      couponId = (await issueToSelection(em, template, sql`select ${memberId}::uuid as member_id`, 'TASK', at)).couponIds[0] ?? null;
    }
  }
  await executeSql(em, sql`update wallet.task_completion set reward_transaction_id = ${rewardTransactionId}, coupon_id = ${couponId} where id = ${id}`);
  await queueDeliveries(
    em,
    at,
    'TASK_COMPLETED',
    sql`select ${task.ownerId}::uuid as owner_id, jsonb_build_object('memberId', ${memberId}::text, 'taskId', ${task.id}::text, 'taskName', ${task.name}::text,
      'completedAt', ${at.toISOString()}::text, 'points', ${points}::bigint, 'growth', ${growth}::int, 'badge', ${badgeCode}::text, 'couponId', ${couponId}::text) as payload`,
  );
  return { id, taskId: task.id, points, growth: BigInt(growth) };
}

interface CompletionRow {
  id: string;
  task_id: string;
  member_id: string;
  owner_id: string | null;
  points: string;
  growth: string;
  reward_transaction_id: string | null;
  coupon_id: string | null;
}

/**
 * Takes back the completions a checkout made, `refund` having completed its refund in full (the caller checks:
 * isRefundedInFull): the members' in member-id order. Returns how many it took back.
 */
export async function takeBackTaskRewards(ledger: LedgerDeps, programme: ProgrammeRecord, refund: TransactionRecord): Promise<number> {
  const { em } = ledger;
  const at = refund.occurredAt;
  const completions: CompletionRow[] = await executeSql(
    em,
    sql`select k.id, k.task_id, k.member_id, t.owner_id, k.points, k.growth, k.reward_transaction_id, k.coupon_id
     from wallet.task_completion k join wallet.task t on t.id = k.task_id
     where k.event_transaction_id = ${refund.refundOf} and k.taken_back_by is null
     order by k.member_id, k.id for update of k`,
  );
  if (completions.length === 0) return 0;
  for (const c of completions) {
    const points = BigInt(c.points);
    const growth = BigInt(c.growth);
    const takeBack =
      c.reward_transaction_id && (points > 0n || growth > 0n)
        ? await takeBackReward(ledger, programme, {
            memberId: c.member_id,
            ownerId: c.owner_id,
            points,
            growth,
            rewardTransactionId: c.reward_transaction_id,
            key: `take-back:${c.id}`,
            at,
          })
        : null;
    const voided: unknown[] = c.coupon_id
      ? await executeSql(
          em,
          sql`update wallet.coupon set voided_at = ${at} where id = ${c.coupon_id} and redemptions = restorations and voided_at is null returning id`,
        )
      : [];
    await executeSql(
      em,
      sql`update wallet.task_completion set taken_back_by = ${refund.id}, taken_back_at = ${at}, take_back_transaction_id = ${takeBack},
        coupon_voided = ${voided.length > 0} where id = ${c.id}`,
    );
  }
  return completions.length;
}

/**
 * One reward's points and growth taken back (REWARD_TAKEN_BACK): the points from the lot the reward credited first
 * (the balance may go negative), their funding reversed at the rate it was given at, the growth out of the cycle.
 */
export async function takeBackReward(
  ledger: LedgerDeps,
  programme: ProgrammeRecord,
  reward: { memberId: string; ownerId: string | null; points: bigint; growth: bigint; rewardTransactionId: string; key: string; at: Date },
): Promise<string> {
  const { at } = reward;
  return recordMovement(
    ledger,
    {
      operation: 'rewardTakenBack',
      caller: { role: 'HQ', subject: `reward:${reward.rewardTransactionId}` },
      idempotencyKey: reward.key,
      input: { rewardTransactionId: reward.rewardTransactionId },
    },
    {
      replay: async (_, prior) => prior.id,
      prepare: async () => ({ memberId: reward.memberId }),
      async plan(tx, _prepared, holder) {
        const rewardedAt = (await instantsOf(tx, [reward.rewardTransactionId])).get(reward.rewardTransactionId);
        const lines: { account: string; points_lot_id: string | null; points_rate: number | null; amount: string }[] = await executeSql(
          tx,
          sql`select account, points_lot_id, points_rate, amount from wallet.journal_entry where transaction_id = ${reward.rewardTransactionId}
            and occurred_at = ${rewardedAt ?? null}::timestamptz`,
        );
        const creditedLot = lines.find((l) => l.account === 'MEMBER_POINTS' && BigInt(l.amount) < 0n)?.points_lot_id ?? null;
        const postings: Posting[] = [];
        const purse = new PointsPurse(
          reward.points > 0n ? await lockPointsLots(tx, holder.memberId, creditedLot ? [String(creditedLot)] : []) : [],
          holder.pointsBalance,
          at,
        );
        if (reward.points > 0n) {
          purse.takeBack(reward.points, creditedLot === null ? null : String(creditedLot));
          const rate = lines.find((l) => l.account === 'POINTS_EARNED')?.points_rate ?? null;
          postings.push(campaignFunding(reward.ownerId, -reward.points, rate));
        }
        const present = await presentStanding(tx, holder, programme, at, ledger.timeZone);
        const standing = await standingAfter(tx, holder.memberId, present, programme, -reward.growth);
        const member = memberPointsPostings(purse, earningYearOf(at, ledger.timeZone));
        return {
          header: { ...NO_DETAILS, kind: 'REWARD_TAKEN_BACK', pointsTakenBack: reward.points, growth: standing.cycleGrowth - present.cycleGrowth },
          postings: [...postings, ...member.postings],
          earningYearLot: member.earningYearLot,
          standing,
        };
      },
      answer: (transaction) => transaction.id,
    },
  );
}

export interface RewardsTakenBackRecord {
  points: bigint;
  growth: bigint;
  couponsVoided: number;
}

/** What a refund took back from the member refunded: its task rewards' and its referral reward's points and growth, and coupons voided. */
export async function rewardsTakenBackBy(em: LedgerDeps['em'], refund: { id: string; memberId: string }): Promise<RewardsTakenBackRecord> {
  const back: { tx: string | null; coupon_voided: boolean }[] = await executeSql(
    em,
    sql`select take_back_transaction_id as tx, coupon_voided from wallet.task_completion where taken_back_by = ${refund.id} and member_id = ${refund.memberId}
        union all select invitee_take_back_transaction_id, false from wallet.referral_conversion where taken_back_by = ${refund.id} and invitee_id = ${refund.memberId}`,
  );
  // The take-backs' own transactions, each read in its month (transactionsByIds).
  const takenBack = await transactionsByIds(
    em,
    back.flatMap((b) => (b.tx ? [b.tx] : [])),
  );
  return {
    points: takenBack.reduce((sum, t) => sum - (t?.pointsChange ?? 0n), 0n),
    growth: takenBack.reduce((sum, t) => sum - (t?.growth ?? 0n), 0n),
    couponsVoided: back.filter((b) => b.coupon_voided).length,
  };
}

/** A completion as a movement's answer reports it (the ledger's CompletedTask) and the graph shows it. */
export type TaskCompletionRecord = CompletedTask;

/** The completions an event made for the member it happened to (a checkout's tasksCompleted), first completed first. */
export async function completionsOfEvent(em: LedgerDeps['em'], event: { id: string; memberId: string }): Promise<TaskCompletionRecord[]> {
  const rows: { task_id: string; points: string; growth: string }[] = await executeSql(
    em,
    sql`select task_id, points, growth from wallet.task_completion where event_transaction_id = ${event.id} and member_id = ${event.memberId}
     order by completed_at, id`,
  );
  return rows.map((r) => ({ taskId: r.task_id, points: BigInt(r.points), growth: BigInt(r.growth) }));
}
