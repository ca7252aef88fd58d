import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import { money } from '../../../lib/money.js';
import { canSeeTaskResults, type TaskRecord } from '../marketing/index.js';
import type { TaskCompletionResolvers, TaskResolvers, TaskRewardResolvers, MemberTaskResolvers, RewardsTakenBackResolvers } from '../generated/resolvers.js';
import type { WalletContext } from '../context.js';
import { optionalMoney } from './money.js';

/** A task's results are its owner's and HQ's; members see the task and its reward. */
async function resultsOf(ctx: WalletContext, task: TaskRecord) {
  if (!canSeeTaskResults(requireClaims(ctx.claims), task)) throw forbidden("A task's results are HQ's and its owner's");
  return ctx.taskResultsById.load(task.id);
}

export const Task: TaskResolvers = {
  goalAmount: (t) => optionalMoney(t.goalAmount),
  minPaid: (t) => money(t.minPaid),
  owner: (t) => (t.ownerId ? { id: t.ownerId } : null),
  reward: (t) => t.reward,
  completions: async (t, _, ctx) => (await resultsOf(ctx, t)).completions,
  members: async (t, _, ctx) => (await resultsOf(ctx, t)).members,
  pointsGranted: async (t, _, ctx) => (await resultsOf(ctx, t)).pointsGranted,
  growthGranted: async (t, _, ctx) => Number((await resultsOf(ctx, t)).growthGranted),
};

export const TaskReward: TaskRewardResolvers = {
  badge: (r, _, ctx) => (r.badgeCode ? ctx.badgeByCode.load(r.badgeCode) : null),
  couponTemplate: (r, _, ctx) => (r.couponTemplateId ? ctx.couponTemplateById.load(r.couponTemplateId) : null),
};

export const MemberTask: MemberTaskResolvers = {
  progressAmount: (p) => optionalMoney(p.progressAmount),
};

export const TaskCompletion: TaskCompletionResolvers = {
  task: async (c, _, ctx) => (await ctx.taskById.load(c.taskId))!,
  growth: (c) => Number(c.growth),
};

export const RewardsTakenBack: RewardsTakenBackResolvers = {
  growth: (r) => Number(r.growth),
};
