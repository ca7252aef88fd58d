/**
 * Tasks (任务) and badges (勋章), issue 24, docs/tasks.md. December 2026 (Monday the 7th on), coalition time zone; Brand
 * A (issues and accepts), allies B and C; default rates (1 point and 1 growth per ¥1 paid, sign-in 5 growth 10 points).
 * The hub is its own: sign-in streaks need the clock to move across days.
 *
 *   HQ's 连签三天 (SIGN_IN_STREAK 3, MONTH; 30 points, badge STREAK3): 张三 signs in on the 7th and 8th, misses the 9th
 *   (MyTasks shows 0 on the 10th), signs in on the 10th, 11th, 12th: complete (30 points from POINTS_GRANTED, the badge);
 *   the streak restarts and the 13th, 14th, 15th complete it again: two completions in the window, the badge held once.
 *
 *   A's 满两单 (PURCHASES 2 of at least ¥20, MONTH; 50 growth, 40 points funded by A at its earning cost, a ¥5 coupon of A's):
 *   ¥25 at A counts, ¥10 at A does not, ¥18 at B does not (A's task counts A's stores), ¥30 at A completes it in its own
 *   transaction (tasksCompleted). Refunding ¥10 of the ¥30 takes nothing back; refunding the other ¥20 (the whole order)
 *   takes back the 40 points, the 50 growth and the unused coupon (rewardsTakenBack), and the task is open again (1 of 2);
 *   ¥22 at A completes it again and rewards again.
 *
 *   HQ's 尝鲜联盟 (NEW_MERCHANTS 2, ONCE; 100 points): created after 张三 bought at A and B, so only C and a fourth merchant
 *   D count; a checkout at A or B does nothing toward it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, fieldOf, graphql, ok } from './support/graphql.js';
import {
  authenticate,
  memberWithSession,
  newPhone,
  setUpMerchant,
  setUpThreeMerchants,
  type MemberWithSession,
  type SetUpMerchant,
  type ThreeMerchants,
} from './support/coalition.js';
import { ledgerViolations, withDatabase } from './support/ledger.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { until } from './support/wait.js';
import { refreshAnalytics } from './support/analytics.js';

let hub: TestHub;
let A: SetUpMerchant;
let B: SetUpMerchant;
let C: SetUpMerchant;
let tokens: ThreeMerchants['tokens'];
let member: MemberWithSession;
let receiver: WebhookReceiver;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;

const TASK_FIELDS = `id name kind goal goalAmount { amount } minPaid { amount } window activeFrom activeUntil active owner { id }
  reward { growth points badge { code name } couponTemplate { id } }`;
const CREATE = `mutation($input: TaskInput!) { createTask(input: $input) { task { ${TASK_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { task { id active activeUntil } } }`;
const RESULTS = `query($id: ID!) { task(id: $id) { id name completions members pointsGranted growthGranted } }`;
const MY_TASKS = `query { me { id tasks { task { id name kind goal } windowEndsAt progress progressAmount { amount } completionsInWindow completedAt }
  badges { badge { code name description } awardedAt } points { balance } tierProgress { growth } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { transaction { id } pointsEarned growthEarned tasksCompleted { task { id name } points growth } } }`;
const REFUND = `mutation($input: RefundInput!) { refund(input: $input) { growthTakenBack pointsTakenBack rewardsTakenBack { points growth couponsVoided } } }`;

const createTask = (input: Record<string, unknown>, token: string) => graphql(url(), CREATE, { input }, token);
const myTasks = async () => ok(await graphql(url(), MY_TASKS, {}, member.session)).me;
const taskOf = async (id: string) => (await myTasks()).tasks.find((t: { task: { id: string } }) => t.task.id === id);
const signIn = async () => ok(await contract(url(), 'SignIn', {}, member.session));
/** The clock to 9:00 on a day; every token is issued again (they last less than a day). */
const day = async (date: string) => {
  await hub.moveClockTo(`${date}T09:00:00+08:00`);
  await member.renewSession();
  tokens.HQ = await authenticate(url(), hub.hq);
  tokens.MERCHANT = await authenticate(url(), A.backOffice);
  tokens.OTHER_MERCHANT = await authenticate(url(), B.backOffice);
  tokens.TERMINAL = await authenticate(url(), A.stores[0]!.terminal);
};
let keys = 0;
const buy = async (store: SetUpMerchant['stores'][number], till: string, amount: string) =>
  ok(
    await graphql(
      url(),
      CHECKOUT,
      { input: { payCode: await member.payCode(), storeId: store.id, orderAmount: m(amount), storedValue: m('0'), idempotencyKey: `k${++keys}` } },
      till,
    ),
  ).checkout;
