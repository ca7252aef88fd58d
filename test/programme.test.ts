/**
 * Issue 10 capability 1: the programme's configuration, owned by HQ, through
 * the gateway with v2's operations. The defaults of docs/programme.md are in force from the
 * start; a valid change applies from then on and is audited; a bad ladder
 * or plan is BAD_USER_INPUT naming the field and changes nothing; only HQ
 * changes anything; every role reads the programme, and a member its tier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { DEFAULT_TIERS, ladder, programmeInput } from './support/programme.js';
import { codeOf, contract, graphql, ok, outcome } from './support/graphql.js';
import { newPhone, setUpTwoMerchants, type TwoMerchants } from './support/coalition.js';
import { ledgerViolations } from './support/ledger.js';
import { refreshRfm } from './support/rfm.js';

let hub: TestHub;
let tokens: TwoMerchants['tokens'] & { MEMBER: string };
let memberId: string;
let A: TwoMerchants['A'];
let B: TwoMerchants['B'];

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00' });
  const coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  ({ A, B } = coalition);
  memberId = ok(
    await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '张无忌', storeId: A.stores[0]!.id } }, coalition.tokens.TERMINAL),
  ).registerMember.member.id;
  const MEMBER = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, coalition.tokens.MERCHANT)).createMemberSession.token;
  tokens = { ...coalition.tokens, MEMBER };
});
afterAll(async () => hub?.stop());

const programme = async (token = tokens.HQ) => ok(await contract(hub.gatewayUrl, 'Programme', {}, token)).programme;

describe('the programme', () => {
  it('starts as the defaults of docs/programme.md, which every role may read', async () => {
    for (const token of [tokens.HQ, tokens.MERCHANT, tokens.TERMINAL, tokens.MEMBER]) {
      const p = await programme(token);
      expect({ ...p, tiers: p.tiers.map(({ description: _, ...t }: { description: string }) => t) }).toEqual({
        cycle: 'YEAR',
        growthPerYuan: 1,
        growthPerYuanTopUp: 0,
        pointsPerYuanBurn: 100,
        signInGrowth: 5,
        signInPoints: 10,
        tiers: DEFAULT_TIERS.map((t) => ({ ...t, badge: null, benefits: [] })),
        plans: [],
        referral: { inviterPoints: 200, inviteePoints: 100, minFirstPurchase: { amount: '30.00', currencyCode: 'CNY' }, windowDays: 30, monthlyCap: 10 },
      });
    }
    expect(codeOf(await contract(hub.gatewayUrl, 'Programme'))).toBe('UNAUTHENTICATED');
  });

  it('a member starts at the lowest tier (field-access.test.ts has who may see it)', async () => {
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', {}, tokens.MEMBER)).me;
    expect(home.tier).toEqual({ code: 'NORMAL', name: '普通', pointsMultiplierBps: 10000, description: '会员价' });
  });

  it('only HQ changes it; a change applies from then on and is in the audit log', async () => {
    const input = programmeInput({ growthPerYuan: 2, signInPoints: 20, tiers: ladder([{}, { name: '白银', threshold: 800 }]) });
    for (const token of [tokens.MERCHANT, tokens.TERMINAL, tokens.MEMBER]) {
      expect(codeOf(await contract(hub.gatewayUrl, 'SetProgramme', { input }, token))).toBe('FORBIDDEN');
    }
    expect((await programme()).growthPerYuan).toBe(1);
    const set = ok(await contract(hub.gatewayUrl, 'SetProgramme', { input }, tokens.HQ)).setProgramme.programme;
    expect(set.growthPerYuan).toBe(2);
    expect(set.tiers[1]).toEqual({
      code: 'SILVER',
      name: '白银',
      threshold: 800,
      pointsMultiplierBps: 12000,
      upgradeGiftPoints: 500,
      description: '银卡权益',
      badge: null,
    });
    expect(await programme(tokens.MEMBER)).toMatchObject({ growthPerYuan: 2, signInPoints: 20, tiers: set.tiers });
    const log = ok(
      await graphql(hub.gatewayUrl, 'query { auditLog(first: 1, action: setProgramme) { entries { action actor { role } details } } }', {}, tokens.HQ),
    ).auditLog.entries;
    expect(log[0]).toMatchObject({ action: 'setProgramme', actor: { role: 'HQ' } });
    expect(JSON.parse(log[0].details)).toMatchObject({ growthPerYuan: 2, signInPoints: 20 });
    // A tier's badge stays when a later change leaves it out (the console's ladder page does), and goes when it is null.
    const badge = { code: 'PROGRAMME_SILVER', name: '银章' };
    ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput({ tiers: ladder([{}, { badge }]) }) }, tokens.HQ));
    const kept = ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput() }, tokens.HQ)).setProgramme.programme;
    expect(kept.tiers.map((t: { badge: unknown }) => t.badge)).toEqual([null, badge, null, null]);
    const removed = ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput({ tiers: ladder([{}, { badge: null }]) }) }, tokens.HQ));
    expect(removed.setProgramme.programme.tiers[1].badge).toBeNull();
  });

  const badLadders: [string, Record<string, unknown>, string][] = [
    ['two tiers', { tiers: ladder().slice(0, 2) }, 'tiers'],
    [
      'six tiers',
      {
        tiers: [
          ...ladder(),
          { code: 'X1', name: 'x', threshold: 30000, pointsMultiplierBps: 20000, upgradeGiftPoints: 0 },
          { code: 'X2', name: 'y', threshold: 40000, pointsMultiplierBps: 20000, upgradeGiftPoints: 0 },
        ],
      },
      'tiers',
    ],
    ['a lowest threshold above 0', { tiers: ladder([{ threshold: 10 }]) }, 'tiers.0.threshold'],
    ['thresholds not rising', { tiers: ladder([{}, {}, { threshold: 1000 }]) }, 'tiers.2.threshold'],
    ['a multiplier below x1.0', { tiers: ladder([{ pointsMultiplierBps: 9999 }]) }, 'tiers.0.pointsMultiplierBps'],
    ['a multiplier falling up the ladder', { tiers: ladder([{}, {}, { pointsMultiplierBps: 11000 }]) }, 'tiers.2.pointsMultiplierBps'],
    ['a duplicate code', { tiers: ladder([{}, { code: 'GOLD' }]) }, 'tiers'],
    ['a code in lower case', { tiers: ladder([{ code: 'normal' }]) }, 'tiers.0.code'],
    ['an empty name', { tiers: ladder([{ name: '  ' }]) }, 'tiers.0.name'],
    ['a tier described in more than 500 characters', { tiers: ladder([{}, { description: '权'.repeat(501) }]) }, 'tiers.1.description'],
    ['a negative gift', { tiers: ladder([{}, { upgradeGiftPoints: -1 }]) }, 'tiers.1.upgradeGiftPoints'],
    ['no points per yuan', { pointsPerYuanBurn: 0 }, 'pointsPerYuanBurn'],
    ['negative growth per yuan', { growthPerYuan: -1 }, 'growthPerYuan'],
    ['negative sign-in points', { signInPoints: -5 }, 'signInPoints'],
    ['negative growth per yuan of top-ups', { growthPerYuanTopUp: -1 }, 'growthPerYuanTopUp'],
    ['growth per yuan of top-ups above 1000', { growthPerYuanTopUp: 1001 }, 'growthPerYuanTopUp'],
  ];
  it.each(badLadders)('refuses %s, naming the field, and changes nothing', async (_, changes, field) => {
    const before = await programme();
    const response = await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput(changes) }, tokens.HQ);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(await programme()).toEqual(before);
  });
});

describe('growth from top-ups (docs/programme.md "Growth")', () => {
  const rate = async (token: string) => ok(await graphql(hub.gatewayUrl, 'query { programme { growthPerYuanTopUp } }', {}, token)).programme.growthPerYuanTopUp;
  const topUp = async (member: string, amount: string, bonus: string, key: string) =>
    ok(
      await graphql(
        hub.gatewayUrl,
        'mutation($i: TopUpInput!) { topUp(input: $i) { growthEarned transaction { id } wallet { balance { amount } } } }',
        { i: { memberId: member, storeId: A.stores[0]!.id, amount: { amount }, bonus: { amount: bonus }, idempotencyKey: key } },
        tokens.MERCHANT,
      ),
    ).topUp;

  it("a top-up's principal, not its bonus, earns growth at HQ's rate and upgrades at once, with the tier's gift", async () => {
    expect(await rate(tokens.HQ)).toBe(0);
    ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput({ growthPerYuanTopUp: 15 }) }, tokens.HQ));
    // Saved again by a client that does not know the rate (the console's ladder page): it stays.
    ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput() }, tokens.HQ));
    expect(await rate(tokens.MEMBER)).toBe(15);

    const member = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '充值', storeId: A.stores[0]!.id } }, tokens.TERMINAL),
    ).registerMember.member.id;
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: member }, tokens.MERCHANT)).createMemberSession.token;
    // ¥70.50 paid and ¥20 bonus: floor(7050 fen × 15 / 100) = 1057 growth, past SILVER's 1000 (its gift: 500 points).
    const first = await topUp(member, '70.50', '20', 'growth-1');
    expect(first.growthEarned).toBe(1057);
    expect(first.wallet.balance.amount).toBe('90.50');
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', {}, session)).me;
    expect(home.tier.code).toBe('SILVER');
    expect(home.tierProgress.growth).toBe(1057);
    expect(home.points.balance).toBe(500);
    // Replayed, it answers the same and moves nothing.
    const again = await topUp(member, '70.50', '20', 'growth-1');
    expect(again).toMatchObject({ growthEarned: 1057, transaction: { id: first.transaction.id } });
    expect(ok(await contract(hub.gatewayUrl, 'MemberHome', {}, session)).me.tierProgress.growth).toBe(1057);

    // At rate 0, a top-up earns nothing.
    ok(await contract(hub.gatewayUrl, 'SetProgramme', { input: programmeInput({ growthPerYuanTopUp: 0 }) }, tokens.HQ));
    expect((await topUp(member, '100', '0', 'growth-2')).growthEarned).toBe(0);
    expect(ok(await contract(hub.gatewayUrl, 'MemberHome', {}, session)).me.tierProgress.growth).toBe(1057);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('membership plans', () => {
  const plan = (changes: Record<string, unknown> = {}) => ({
    code: 'PLUS_YEAR',
    name: '黑金年卡',
    price: { amount: '199.00' },
    period: 'YEAR',
    pointsMultiplierBps: 15000,
    ...changes,
  });

  it('only HQ defines them; an inactive plan is shown to HQ alone', async () => {
    for (const token of [tokens.MERCHANT, tokens.TERMINAL, tokens.MEMBER]) {
      expect(codeOf(await contract(hub.gatewayUrl, 'SetMembershipPlan', { input: plan() }, token))).toBe('FORBIDDEN');
    }
    expect((await programme()).plans).toEqual([]);
    const set = ok(await contract(hub.gatewayUrl, 'SetMembershipPlan', { input: plan() }, tokens.HQ)).setMembershipPlan.plan;
    expect(set).toEqual({
      code: 'PLUS_YEAR',
      name: '黑金年卡',
      price: { amount: '199.00', currencyCode: 'CNY' },
      period: 'YEAR',
      pointsMultiplierBps: 15000,
      active: true,
    });
    ok(
      await contract(
        hub.gatewayUrl,
        'SetMembershipPlan',
        { input: plan({ code: 'PLUS_MONTH', name: '黑金月卡', price: { amount: '19.90' }, period: 'MONTH', active: false }) },
        tokens.HQ,
      ),
    );
    expect((await programme(tokens.MEMBER)).plans.map((p: { code: string }) => p.code)).toEqual(['PLUS_YEAR']);
    expect((await programme()).plans.map((p: { code: string }) => p.code)).toEqual(['PLUS_MONTH', 'PLUS_YEAR']);
    const changed = ok(await contract(hub.gatewayUrl, 'SetMembershipPlan', { input: plan({ price: { amount: '229' } }) }, tokens.HQ)).setMembershipPlan.plan;
    expect(changed.price.amount).toBe('229.00');
  });

  const badPlans: [string, Record<string, unknown>, string][] = [
    ['a bad code', { code: 'plus' }, 'code'],
    ['an empty name', { name: '' }, 'name'],
    ['a zero price', { price: { amount: '0' } }, 'price.amount'],
    ['a negative price', { price: { amount: '-1.00' } }, 'price.amount'],
    ['a price in another currency', { price: { amount: '10', currencyCode: 'USD' } }, 'price.currencyCode'],
    ['a multiplier below x1.0', { pointsMultiplierBps: 5000 }, 'pointsMultiplierBps'],
  ];
  it.each(badPlans)('refuses %s, naming the field, and changes nothing', async (_, changes, field) => {
    const before = await programme();
    const response = await contract(hub.gatewayUrl, 'SetMembershipPlan', { input: plan({ code: 'OTHER', ...changes }) }, tokens.HQ);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(await programme()).toEqual(before);
  });
});

describe('RFM through the gateway (contract v3)', () => {
  // The pyramid's numbers are test/rfm.test.ts's; here, who may see which.
  it("HQ sees the coalition's and any merchant's; a merchant its own only; nobody else", async () => {
    const asOf = await refreshRfm(hub.gatewayUrl, tokens.HQ);
    const coalition = ok(await contract(hub.gatewayUrl, 'Rfm', {}, tokens.HQ)).rfm;
    expect(coalition.asOf).toBe(asOf);
    expect(coalition).toMatchObject({ windowDays: 365, averages: { monetary: { amount: '0.00', currencyCode: 'CNY' } } });
    expect(coalition.segments.map((s: { segment: string }) => s.segment)).toEqual([
      'IMPORTANT_VALUE',
      'IMPORTANT_WINBACK',
      'IMPORTANT_DEVELOP',
      'IMPORTANT_RETAIN',
      'POTENTIAL',
      'NEW',
      'GENERAL_MAINTAIN',
      'LOST',
    ]);
    expect(outcome(await contract(hub.gatewayUrl, 'Rfm', { merchantId: B.id }, tokens.HQ))).toBe('ok');
    expect(outcome(await contract(hub.gatewayUrl, 'Rfm', {}, tokens.MERCHANT))).toBe('ok');
    expect(outcome(await contract(hub.gatewayUrl, 'Rfm', { merchantId: A.id }, tokens.MERCHANT))).toBe('ok');
    expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', { merchantId: B.id }, tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const role of ['OTHER_MERCHANT'] as const)
      expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', { merchantId: A.id }, tokens[role])), role).toBe('FORBIDDEN');
    for (const role of ['TERMINAL', 'OTHER_TERMINAL', 'MEMBER'] as const)
      expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', {}, tokens[role])), role).toBe('FORBIDDEN');
    expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', { merchantId: 'not-an-id' }, tokens.HQ))).toBe('BAD_USER_INPUT');
    expect(codeOf(await contract(hub.gatewayUrl, 'Rfm', { merchantId: '00000000-0000-4000-8000-000000000000' }, tokens.HQ))).toBe('NOT_FOUND');
  });
});
