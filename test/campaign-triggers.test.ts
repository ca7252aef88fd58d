/**
 * Campaigns that give points, campaigns triggered by events and by a
 * recurring schedule, and coupons as tier gifts (issue 11, docs/marketing.md
 * "Targeted campaigns"), through the gateway with v3's operations, in May 2026,
 * settled in June. Brand A and Ally B at the default rates (1 point per ¥1
 * paid, 100 fen per 100 points earned). Every campaign holds out no control
 * group (controlGroupBps 0), so whom it reaches is known. Members, each with
 * marketing consent: m1..m4 registered at A and tagged vip by HQ, m5 at A, m6
 * at B; m7..m10 later.
 *
 *   grants   HQ: 100 points to vip within a budget of 300 points: 3 reached, 300 points from HQ.
 *            A: 50 points to its members (m1..m5): 250 points A issues.
 *   double   HQ ×2 for vip (anywhere); A ×1.5 for its members at its stores, budget 30 points.
 *            m1 ¥100 at A: 100 + 100 (HQ's, the larger) = 200; m5 ¥100 at A: 100 + 30 (A's budget, of 50) = 130;
 *            m5 ¥100 at A again: 100 (A's budget spent); m1 ¥100 at B: 100 + 100 (HQ's) = 200.
 *            Half of m1's first refunded: 50 earned and 50 of HQ's extra taken back.
 *   events   A's coupon on REGISTERED: m7 (joins A) gets it, m8 (joins B) does not.
 *            HQ's 10 points on PURCHASE for tag shopper (m5, m6): m5 ¥10 at A, m6 ¥10 at B: 20 points.
 *            HQ's coupon on TIER_UPGRADED, and SILVER's gift coupon: m5 ¥1,000 at A reaches 1,210 growth,
 *            SILVER: its 500 gift points, both coupons, and 10 more points for the purchase.
 *            HQ's 88 points on BIRTHDAY: m9 (born in May) at once; m10 (June) in June.
 *            A's INACTIVE 10 days: nobody in May; on 2 June m1 and m5 (last bought at A on 10 May).
 *            A's 5 points every WEEK from 11 May for SILVER members: run once on 2 June (m5), next on 8 June.
 *   May's settlement:
 *     A issued 100 − 50 (m1) + 100 + 100 + 10 + 1,000 (m5) + 30 (its multiplier) + 250 (its grant) = 1,540: ¥15.40
 *     B issued 100 (m1) + 10 (m6) = 110: ¥1.10
 *     HQ granted 300 + 100 + 100 − 50 (its multiplier) + 30 (purchases) + 500 (SILVER's gift) + 88 = 1,068
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, graphql, ok } from './support/graphql.js';
import { authenticate, buyPayingOutside, newPhone, setUpTwoMerchants, type SetUpMerchant, type TwoMerchants } from './support/coalition.js';
import { ledgerViolations, withDatabase } from './support/ledger.js';
import { programmeInput, ladder } from './support/programme.js';
import { until } from './support/wait.js';
import { campaignRan } from './support/campaigns.js';

let hub: TestHub;
let coalition: TwoMerchants;
const members: Record<string, string> = {};
/** Where each member registered: its back office opens its sessions, wherever it then buys. */
const homeOf = new Map<string, SetUpMerchant>();
const url = () => hub.gatewayUrl;
const m = (amount: string) => ({ amount });
let key = 0;
/** Creates a campaign and, unless it waits for a scheduled instant, waits for the job's run (test/support/campaigns.ts). */
const create = async (input: Record<string, unknown>, token: string) => {
  const made = ok(await contract(url(), 'CreateCampaign', { input: { controlGroupBps: 0, audience: {}, idempotencyKey: `c${key++}`, ...input } }, token))
    .createCampaign.campaign;
  return (input.trigger as { kind: string }).kind === 'SCHEDULE' ? made : { ...made, status: await campaignRan(hub.databaseUrl, made.id) };
};
const results = async (id: string, token = coalition.tokens.HQ) => ok(await contract(url(), 'CampaignResults', { id }, token)).campaign;
const memberView = async (id: string) =>
  ok(await graphql(url(), 'query($id: ID!) { member(id: $id) { points { balance } coupons { template { id } } } }', { id }, coalition.tokens.HQ)).member as {
    points: { balance: number };
    coupons: { template: { id: string } }[];
  };