const refund = async (transactionId: string, amount: string, till: string) =>
  ok(await graphql(url(), REFUND, { input: { transactionId, orderAmount: m(amount), idempotencyKey: `r${++keys}` } }, till)).refund;

beforeAll(async () => {
  // TASK_COMPLETED is heard on this machine's loopback, which a production hub refuses (webhooks.ts).
  hub = await startTestHub({ now: '2026-12-07T09:00:00+08:00', env: { UNICARD_WEBHOOK_ALLOW_PRIVATE: '1' } });
  receiver = await startWebhookReceiver();
  ({ A, B, C, tokens } = await setUpThreeMerchants(url(), hub.hq));
  member = await memberWithSession(url, A, '张三');
});
afterAll(async () => Promise.all([hub?.stop(), receiver?.close()]));

describe('creating tasks', () => {
  it('names the field of bad input and creates nothing; NEW_MERCHANTS is HQ’s; a badge code means one badge', async () => {
    const base = { name: '任务', kind: 'PURCHASES', goal: 2, window: 'MONTH', reward: { points: 10 } };
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ ...base, goal: undefined }, 'BAD_USER_INPUT', 'goal'],
      [{ ...base, goal: 0 }, 'BAD_USER_INPUT', 'goal'],
      [{ ...base, goalAmount: m('10.00') }, 'BAD_USER_INPUT', 'goalAmount'],
      [{ ...base, kind: 'SPEND', goal: undefined }, 'BAD_USER_INPUT', 'goalAmount'],
      [{ ...base, kind: 'SIGN_IN_STREAK', minPaid: m('1.00') }, 'BAD_USER_INPUT', 'minPaid'],
      [{ ...base, reward: {} }, 'BAD_USER_INPUT', 'reward'],
      [{ ...base, reward: { points: -1 } }, 'BAD_USER_INPUT', 'reward.points'],
      [{ ...base, name: ' ' }, 'BAD_USER_INPUT', 'name'],
      [{ ...base, activeUntil: '2026-12-01T00:00:00Z' }, 'BAD_USER_INPUT', 'activeUntil'],
      [{ ...base, reward: { badge: { code: 'bad code', name: 'x' } } }, 'BAD_USER_INPUT', 'reward.badge.code'],
    ];
    for (const [input, code, field] of refusals) {
      const response = await createTask(input, tokens.MERCHANT);
      expect([codeOf(response), fieldOf(response)], JSON.stringify(input)).toEqual([code, field]);
    }
    expect(codeOf(await createTask({ ...base, kind: 'NEW_MERCHANTS' }, tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const token of [tokens.TERMINAL, member.session]) expect(codeOf(await createTask(base, token))).toBe('FORBIDDEN');
    // Another merchant's coupon template is not A's to give.
    const bTemplate = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: 'B券', kind: 'AMOUNT_OFF', amountOff: m('1.00'), validDays: 30, budget: 5 } },
        tokens.OTHER_MERCHANT,
      ),
    ).createCouponTemplate.template.id;
    expect(fieldOf(await createTask({ ...base, reward: { couponTemplateId: bTemplate } }, tokens.MERCHANT))).toBe('reward.couponTemplateId');
    const badged = ok(
      await createTask({ ...base, name: '徽章任务', reward: { badge: { code: 'LOYAL', name: '忠实', description: '常来' } } }, tokens.MERCHANT),
    );
    expect(badged.createTask.task.reward.badge).toEqual({ code: 'LOYAL', name: '忠实' });
    const clash = await createTask({ ...base, reward: { badge: { code: 'LOYAL', name: '别名' } } }, tokens.HQ);
    expect([codeOf(clash), fieldOf(clash)]).toEqual(['BAD_USER_INPUT', 'reward.badge.name']);
    // Retired, so the tests below see only their own tasks.
    ok(await graphql(url(), UPDATE, { id: badged.createTask.task.id, input: { active: false } }, tokens.MERCHANT));
    const listed = ok(await graphql(url(), `query { tasks { id active } }`, {}, tokens.MERCHANT)).tasks;
    expect(listed).toEqual([{ id: badged.createTask.task.id, active: false }]);
  });

  it('lists and reads by id for HQ and the owner; another merchant is FORBIDDEN whether or not the task exists', async () => {
    const task = ok(await createTask({ name: '只看', kind: 'SPEND', goalAmount: m('1000.00'), window: 'ONCE', reward: { growth: 1 } }, tokens.MERCHANT))
      .createTask.task;
    expect(task).toMatchObject({ kind: 'SPEND', goal: null, goalAmount: { amount: '1000.00' }, owner: { id: A.id } });
    expect(ok(await graphql(url(), RESULTS, { id: task.id }, tokens.HQ)).task).toMatchObject({ completions: 0, members: 0 });
    expect(codeOf(await graphql(url(), RESULTS, { id: task.id }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url(), RESULTS, { id: '00000000-0000-4000-8000-000000000000' }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url(), RESULTS, { id: '00000000-0000-4000-8000-000000000000' }, tokens.HQ))).toBe('NOT_FOUND');
    expect(codeOf(await graphql(url(), `query($m: ID) { tasks(merchantId: $m) { id } }`, { m: A.id }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(ok(await graphql(url(), `query($m: ID) { tasks(merchantId: $m) { id } }`, { m: A.id }, tokens.HQ)).tasks.map((t: { id: string }) => t.id)).toContain(
      task.id,
    );
    expect(codeOf(await graphql(url(), UPDATE, { id: task.id, input: { active: false } }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    ok(await graphql(url(), UPDATE, { id: task.id, input: { active: false } }, tokens.HQ));
  });
});

describe('a sign-in streak', () => {
  it('restarts after a missed day and after each completion; completes twice in its month, the badge held once', async () => {
    const streak = ok(
      await createTask(
        { name: '连签三天', kind: 'SIGN_IN_STREAK', goal: 3, window: 'MONTH', reward: { points: 30, badge: { code: 'STREAK3', name: '连签达人' } } },
        tokens.HQ,
      ),
    ).createTask.task;
    receiver.secret = ok(await contract(url(), 'SetWebhook', { input: { url: receiver.url, events: ['TASK_COMPLETED'] } }, tokens.HQ)).setWebhook.signingSecret;
    await signIn();
    await day('2026-12-08');
    await signIn();
    expect(await taskOf(streak.id)).toMatchObject({ progress: 2, completionsInWindow: 0, windowEndsAt: '2026-12-31T16:00:00.000Z' });
    await day('2026-12-10'); // the 9th missed
    expect((await taskOf(streak.id)).progress).toBe(0);
    await signIn();
    await day('2026-12-11');
    await signIn();
    const before = (await myTasks()).points.balance;
    await day('2026-12-12');
    await signIn();
    const after = await myTasks();
    // 10 for signing in, 30 for the streak.
    expect(after.points.balance - before).toBe(40);
    expect(after.tasks.find((t: { task: { id: string } }) => t.task.id === streak.id)).toMatchObject({ progress: 0, completionsInWindow: 1 });
    expect(after.badges.map((b: { badge: { code: string } }) => b.badge.code)).toEqual(['STREAK3']);
    for (const date of ['2026-12-13', '2026-12-14', '2026-12-15']) {
      await day(date);
      await signIn();
    }
    const again = await myTasks();
    expect(again.tasks.find((t: { task: { id: string } }) => t.task.id === streak.id)).toMatchObject({ completionsInWindow: 2 });
    expect(again.badges).toHaveLength(1);
    // HQ's webhook heard both completions of its task, naming the member by id only.
    await until('two TASK_COMPLETED deliveries', () => receiver.deliveries().length === 2 || undefined, { timeoutMs: 20_000 });
    expect(
      receiver.deliveries().map((d) => [d.body.event, d.body.data.taskId, d.body.data.memberId, d.body.data.points, d.body.data.badge, d.signatureValid]),
    ).toEqual([
      ['TASK_COMPLETED', streak.id, member.id, 30, 'STREAK3', true],
      ['TASK_COMPLETED', streak.id, member.id, 30, 'STREAK3', true],
    ]);
    expect(ok(await graphql(url(), RESULTS, { id: streak.id }, tokens.HQ)).task).toMatchObject({ completions: 2, members: 1, pointsGranted: 60 });
    // Not a member's to read.
    expect(codeOf(await graphql(url(), RESULTS, { id: streak.id }, member.session))).toBe('FORBIDDEN');
  });
});

describe('a purchases task', () => {
  it('completes in the checkout that reaches it; a full refund of that checkout takes the rewards back, a partial one nothing', async () => {
    const coupon = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: '任务券', kind: 'AMOUNT_OFF', amountOff: m('5.00'), validDays: 30, budget: 10 } },
        tokens.MERCHANT,
      ),
    ).createCouponTemplate.template.id;
    const task = ok(
      await createTask(
        { name: '满两单', kind: 'PURCHASES', goal: 2, minPaid: m('20.00'), window: 'MONTH', reward: { growth: 50, points: 40, couponTemplateId: coupon } },
        tokens.MERCHANT,
      ),
    ).createTask.task;
    const bTill = await authenticate(url(), B.stores[0]!.terminal);
    expect((await buy(A.stores[0]!, tokens.TERMINAL, '25.00')).tasksCompleted).toEqual([]);
    await buy(A.stores[0]!, tokens.TERMINAL, '10.00');
    await buy(B.stores[0]!, bTill, '18.00');
    expect((await taskOf(task.id)).progress).toBe(1);
    const start = await myTasks();
    const completing = await buy(A.stores[0]!, tokens.TERMINAL, '30.00');
    expect(completing.tasksCompleted).toEqual([{ task: { id: task.id, name: '满两单' }, points: 40, growth: 50 }]);
    const done = await myTasks();
    // 30 earned and 40 for the task; 30 growth and 50 for the task.
    expect(done.points.balance - start.points.balance).toBe(70);
    expect(done.tierProgress.growth - start.tierProgress.growth).toBe(80);
    expect(done.tasks.find((t: { task: { id: string } }) => t.task.id === task.id)).toMatchObject({ progress: 2, completionsInWindow: 1 });
    const coupons = ok(await contract(url(), 'MemberHome', { first: 1 }, member.session)).me.coupons;
    expect(coupons.filter((c: { template: { id: string } }) => c.template.id === coupon)).toHaveLength(1);

    const partial = await refund(completing.transaction.id, '10.00', tokens.TERMINAL);
    expect(partial.rewardsTakenBack).toEqual({ points: 0, growth: 0, couponsVoided: 0 });
    expect((await taskOf(task.id)).completionsInWindow).toBe(1);
    const whole = await refund(completing.transaction.id, '20.00', tokens.TERMINAL);
    expect(whole.rewardsTakenBack).toEqual({ points: 40, growth: 50, couponsVoided: 1 });
    const undone = await myTasks();
    expect(undone.points.balance).toBe(start.points.balance);
    expect(undone.tierProgress.growth).toBe(start.tierProgress.growth);
    expect(undone.tasks.find((t: { task: { id: string } }) => t.task.id === task.id)).toMatchObject({ progress: 1, completionsInWindow: 0 });
    const usable = ok(await contract(url(), 'MemberHome', { first: 1 }, member.session)).me.coupons;
    expect(usable.filter((c: { template: { id: string } }) => c.template.id === coupon)).toEqual([]);
    expect(ok(await graphql(url(), RESULTS, { id: task.id }, tokens.MERCHANT)).task).toMatchObject({ completions: 0, members: 0, pointsGranted: 0 });

    const again = await buy(A.stores[0]!, tokens.TERMINAL, '22.00');
    expect(again.tasksCompleted.map((c: { task: { id: string } }) => c.task.id)).toEqual([task.id]);
    expect(ok(await graphql(url(), RESULTS, { id: task.id }, tokens.MERCHANT)).task).toMatchObject({
      completions: 1,
      members: 1,
      pointsGranted: 40,
      growthGranted: 50,
    });
  });

  it('two checkouts racing to complete one task reward it once', async () => {
    const task = ok(await createTask({ name: '首单', kind: 'PURCHASES', goal: 1, window: 'ONCE', reward: { points: 7 } }, tokens.HQ)).createTask.task;
    const codes = [await member.payCode(), await member.payCode()];
    const raced = await Promise.all(
      codes.map((payCode, i) =>
        graphql(
          url(),
          CHECKOUT,
          { input: { payCode, storeId: A.stores[0]!.id, orderAmount: m('5.00'), storedValue: m('0'), idempotencyKey: `race${i}` } },
          tokens.TERMINAL,
        ),
      ),
    );
    const completed = raced
      .flatMap((r) => ok(r).checkout.tasksCompleted.map((c: { task: { id: string } }) => c.task.id))
      .filter((id: string) => id === task.id);
    expect(completed).toEqual([task.id]);
    expect(ok(await graphql(url(), RESULTS, { id: task.id }, tokens.HQ)).task).toMatchObject({ completions: 1, pointsGranted: 7 });
  });
});

