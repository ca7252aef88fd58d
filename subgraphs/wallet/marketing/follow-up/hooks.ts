/**
 * What follows every movement, declared once: a tier upgrade's gifts and notices (tier-upgrade.ts), the packs and gifts
 * of a plan bought or renewed (benefits/benefit-grants.ts), the tasks an event completes or a full refund takes back
 * (tasks/task-rewards.ts), a budgeted benefit's month checked
 * (benefits/benefit-budget.ts), and the member's follow-up (after-movement.ts: rule tags and event campaigns, beside
 * the request). The ledger calls these from its one movement path (ledger/journal/movement.ts recordMovement); every
 * LedgerDeps carries them, given where the deps are made (the request context, the jobs, the demo's seed), never by a
 * command.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../../lib/sql.js';
import {
  COALITION_TIME_ZONE,
  isRefundedInFull,
  queueJobs,
  type FollowedUp,
  type LedgerDeps,
  type MovementHooks,
  type QueuedJob,
  type TransactionKind,
} from '../../ledger/index.js';
import { programmeInForce } from '../../programme/index.js';
import { budgetCheckJob } from '../benefits/benefit-budget.js';
import { grantOnReaching } from '../benefits/benefit-grants.js';
import { convertReferral, takeBackReferral } from '../referrals/referrals.js';
import { tasksMayCountSql } from '../tasks/task-progress.js';
import { completeTasks, takeBackTaskRewards } from '../tasks/task-rewards.js';
import { followUpJob } from './after-movement.js';
import { afterTierUpgrade } from './tier-upgrade.js';

/**
 * The ledger what follows a movement moves with (a points gift is a movement of its own): the movement's transaction,
 * at the movement's instant, followed by these same hooks.
 */
const ledgerAt = (em: EntityManager, at: Date): LedgerDeps => ({ em, clock: { now: () => at }, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS });

/** The hooks' read of a movement (readAlongside below); a movement read without it (none today) is assumed to have both. */
interface MayFollow {
  tasks: boolean;
  invited: boolean;
}
const mayOf = (alongside: unknown): MayFollow => (alongside ?? { tasks: true, invited: true }) as MayFollow;

/**
 * Whether anything follows a movement in its transaction (afterMovement below), from the hooks' read: the one decision
 * afterMovement and nothingFollows share. A plan's grants and a refund's take-backs always look; a checkout only for a
 * member with an invitation or a task that may count; a sign-in only for a member with a task.
 */
function followsInTransaction(kind: TransactionKind, may: MayFollow): boolean {
  if (kind === 'PLAN_PURCHASE' || kind === 'REFUND') return true;
  if (kind === 'CHECKOUT') return may.invited || may.tasks;
  if (kind === 'SIGN_IN') return may.tasks;
  return false;
}

export const MOVEMENT_HOOKS: MovementHooks = {
  onTierUpgrade: (em, upgrade) => afterTierUpgrade(ledgerAt(em, upgrade.at), upgrade),
  // Read with the holder's lock: whether any task may count for the member, and whether it was invited (a checkout may
  // convert the invitation), so that a checkout of a member with neither spends no statement on them.
  readAlongside: () => sql`json_build_object('tasks', ${tasksMayCountSql(sql`holder.member_id`)}, 'invited', holder.invited_by is not null)`,
  // Nothing follows in the transaction: no upgrade (its gifts and notices) and nothing afterMovement would look at.
  nothingFollows: (kind, alongside, upgraded) => !upgraded && !followsInTransaction(kind, mayOf(alongside)),
  afterMovement: async (em, transaction, alongside) => {
    const may = mayOf(alongside);
    if (!followsInTransaction(transaction.kind, may)) return { tasksCompleted: [], referralConverted: false };
    // A plan bought or renewed gives its benefits' packs and gifts at once, in the purchase's transaction.
    if (transaction.kind === 'PLAN_PURCHASE') {
      const programme = await programmeInForce(em, transaction.occurredAt);
      await grantOnReaching(
        ledgerAt(em, transaction.occurredAt),
        programme,
        transaction.memberId,
        { planCode: transaction.planCode!, purchaseId: transaction.id },
        transaction.occurredAt,
      );
    }
    // Referrals and tasks (docs/tasks.md): a checkout may convert an invitation and complete tasks, a sign-in a streak,
    // and the full refund of a checkout takes back what it earned.
    const ledger = ledgerAt(em, transaction.occurredAt);
    const followed: FollowedUp = { tasksCompleted: [], referralConverted: false };
    if (transaction.kind === 'CHECKOUT' || transaction.kind === 'SIGN_IN' || transaction.kind === 'REFUND') {
      const programme = await programmeInForce(em, transaction.occurredAt);
      const { memberId, id, occurredAt } = transaction;
      if (transaction.kind === 'CHECKOUT') {
        if (may.invited) followed.referralConverted = await convertReferral(ledger, programme, transaction);
        if (may.tasks) {
          followed.tasksCompleted = await completeTasks(ledger, programme, memberId, id, occurredAt, {
            kinds: ['PURCHASES', 'SPEND', 'NEW_MERCHANTS'],
            merchantId: transaction.acquirerId,
          });
        }
      } else if (transaction.kind === 'SIGN_IN') {
        if (may.tasks) {
          followed.tasksCompleted = await completeTasks(ledger, programme, memberId, id, occurredAt, { kinds: ['SIGN_IN_STREAK'], merchantId: null });
        }
      } else if (await isRefundedInFull(em, transaction.refundOf!)) {
        // Only the refund that completes a checkout's refund takes back what it earned: checked once, for both.
        await takeBackReferral(ledger, programme, transaction);
        await takeBackTaskRewards(ledger, programme, transaction);
      }
    }
    return followed;
  },
  // Both beside the request, queued by the movement's write: a budgeted benefit's month checked (benefits/benefit-budget.ts),
  // the member's follow-up.
  jobsAfter: (transaction, upgraded) =>
    [budgetCheckJob(transaction, COALITION_TIME_ZONE), followUpJob(transaction, upgraded)].filter((job): job is QueuedJob => job !== null),
  // A job's range of members moved at once (the points expiry, a benefit's gifts): a budgeted benefit's month checked, once
  // for the range. No member's follow-up: the nightly rebuild of rule tags and the campaigns' hourly pass see them.
  afterBulkMovement: async (em, moved) => {
    const check = budgetCheckJob(moved, COALITION_TIME_ZONE);
    if (check) await queueJobs(em, [check]);
  },
};