const pointsOf = async (id: string) => (await memberView(id)).points.balance;

async function register(name: string, merchant: SetUpMerchant, birthday?: string): Promise<string> {
  const till = await authenticate(url(), merchant.stores[0]!.terminal);
  const id = ok(
    await contract(url(), 'RegisterMember', { input: { phone: newPhone(), name, birthday, storeId: merchant.stores[0]!.id, marketingConsent: true } }, till),
  ).registerMember.member.id as string;
  homeOf.set(id, merchant);
  await until(
    `${name}'s registration to reach the wallet`,
    async () =>
      (await withDatabase(hub.databaseUrl, (db) => db.query('select 1 from wallet.wallet where member_id = $1 and marketing_consent', [id]))).rowCount === 1,
  );
  return id;
}

const buy = (memberId: string, merchant: SetUpMerchant, yuan: string) => buyPayingOutside(url(), memberId, homeOf.get(memberId)!, merchant, yuan, `b${key++}`);

const template = async (name: string, token: string, extra: Record<string, unknown> = {}) =>
  ok(await contract(url(), 'CreateCouponTemplate', { input: { name, kind: 'AMOUNT_OFF', amountOff: m('5.00'), validDays: 30, budget: 100, ...extra } }, token))
    .createCouponTemplate.template.id as string;

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00' });
  coalition = await setUpTwoMerchants(url(), hub.hq);
  for (const name of ['m1', 'm2', 'm3', 'm4', 'm5']) members[name] = await register(name, coalition.A);
  members.m6 = await register('m6', coalition.B);
  ok(await contract(url(), 'TagMembers', { input: { tag: 'vip', memberIds: ['m1', 'm2', 'm3', 'm4'].map((n) => members[n]) } }, coalition.tokens.HQ));
  ok(await contract(url(), 'TagMembers', { input: { tag: 'shopper', memberIds: [members.m5, members.m6] } }, coalition.tokens.HQ));
});
afterAll(async () => hub?.stop());