describe('a new-merchants task', () => {
  it('counts merchants the member had never bought from before it started, across the coalition', async () => {
    const D = await setUpMerchant(url(), tokens.HQ, {
      name: 'Ally D',
      kind: 'ALLY',
      stores: ['D1'],
      terms: { canIssue: false, canAccept: true, commissionBps: 150 },
    });
    const task = ok(await createTask({ name: '尝鲜联盟', kind: 'NEW_MERCHANTS', goal: 2, window: 'ONCE', reward: { points: 100 } }, tokens.HQ)).createTask.task;
    const tills = {
      B: await authenticate(url(), B.stores[0]!.terminal),
      C: await authenticate(url(), C.stores[0]!.terminal),
      D: await authenticate(url(), D.stores[0]!.terminal),
    };
    await buy(A.stores[0]!, tokens.TERMINAL, '12.00');
    await buy(B.stores[0]!, tills.B, '12.00');
    expect((await taskOf(task.id)).progress).toBe(0);
    expect((await buy(C.stores[0]!, tills.C, '1.00')).tasksCompleted).toEqual([]);
    expect((await taskOf(task.id)).progress).toBe(1);
    expect((await buy(C.stores[0]!, tills.C, '1.00')).tasksCompleted).toEqual([]);
    const completing = await buy(D.stores[0]!, tills.D, '1.00');
    expect(completing.tasksCompleted.map((c: { task: { id: string } }) => c.task.id)).toEqual([task.id]);
    expect(await taskOf(task.id)).toMatchObject({ progress: 2, completionsInWindow: 1 });
  });
});

describe("a tier's badge", () => {
  it('is given the first time a member reaches the tier; a code already defined must keep its name', async () => {
    const PROGRAMME = `{ cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints
      tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description badge { code name } } }`;
    const { programme } = ok(await graphql(url(), `query { programme ${PROGRAMME} }`, {}, tokens.HQ));
    const input = { ...programme, tiers: programme.tiers.map(({ badge: _, ...tier }: Record<string, unknown>) => tier) };
    const SET = `mutation($input: ProgrammeInput!) { setProgramme(input: $input) { programme ${PROGRAMME} } }`;
    const clash = await graphql(
      url(),
      SET,
      { input: { ...input, tiers: input.tiers.map((t: object, i: number) => (i === 1 ? { ...t, badge: { code: 'STREAK3', name: '别名' } } : t)) } },
      tokens.HQ,
    );
    expect([codeOf(clash), fieldOf(clash)]).toEqual(['BAD_USER_INPUT', 'tiers.1.badge.name']);
    const silver = { code: 'SILVER_STAR', name: '银星', description: '首次升级银卡' };
    const set = ok(
      await graphql(url(), SET, { input: { ...input, tiers: input.tiers.map((t: object, i: number) => (i === 1 ? { ...t, badge: silver } : t)) } }, tokens.HQ),
    );
    expect(set.setProgramme.programme.tiers.map((t: { badge: unknown }) => t.badge)).toEqual([null, { code: 'SILVER_STAR', name: '银星' }, null, null]);
    const progress = ok(await graphql(url(), `query { me { tier { code } tierProgress { growthToNextTier nextTier { code } } } }`, {}, member.session)).me;
    expect(progress.tier.code).toBe(programme.tiers[0].code);
    await buy(A.stores[0]!, tokens.TERMINAL, `${progress.tierProgress.growthToNextTier}.00`);
    const after = await myTasks();
    expect(after.badges.map((b: { badge: { code: string } }) => b.badge.code)).toEqual(['STREAK3', 'SILVER_STAR']);
  });
});