describe('campaigns giving points', () => {
  it('grants points to the reached members within the points budget, funded by the owner', async () => {
    const hq = await create(
      { name: '送积分', trigger: { kind: 'NOW' }, audience: { tags: ['vip'] }, action: { kind: 'GRANT_POINTS', points: 100 }, budget: { points: 300 } },
      coalition.tokens.HQ,
    );
    expect(hq.status).toBe('COMPLETED');
    expect(await results(hq.id)).toMatchObject({ reached: 3, heldOut: 0, pointsGranted: 300 });
    const vip = await Promise.all(['m1', 'm2', 'm3', 'm4'].map((n) => pointsOf(members[n]!)));
    expect(vip.sort()).toEqual([0, 100, 100, 100]);

    const own = await create({ name: '会员送分', trigger: { kind: 'NOW' }, action: { kind: 'GRANT_POINTS', points: 50 } }, coalition.tokens.MERCHANT);
    expect(await results(own.id, coalition.tokens.MERCHANT)).toMatchObject({ reached: 5, pointsGranted: 250 });
    expect(await pointsOf(members.m5!)).toBe(50);
    expect(await pointsOf(members.m6!)).toBe(0);
    // A pays for them as points it issues, at its earning cost (settled below); a replayed creation grants nothing twice.
    const entries = await withDatabase(hub.databaseUrl, (db) =>
      db.query(
        "select e.account, e.merchant_id, e.points_rate, sum(e.amount)::int as points from wallet.journal_entry e join wallet.journal_transaction t on t.id = e.transaction_id where t.campaign_id = $1 and e.account <> 'MEMBER_POINTS' group by 1, 2, 3",
        [own.id],
      ),
    );
    expect(entries.rows).toEqual([{ account: 'POINTS_EARNED', merchant_id: coalition.A.id, points_rate: 100, points: 250 }]);
  });

  it('multiplies the points earned in a window, the larger multiplier applying, funded by its owner', async () => {
    const from = '2026-05-10T00:00:00+08:00';
    const until = '2026-05-11T00:00:00+08:00';
    const hq = await create(
      { name: '双倍积分日', trigger: { kind: 'NOW' }, audience: { tags: ['vip'] }, action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 20000, from, until } },
      coalition.tokens.HQ,
    );
    const own = await create(
      { name: '1.5倍', trigger: { kind: 'NOW' }, action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 15000, from, until }, budget: { points: 30 } },
      coalition.tokens.MERCHANT,
    );
    const first = await buy(members.m1!, coalition.A, '100.00');
    expect(first.pointsEarned).toBe(200);
    expect((await buy(members.m5!, coalition.A, '100.00')).pointsEarned).toBe(130);
    expect((await buy(members.m5!, coalition.A, '100.00')).pointsEarned).toBe(100);
    expect((await buy(members.m1!, coalition.B, '100.00')).pointsEarned).toBe(200);
    const till = await authenticate(url(), coalition.A.stores[0]!.terminal);
    const back = ok(
      await contract(url(), 'Refund', { input: { transactionId: first.transaction.id, orderAmount: m('50.00'), idempotencyKey: 'half' } }, till),
    ).refund;
    expect(back.pointsTakenBack).toBe(100);
    expect(await results(hq.id)).toMatchObject({ reached: 4, pointsGranted: 150 });
    expect(await results(own.id, coalition.tokens.MERCHANT)).toMatchObject({ reached: 5, pointsGranted: 30 });
  });

  it('bad input names the field', async () => {
    const base = { name: '活动', trigger: { kind: 'NOW' }, audience: {}, action: { kind: 'GRANT_POINTS', points: 10 }, idempotencyKey: 'bad' };
    for (const [input, field] of [
      [{ ...base, action: { kind: 'GRANT_POINTS' } }, 'action.points'],
      [{ ...base, action: { kind: 'GRANT_POINTS', points: 0 } }, 'action.points'],
      [
        { ...base, action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 10000, from: '2026-05-10T00:00:00Z', until: '2026-05-12T00:00:00Z' } },
        'action.multiplierBps',
      ],
      [{ ...base, action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 20000, from: '2026-05-12T00:00:00Z', until: '2026-05-11T00:00:00Z' } }, 'action.until'],
      [{ ...base, action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 20000, until: '2026-05-11T00:00:00Z' } }, 'action.from'],
      [{ ...base, trigger: { kind: 'INACTIVE' } }, 'trigger.inactiveDays'],
      [{ ...base, trigger: { kind: 'PURCHASE', inactiveDays: 3 } }, 'trigger.inactiveDays'],
      [{ ...base, trigger: { kind: 'NOW', every: 'DAY' } }, 'trigger.every'],
      [{ ...base, budget: { coupons: 5 } }, 'budget.coupons'],
      [{ ...base, budget: { points: 0 } }, 'budget.points'],
    ] as const) {
      const refused = await contract(url(), 'CreateCampaign', { input }, coalition.tokens.HQ);
      expect([codeOf(refused), fieldOf(refused)], field).toEqual(['BAD_USER_INPUT', field]);
    }
    const own = await template('A的券', coalition.tokens.MERCHANT);
    const silverGift = { ...programmeInput(), tiers: ladder().map((t, i) => (i === 1 ? { ...t, upgradeGiftCouponTemplateId: own } : t)) };
    const refused = await graphql(
      url(),
      'mutation($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle } } }',
      { input: silverGift },
      coalition.tokens.HQ,
    );
    expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', 'tiers.1.upgradeGiftCouponTemplateId']);
  });
});

describe('campaigns triggered by events', () => {
  const campaigns: Record<string, string> = {};
  let upgradeCoupon: string;
  let silverCoupon: string;

  it('a member registering with the owner is reached', async () => {
    const welcome = await template('新人券', coalition.tokens.MERCHANT);
    const c = await create(
      { name: '新人礼', trigger: { kind: 'REGISTERED' }, action: { kind: 'ISSUE_COUPON', couponTemplateId: welcome } },
      coalition.tokens.MERCHANT,
    );
    expect(c.status).toBe('ACTIVE');
    members.m7 = await register('m7', coalition.A);
    members.m8 = await register('m8', coalition.B);
    expect(
      (
        await until('m7 to get the welcome coupon', async () => (await memberView(members.m7!)).coupons.length > 0 && (await memberView(members.m7!)).coupons)
      ).map((k) => k.template.id),
    ).toEqual([welcome]);
    expect((await memberView(members.m8!)).coupons).toEqual([]);
    expect(await results(c.id, coalition.tokens.MERCHANT)).toMatchObject({ reached: 1, status: 'ACTIVE' });
  });

  it('a purchase and a tier upgrade reach the member beside the checkout; a tier gives its coupon at once', async () => {
    campaigns.purchase = (
      await create(
        { name: '消费送分', trigger: { kind: 'PURCHASE' }, audience: { tags: ['shopper'] }, action: { kind: 'GRANT_POINTS', points: 10 } },
        coalition.tokens.HQ,
      )
    ).id;
    upgradeCoupon = await template('升级券', coalition.tokens.HQ, { acceptedBy: [coalition.A.id, coalition.B.id] });
    silverCoupon = await template('银卡礼券', coalition.tokens.HQ, { acceptedBy: [coalition.A.id, coalition.B.id] });
    campaigns.upgrade = (
      await create(
        { name: '升级礼', trigger: { kind: 'TIER_UPGRADED' }, action: { kind: 'ISSUE_COUPON', couponTemplateId: upgradeCoupon } },
        coalition.tokens.HQ,
      )
    ).id;
    const tiers = ladder().map((t, i) => (i === 1 ? { ...t, upgradeGiftCouponTemplateId: silverCoupon } : t));
    ok(
      await graphql(
        url(),
        'mutation($input: ProgrammeInput!) { setProgramme(input: $input) { programme { cycle } } }',
        { input: { ...programmeInput(), tiers } },
        coalition.tokens.HQ,
      ),
    );

    const before = await pointsOf(members.m5!);
    await buy(members.m5!, coalition.A, '10.00');
    await buy(members.m6!, coalition.B, '10.00');
    // What follows a checkout runs beside it, in the wallet's worker (marketing/follow-up/after-movement.ts, issue 21).
    await until('the purchases to reach their members', async () => (await results(campaigns.purchase!)).pointsGranted === 20);
    expect(await results(campaigns.purchase!)).toMatchObject({ reached: 2, pointsGranted: 20 });
    expect(await pointsOf(members.m5!)).toBe(before + 10 + 10);

    const upgraded = await buy(members.m5!, coalition.A, '1000.00');
    expect(upgraded.pointsEarned).toBe(1000);
    // The tier's gift coupon is the movement's own: there when the checkout answers.
    expect((await memberView(members.m5!)).coupons.map((k) => k.template.id)).toContain(silverCoupon);
    await until(
      'the upgrade and the purchase to reach the member',
      async () => (await results(campaigns.upgrade!)).reached === 1 && (await results(campaigns.purchase!)).pointsGranted === 30,
    );
    const m5 = await memberView(members.m5!);
    expect(m5.points.balance).toBe(before + 20 + 1000 + 500 + 10);
    expect(m5.coupons.map((k) => k.template.id).sort()).toEqual([silverCoupon, upgradeCoupon].sort());
    expect(await results(campaigns.purchase!)).toMatchObject({ reached: 2, pointsGranted: 30 });
    expect(await results(campaigns.upgrade!)).toMatchObject({ reached: 1 });
  });

  it('birthdays, inactivity and a weekly schedule, looked at when created and by the job', async () => {
    members.m9 = await register('m9', coalition.A, '1990-05-20');
    members.m10 = await register('m10', coalition.A, '1990-06-03');
    campaigns.birthday = (
      await create({ name: '生日礼', trigger: { kind: 'BIRTHDAY' }, action: { kind: 'GRANT_POINTS', points: 88 } }, coalition.tokens.HQ)
    ).id;
    expect(await results(campaigns.birthday!)).toMatchObject({ reached: 1, pointsGranted: 88 });
    expect(await pointsOf(members.m9!)).toBe(88);
    campaigns.inactive = (
      await create(
        { name: '唤醒', trigger: { kind: 'INACTIVE', inactiveDays: 10 }, action: { kind: 'NOTIFY', message: '好久不见' } },
        coalition.tokens.MERCHANT,
      )
    ).id;
    expect(await results(campaigns.inactive!, coalition.tokens.MERCHANT)).toMatchObject({ reached: 0 });
    const weekly = await create(
      {
        name: '每周银卡礼',
        trigger: { kind: 'SCHEDULE', at: '2026-05-11T09:00:00+08:00', every: 'WEEK' },
        audience: { tiers: ['SILVER'] },
        action: { kind: 'GRANT_POINTS', points: 5 },
      },
      coalition.tokens.MERCHANT,
    );
    campaigns.weekly = weekly.id;
    expect(weekly.status).toBe('SCHEDULED');
  });

  it('in June: the job catches up, and May settles every campaign point to its funder', async () => {
    await hub.moveClockTo('2026-06-02T10:00:00+08:00');
    // The clock moved past every session: new tokens.
    coalition.tokens.HQ = await authenticate(url(), hub.hq);
    const office = await authenticate(url(), coalition.A.backOffice);
    const weekly = await until('the weekly campaign to run', async () => {
      const r = ok(
        await graphql(url(), 'query($id: ID!) { campaign(id: $id) { status trigger reached runAt pointsGranted } }', { id: campaigns.weekly! }, office),
      ).campaign;
      return r.pointsGranted === 5 && r;
    });
    // Run once for the weeks the hub was down, then on its day of the week again.
    expect(weekly).toMatchObject({ status: 'SCHEDULED', trigger: 'SCHEDULE', reached: 1, runAt: '2026-06-08T01:00:00.000Z' });
    const birthday = await until('the birthday campaign to look again', async () => {
      const r = await results(campaigns.birthday!);
      return r.reached === 2 && r;
    });
    expect(birthday.pointsGranted).toBe(176);
    const inactive = await until('the inactivity campaign to look again', async () => {
      const r = ok(await contract(url(), 'CampaignResults', { id: campaigns.inactive! }, office)).campaign;
      return r.reached > 0 && r;
    });
    expect(inactive.reached).toBe(2);

    ok(await contract(url(), 'RunSettlement', { period: '2026-05' }, coalition.tokens.HQ));
    const run = ok(await contract(url(), 'Settlement', { period: '2026-05' }, coalition.tokens.HQ)).settlement;
    const statement = (id: string) => run.statements.find((s: { merchant: { id: string } }) => s.merchant.id === id);
    expect(statement(coalition.A.id)).toMatchObject({ pointsIssued: 1540, pointsCost: { amount: '15.40' } });
    expect(statement(coalition.B.id)).toMatchObject({ pointsIssued: 110, pointsCost: { amount: '1.10' } });
    expect(run.totals.pointsGrantedByHq).toBe(1068);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
    // The verifier would see a member's grant that the journal does not have.
    const tamper = (points: number) =>
      withDatabase(hub.databaseUrl, (db) =>
        db.query('update wallet.campaign_member set points_granted = $2 where campaign_id = $1 and member_id = $3', [campaigns.birthday, points, members.m9]),
      );
    await tamper(99);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([
      `every campaign's points granted to members match its CAMPAIGN_POINTS transactions: campaign ${campaigns.birthday} granted 187 points to 2 members but the journal has 176 in 2 transactions`,
    ]);
    await tamper(88);
  });
});