describe('task completions in analytics, and the ledger', () => {
  it('HQ counts the coalition’s completions net of take-backs, a merchant its own; every movement balances', async () => {
    const figure = async (token: string, merchantId?: string) =>
      ok(
        await graphql(url(), `query($m: ID) { analytics(from: "2026-12-01", to: "2026-12-31", merchantId: $m) { taskCompletions } }`, { m: merchantId }, token),
      ).analytics.taskCompletions;
    // HQ: the streak twice, 首单 and 尝鲜联盟; A: 满两单 once (its first completion taken back).
    expect(await figure(tokens.HQ)).toBe(5);
    expect(await figure(tokens.MERCHANT)).toBe(1);
    expect(await figure(tokens.HQ, A.id)).toBe(1);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('referrals', () => {
  const REFERRAL = `query { me { id referral { code invited converted pointsEarned } points { balance } } }`;
  const register = (input: Record<string, unknown>) =>
    contract(url(), 'RegisterMember', { input: { phone: newPhone(), name: '新人', storeId: A.stores[0]!.id, ...input } }, tokens.TERMINAL);
  /** A member registered at A with a code, with a session and its own pay codes; it buys at B (no tasks of its own are active). */
  const invitee = async (code: string) => {
    const id = ok(await register({ referralCode: code })).registerMember.member.id as string;
    const session = ok(await contract(url(), 'CreateMemberSession', { memberId: id }, tokens.MERCHANT)).createMemberSession.token as string;
    const buyAtB = async (amount: string) => {
      const payCode = ok(await contract(url(), 'IssuePayCode', {}, session)).issuePayCode.code;
      const till = await authenticate(url(), B.stores[0]!.terminal);
      const input = { payCode, storeId: B.stores[0]!.id, orderAmount: m(amount), storedValue: m('0'), idempotencyKey: `k${++keys}` };
      return ok(
        await graphql(
          url(),
          `mutation($input: CheckoutInput!) { checkout(input: $input) { transaction { id } referralConverted tasksCompleted { task { id } } } }`,
          { input },
          till,
        ),
      ).checkout;
    };
    return { id, session, buyAtB, points: async () => ok(await graphql(url(), REFERRAL, {}, session)).me.points.balance as number };
  };

  it('converts at the first checkout paying enough within the window, rewards both within the cap, and a full refund undoes it', async () => {
    // Only this test's task counts from here on.
    for (const task of ok(await graphql(url(), `query { tasks { id active } }`, {}, tokens.HQ)).tasks.filter((t: { active: boolean }) => t.active)) {
      ok(await graphql(url(), UPDATE, { id: task.id, input: { active: false } }, tokens.HQ));
    }
    const referralsTask = ok(await createTask({ name: '邀请一位', kind: 'REFERRALS', goal: 1, window: 'ONCE', reward: { points: 50 } }, tokens.HQ)).createTask
      .task;
    const PROGRAMME = `{ cycle growthPerYuan pointsPerYuanBurn signInGrowth signInPoints tiers { code name threshold pointsMultiplierBps upgradeGiftPoints description }
      referral { inviterPoints inviteePoints minFirstPurchase { amount } windowDays monthlyCap } }`;
    const { programme } = ok(await graphql(url(), `query { programme ${PROGRAMME} }`, {}, tokens.HQ));
    expect(programme.referral).toEqual({ inviterPoints: 200, inviteePoints: 100, minFirstPurchase: { amount: '30.00' }, windowDays: 30, monthlyCap: 10 });
    const referral = { inviterPoints: 200, inviteePoints: 100, minFirstPurchase: m('30.00'), windowDays: 30, monthlyCap: 2 };
    const SET = `mutation($input: ProgrammeInput!) { setProgramme(input: $input) { programme ${PROGRAMME} } }`;
    const bad = await graphql(url(), SET, { input: { ...programme, referral: { ...referral, windowDays: 0 } } }, tokens.HQ);
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', 'referral.windowDays']);
    expect(ok(await graphql(url(), SET, { input: { ...programme, referral } }, tokens.HQ)).setProgramme.programme.referral.monthlyCap).toBe(2);

    const inviter = ok(await graphql(url(), REFERRAL, {}, member.session)).me;
    expect(inviter.referral.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(inviter.referral).toMatchObject({ invited: 0, converted: 0, pointsEarned: 0 });
    // An unknown code registers nobody: the same phone registers afterwards.
    const phone = newPhone();
    const unknown = await register({ phone, referralCode: 'ZZZZZZZZ' });
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['BAD_USER_INPUT', 'referralCode']);
    expect([fieldOf(await register({ phone, referralCode: 'abc' }))]).toEqual(['referralCode']);
    ok(await register({ phone }));
    // Not a merchant's to read, nor a till's.
    const other = ok(await register({})).registerMember.member.id;
    for (const token of [tokens.MERCHANT, tokens.TERMINAL]) {
      expect(codeOf(await graphql(url(), `query($id: ID!) { member(id: $id) { referral { code } } }`, { id: other }, token))).toBe('FORBIDDEN');
    }

    const [one, two, three] = [
      await invitee(` ${inviter.referral.code.toLowerCase()} `),
      await invitee(inviter.referral.code),
      await invitee(inviter.referral.code),
    ];
    expect((await one.buyAtB('20.00')).referralConverted).toBe(false); // under ¥30
    const before = await one.points();
    const converting = await one.buyAtB('35.00');
    expect(converting).toMatchObject({ referralConverted: true, tasksCompleted: [] }); // the inviter's task is the inviter's
    expect((await one.points()) - before).toBe(35 + 100);
    expect(ok(await graphql(url(), REFERRAL, {}, member.session)).me.points.balance - inviter.points.balance).toBe(200 + 50);
    expect((await one.buyAtB('40.00')).referralConverted).toBe(false); // converted once
    expect((await two.buyAtB('30.00')).referralConverted).toBe(true);
    const threeBefore = await three.points();
    expect((await three.buyAtB('30.00')).referralConverted).toBe(true); // beyond the inviter's cap of 2: the invitee still gets its 100
    expect((await three.points()) - threeBefore).toBe(30 + 100);
    expect(ok(await graphql(url(), REFERRAL, {}, member.session)).me.referral).toMatchObject({ invited: 3, converted: 3, pointsEarned: 400 });

    // The full refund of one's converting checkout undoes the conversion, both rewards and the task it completed.
    const bTill = await authenticate(url(), B.stores[0]!.terminal);
    const whole = await refund(converting.transaction.id, '35.00', bTill);
    expect(whole.rewardsTakenBack).toEqual({ points: 100, growth: 0, couponsVoided: 0 });
    expect(ok(await graphql(url(), REFERRAL, {}, member.session)).me.referral).toMatchObject({ converted: 2, pointsEarned: 200 });
    expect(ok(await graphql(url(), RESULTS, { id: referralsTask.id }, tokens.HQ)).task).toMatchObject({ completions: 0 });
    // Its place under the cap is free: four's conversion rewards the inviter again and completes the task again.
    const four = await invitee(inviter.referral.code);
    expect((await four.buyAtB('50.00')).referralConverted).toBe(true);
    expect(ok(await graphql(url(), REFERRAL, {}, member.session)).me.referral).toMatchObject({ invited: 4, converted: 3, pointsEarned: 400 });
    expect(ok(await graphql(url(), RESULTS, { id: referralsTask.id }, tokens.HQ)).task).toMatchObject({ completions: 1, pointsGranted: 50 });
    // One converts again with a later qualifying checkout, now beyond the cap.
    expect((await one.buyAtB('31.00')).referralConverted).toBe(true);
    expect(ok(await graphql(url(), REFERRAL, {}, member.session)).me.referral).toMatchObject({ converted: 4, pointsEarned: 400 });

    const counts = async (token: string, merchantId?: string) =>
      ok(
        await graphql(
          url(),
          `query($m: ID) { analytics(from: "2026-12-01", to: "2026-12-31", merchantId: $m) { referrals { invited converted pointsGranted } } }`,
          { m: merchantId },
          token,
        ),
      ).analytics.referrals;
    // The job computes the figures: the month's, read above for the task completions, are computed again first.
    await refreshAnalytics(url(), tokens.HQ, hub.databaseUrl);
    // Invited: one to four; converted: five less the one undone; points 300 + 300 + 100 − 300 + 300 + 100.
    expect(await counts(tokens.HQ)).toEqual({ invited: 4, converted: 4, pointsGranted: 800 });
    // A registered them all; their checkouts were all at B.
    expect(await counts(tokens.MERCHANT)).toEqual({ invited: 4, converted: 0, pointsGranted: 0 });
    expect(await counts(tokens.OTHER_MERCHANT)).toEqual({ invited: 0, converted: 4, pointsGranted: 800 });

    // Past the window (30 × 24 h from registration) a first checkout converts nothing.
    const late = await invitee(inviter.referral.code);
    await day('2027-01-16');
    const lateSession = ok(await contract(url(), 'CreateMemberSession', { memberId: late.id }, tokens.MERCHANT)).createMemberSession.token;
    const payCode = ok(await contract(url(), 'IssuePayCode', {}, lateSession)).issuePayCode.code;
    const till = await authenticate(url(), B.stores[0]!.terminal);
    const lateCheckout = ok(
      await graphql(
        url(),
        `mutation($input: CheckoutInput!) { checkout(input: $input) { referralConverted } }`,
        { input: { payCode, storeId: B.stores[0]!.id, orderAmount: m('40.00'), storedValue: m('0'), idempotencyKey: `late` } },
        till,
      ),
    ).checkout;
    expect(lateCheckout.referralConverted).toBe(false);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
    // The verifier holds rewards to the journal: a point more on a completion or a conversion is named.
    for (const table of ['task_completion', 'referral_conversion'] as const) {
      const column = table === 'task_completion' ? 'points' : 'invitee_points';
      const tampered = `update wallet.${table} set ${column} = ${column} + 1 where id = (select id from wallet.${table} where ${column} > 0 order by id limit 1)`;
      await withDatabase(hub.databaseUrl, (client) => client.query(tampered));
      expect((await ledgerViolations(hub.databaseUrl)).map((v) => v.split(':')[0])).toEqual([
        table === 'task_completion'
          ? "every task completion's points match its TASK_REWARD transaction, and a take-back's its REWARD_TAKEN_BACK"
          : "every referral conversion's points match its REFERRAL_REWARD transactions, and a take-back's its REWARD_TAKEN_BACK",
      ]);
      await withDatabase(hub.databaseUrl, (client) => client.query(tampered.replace(`${column} + 1`, `${column} - 1`)));
    }
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
