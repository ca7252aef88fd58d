/**
 * Benefits (权益, issue 24, docs/benefits.md): the catalogue, who may see and change it, and the member discount at
 * checkout, refunded and settled. November 2026, settled in December. Brand A (issues and accepts), allies B and C
 * (accept); every rate is the default (150 bps, 1 point per ¥1 paid at 1 fen each). The member is NORMAL (no growth).
 *
 *   HQ's 会员九折 (10% off, at most ¥8, from ¥20; NORMAL; honoured at A and B; funded HQ 50%, A 30%, C 20%).
 *   B's 会员95折 (5% off, NORMAL); B's 金卡七折 (30%, GOLD only: not held); B's 八折 (20%, NORMAL, retired).
 *   A's 品牌九折 (10% off, at most ¥8, NORMAL).
 *   The member tops up ¥500 at A, then:
 *     1. at B: ¥123.45, HQ's 1234.5 → 1235 capped 800 beats B's 617: −¥8.00; shares A round(800 × 0.3) = 240,
 *        C 160, HQ the rest 400; stored value ¥100 (A's), ¥15.45 paid outside; 115 points on ¥115.45
 *     2. at B, memberDiscount false: ¥50 all stored value, nothing off
 *     3. at A: ¥100, A's 800 ties HQ's 800: A's own store's wins (funded by A alone: nothing to settle)
 *     4. at B: ¥15, under HQ's ¥20: B's 5% = 75 fen
 *     then A's 满95减5 on ¥100 at A: refused after A's ¥8 (¥92 left), applied with the discount left out
 *     5. checkout 1 refunded ¥23.45 of ¥123.45: memberDiscountBack round(800 × 2345/12345) = 152; shares back
 *        HQ round(400 × …) = 76, A 46, C 30
 *
 *   HQ's 免费停车 (SERVICE, NORMAL, 2 uses a month at ¥10, honoured at C, HQ's): used twice at C, the third refused.
 *   C's 免费洗车 (3 uses at ¥5, its own): two uses, then 20 racing for the last.
 *
 *   Points gifts, after 张三 reaches 银卡 (the ¥1,100 checkout of the packs' test, which also gives HQ's 银卡月礼, 200 points,
 *   at once): HQ's 100 points a month by the job (POINTS_GRANTED); A's 50 under a ¥0.40 budget, worth ¥0.50 at 100
 *   points a yuan: none (all or nothing); A's 300 on buying PLUS and 300 again on renewing it (POINTS_EARNED at A's
 *   earning cost, 100 fen per 100 points), with PLUS's monthly pack of one ¥3.00 coupon at the first purchase only.
 *
 *   November's benefit lines: B credit 800 − 152 = 6.48; A cost 240 − 46 = 1.94; C cost 160 − 30 = 1.30 and credit
 *   2 × 10.00 (its net 18.70; its own 洗车 moves nothing); HQ funds 400 − 76 + 2000 = 23.24; conservation holds exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, fieldOf, graphql, ok, type GraphQLResponse } from './support/graphql.js';
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
import { FixedClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/index.js';
import { MOVEMENT_HOOKS, grantDueBenefits } from '../subgraphs/wallet/marketing/index.js';
import { programmeInForce } from '../subgraphs/wallet/programme/index.js';

let hub: TestHub;
let A: SetUpMerchant;
let B: SetUpMerchant;
let C: SetUpMerchant;
let tokens: ThreeMerchants['tokens'];
let member: MemberWithSession;
let receiver: WebhookReceiver;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const benefits: Record<'hq' | 'b' | 'bGold' | 'bRetired' | 'a', string> = { hq: '', b: '', bGold: '', bRetired: '', a: '' };
const checkouts: string[] = [];
const services = { parking: '', wash: '' };

const BENEFIT_FIELDS = `id name kind active owner { id } tiers { code } plans { code } percentOff maxDiscount { amount } minOrder { amount }
  monthlyBudget { amount } acceptedBy { id } funders { merchant { id } shareBps }`;
const CREATE = `mutation($input: BenefitInput!) { createBenefit(input: $input) { benefit { ${BENEFIT_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateBenefitInput!) { updateBenefit(id: $id, input: $input) { benefit { ${BENEFIT_FIELDS} } } }`;
const LIST = `query($merchantId: ID) { benefits(merchantId: $merchantId) { id name } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) {
  transaction { id } memberDiscount { amount } memberDiscountBenefit { id name } couponDiscount { amount } storedValueUsed { amount } amountDue { amount } pointsEarned
  growthEarned } }`;
const REFUND = `mutation($input: RefundInput!) { refund(input: $input) { memberDiscountBack { amount } storedValueBack { amount } amountDueBack { amount } growthTakenBack } }`;

const create = (input: Record<string, unknown>, token: string) => graphql(url(), CREATE, { input }, token);
const listed = async (token: string, merchantId?: string) => ok(await graphql(url(), LIST, { merchantId }, token)).benefits.map((b: { id: string }) => b.id);
const pay = async (store: SetUpMerchant['stores'][number], till: string, input: Record<string, unknown>): Promise<GraphQLResponse> =>
  graphql(url(), CHECKOUT, { input: { payCode: await member.payCode(), storeId: store.id, storedValue: m('0'), ...input } }, till);

const HQ_DISCOUNT = {
  name: '会员九折',
  description: '联盟会员在合作品牌九折',
  kind: 'DISCOUNT',
  tiers: ['NORMAL'],
  percentOff: 10,
  maxDiscount: m('8.00'),
  minOrder: m('20.00'),
};

beforeAll(async () => {
  // The budget's webhook is heard on this machine's loopback, which a production hub refuses (webhooks.ts).
  hub = await startTestHub({ now: '2026-11-10T10:00:00+08:00', env: { UNICARD_WEBHOOK_ALLOW_PRIVATE: '1' } });
  receiver = await startWebhookReceiver();
  ({ A, B, C, tokens } = await setUpThreeMerchants(url(), hub.hq));
  member = await memberWithSession(url, A, '张三');
  ok(
    await contract(
      url(),
      'TopUp',
      { input: { payCode: await member.payCode(), storeId: A.stores[0]!.id, amount: m('500.00'), idempotencyKey: 'top-up' } },
      tokens.TERMINAL,
    ),
  );
});
afterAll(async () => Promise.all([hub?.stop(), receiver?.close()]));

/** The benefit-grants job's work run `times` at once against the hub's database, at `at`: what each run granted. */
async function grantsJobRunAtOnce(at: string, times: number) {
  const orm = await createOrm({ url: hub.databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: times * 2 });
  try {
    const clock = new FixedClock(new Date(at));
    const programme = await programmeInForce(orm.em.fork(), clock.now());
    return await Promise.all(
      Array.from({ length: times }, () => grantDueBenefits({ em: orm.em.fork(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS }, programme)),
    );
  } finally {
    await orm.close();
  }
}

describe('the benefits catalogue', () => {
  it("HQ's benefit names who honours and funds it; a merchant's is its own; bad input names the field and creates nothing", async () => {
    const funders = [{ shareBps: 5000 }, { merchantId: A.id, shareBps: 3000 }, { merchantId: C.id, shareBps: 2000 }];
    const hq = ok(await create({ ...HQ_DISCOUNT, acceptedBy: [A.id, B.id], funders }, tokens.HQ)).createBenefit.benefit;
    expect(hq).toMatchObject({ kind: 'DISCOUNT', active: true, owner: null, tiers: [{ code: 'NORMAL' }], percentOff: 10, maxDiscount: { amount: '8.00' } });
    expect(hq.funders).toEqual([
      { merchant: null, shareBps: 5000 },
      { merchant: { id: A.id }, shareBps: 3000 },
      { merchant: { id: C.id }, shareBps: 2000 },
    ]);
    benefits.hq = hq.id;
    const own = { kind: 'DISCOUNT', tiers: ['NORMAL'], percentOff: 5 };
    const b = ok(await create({ ...own, name: '会员95折' }, tokens.OTHER_MERCHANT)).createBenefit.benefit;
    expect(b).toMatchObject({
      owner: { id: B.id },
      acceptedBy: [{ id: B.id }],
      funders: [{ merchant: { id: B.id }, shareBps: 10000 }],
      minOrder: { amount: '0.00' },
    });
    benefits.b = b.id;
    benefits.bGold = ok(await create({ ...own, name: '金卡七折', tiers: ['GOLD'], percentOff: 30 }, tokens.OTHER_MERCHANT)).createBenefit.benefit.id;
    benefits.bRetired = ok(await create({ ...own, name: '八折', percentOff: 20 }, tokens.OTHER_MERCHANT)).createBenefit.benefit.id;
    benefits.a = ok(await create({ ...own, name: '品牌九折', percentOff: 10, maxDiscount: m('8.00') }, tokens.MERCHANT)).createBenefit.benefit.id;

    const before = await listed(tokens.HQ);
    for (const [input, token, code, field] of [
      [{ ...HQ_DISCOUNT, percentOff: 51, acceptedBy: [B.id] }, tokens.HQ, 'BAD_USER_INPUT', 'percentOff'],
      [{ ...HQ_DISCOUNT, tiers: ['PLATINUM'], acceptedBy: [B.id] }, tokens.HQ, 'BAD_USER_INPUT', 'tiers'],
      [{ ...HQ_DISCOUNT, plans: ['NO_SUCH_PLAN'], acceptedBy: [B.id] }, tokens.HQ, 'BAD_USER_INPUT', 'plans'],
      [{ ...HQ_DISCOUNT, points: 100, acceptedBy: [B.id] }, tokens.HQ, 'BAD_USER_INPUT', 'points'],
      [HQ_DISCOUNT, tokens.HQ, 'BAD_USER_INPUT', 'acceptedBy'],
      [{ ...HQ_DISCOUNT, acceptedBy: [B.id], funders: [{ shareBps: 6000 }, { merchantId: A.id, shareBps: 3000 }] }, tokens.HQ, 'BAD_USER_INPUT', 'funders'],
      [{ ...HQ_DISCOUNT, acceptedBy: [B.id], maxDiscount: m('0') }, tokens.HQ, 'BAD_USER_INPUT', 'maxDiscount.amount'],
      [{ name: '月度积分', kind: 'POINTS_GIFT', points: 100 }, tokens.HQ, 'BAD_USER_INPUT', 'occasion'],
      [{ name: '停车', kind: 'SERVICE', usesPerMonth: 2 }, tokens.HQ, 'BAD_USER_INPUT', 'costPerUse'],
      [
        { name: '券包', kind: 'COUPON_PACK', count: 2, occasion: 'MONTHLY', couponTemplateId: benefits.hq },
        tokens.MERCHANT,
        'BAD_USER_INPUT',
        'couponTemplateId',
      ],
      [{ ...own, name: '   ' }, tokens.MERCHANT, 'BAD_USER_INPUT', 'name'],
      [{ ...own, name: '越权', acceptedBy: [B.id] }, tokens.MERCHANT, 'FORBIDDEN', undefined],
      [{ ...own, name: '越权', funders: [{ merchantId: B.id, shareBps: 10000 }] }, tokens.MERCHANT, 'FORBIDDEN', undefined],
      [{ ...own, name: '柜台' }, tokens.TERMINAL, 'FORBIDDEN', undefined],
      [{ ...own, name: '会员' }, member.session, 'FORBIDDEN', undefined],
      [{ ...own, name: '匿名' }, '', 'UNAUTHENTICATED', undefined],
    ] as const) {
      const refused = await create(input, token);
      expect([codeOf(refused), fieldOf(refused)], JSON.stringify(input)).toEqual([code, field]);
    }
    expect(await listed(tokens.HQ)).toEqual(before);
  });

  it('HQ lists every benefit or one merchant’s; a merchant its own and HQ’s it honours or funds; nobody else', async () => {
    expect(await listed(tokens.HQ)).toEqual(Object.values(benefits));
    expect(await listed(tokens.HQ, B.id)).toEqual([benefits.b, benefits.bGold, benefits.bRetired]);
    expect(await listed(tokens.MERCHANT)).toEqual([benefits.hq, benefits.a]);
    expect(await listed(tokens.OTHER_MERCHANT)).toEqual([benefits.hq, benefits.b, benefits.bGold, benefits.bRetired]);
    expect(await listed(tokens.C_MERCHANT)).toEqual([benefits.hq]);
    expect(codeOf(await graphql(url(), LIST, { merchantId: B.id }, tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const token of [tokens.TERMINAL, member.session]) expect(codeOf(await graphql(url(), LIST, {}, token))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url(), LIST, {}, ''))).toBe('UNAUTHENTICATED');
  });

  it('changes tiers, budget and standing, never terms; a merchant only its own', async () => {
    const update = (id: string, input: Record<string, unknown>, token: string) => graphql(url(), UPDATE, { id, input }, token);
    expect(codeOf(await update(benefits.b, { active: false }, tokens.MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await update(benefits.hq, { active: false }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await update('00000000-0000-4000-8000-000000000000', { active: false }, tokens.MERCHANT))).toBe('FORBIDDEN');
    expect(fieldOf(await update(benefits.b, { tiers: ['PLATINUM'] }, tokens.OTHER_MERCHANT))).toBe('tiers');
    const terms = await graphql(url(), UPDATE, { id: benefits.b, input: { percentOff: 50 } }, tokens.OTHER_MERCHANT);
    expect([codeOf(terms), fieldOf(terms)]).toEqual(['BAD_USER_INPUT', 'input']);
    const retired = ok(await update(benefits.bRetired, { active: false, monthlyBudget: m('1000.00') }, tokens.OTHER_MERCHANT)).updateBenefit.benefit;
    expect(retired).toMatchObject({ active: false, percentOff: 20, monthlyBudget: { amount: '1000.00' }, tiers: [{ code: 'NORMAL' }] });
    const cleared = ok(await update(benefits.bRetired, { monthlyBudget: null }, tokens.HQ)).updateBenefit.benefit;
    expect(cleared).toMatchObject({ active: false, monthlyBudget: null });
    // C, a funder of HQ's benefit, sees its terms.
    const funding = `query { benefits { id funders { shareBps } } }`;
    expect(ok(await graphql(url(), funding, {}, tokens.C_MERCHANT)).benefits).toEqual([
      { id: benefits.hq, funders: [{ shareBps: 5000 }, { shareBps: 3000 }, { shareBps: 2000 }] },
    ]);
  });
});

describe('the member discount at checkout', () => {
  it('the largest held and valid here applies first, funded by its funders; the coupon and tenders follow it', async () => {
    const input = { payCode: await member.payCode(), storeId: B.stores[0]!.id, orderAmount: m('123.45'), storedValue: m('100.00'), idempotencyKey: 'c1' };
    const first = ok(await graphql(url(), CHECKOUT, { input }, tokens.OTHER_TERMINAL)).checkout;
    expect(first).toMatchObject({
      memberDiscount: { amount: '8.00' },
      memberDiscountBenefit: { id: benefits.hq, name: '会员九折' },
      storedValueUsed: { amount: '100.00' },
      amountDue: { amount: '15.45' },
      pointsEarned: 115,
      growthEarned: 115, // growth, like points, on what was paid
    });
    checkouts.push(first.transaction.id);
    const lines = await withDatabase(hub.databaseUrl, async (db) =>
      (
        await db.query(
          `select account, coalesce(merchant_id::text, 'HQ') as who, amount::text from wallet.journal_entry
           where transaction_id = $1 and account like 'BENEFIT%' order by account, amount`,
          [first.transaction.id],
        )
      ).rows.map((r) => `${r.account} ${r.who === A.id ? 'A' : r.who === B.id ? 'B' : r.who === C.id ? 'C' : r.who} ${r.amount}`),
    );
    expect(lines).toEqual(['BENEFIT_FUNDED C 160', 'BENEFIT_FUNDED A 240', 'BENEFIT_FUNDED HQ 400', 'BENEFIT_GIVEN B -800']);
    // A replay answers the same, and moves nothing again.
    const replay = ok(await graphql(url(), CHECKOUT, { input }, tokens.OTHER_TERMINAL)).checkout;
    expect(replay.transaction.id).toBe(first.transaction.id);
    expect(replay.memberDiscount).toEqual({ amount: '8.00' });
    // The till sees which benefit it was, not its budget or funding.
    const terms = await graphql(
      url(),
      'mutation($input: CheckoutInput!) { checkout(input: $input) { memberDiscount { amount } memberDiscountBenefit { id funders { shareBps } } } }',
      { input },
      tokens.OTHER_TERMINAL,
    );
    expect(codeOf(terms)).toBe('FORBIDDEN');
  });

  it('the till may leave it out of one order; a tie goes to the store’s own merchant; under a minimum the next one applies', async () => {
    const without = ok(
      await pay(B.stores[0]!, tokens.OTHER_TERMINAL, { orderAmount: m('50.00'), storedValue: m('50.00'), memberDiscount: false, idempotencyKey: 'c2' }),
    ).checkout;
    expect(without).toMatchObject({ memberDiscount: { amount: '0.00' }, memberDiscountBenefit: null, storedValueUsed: { amount: '50.00' }, pointsEarned: 50 });
    const tie = ok(await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('100.00'), storedValue: m('50.00'), idempotencyKey: 'c3' })).checkout;
    expect(tie).toMatchObject({
      memberDiscount: { amount: '8.00' },
      memberDiscountBenefit: { id: benefits.a },
      amountDue: { amount: '42.00' },
      pointsEarned: 92,
    });
    const small = ok(await pay(B.stores[0]!, tokens.OTHER_TERMINAL, { orderAmount: m('15.00'), idempotencyKey: 'c4' })).checkout;
    expect(small).toMatchObject({
      memberDiscount: { amount: '0.75' },
      memberDiscountBenefit: { id: benefits.b },
      amountDue: { amount: '14.25' },
      pointsEarned: 14,
    });
    // Stored value past what the discount leaves is refused, and changes nothing.
    const refused = await pay(B.stores[0]!, tokens.OTHER_TERMINAL, { orderAmount: m('20.00'), storedValue: m('19.50'), idempotencyKey: 'c5' });
    expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', 'storedValue.amount']);
  });

  it('a coupon’s threshold applies to what the member discount leaves: COUPON_NOT_APPLICABLE, unless the till leaves the discount out', async () => {
    const template = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: '满95减5', kind: 'AMOUNT_OFF', amountOff: m('5.00'), minOrder: m('95.00'), validDays: 30, budget: 10 } },
        tokens.MERCHANT,
      ),
    ).createCouponTemplate.template;
    ok(await contract(url(), 'IssueCoupons', { input: { templateId: template.id, memberIds: [member.id], idempotencyKey: 'coupon' } }, tokens.MERCHANT));
    const [coupon] = ok(await contract(url(), 'MemberHome', { first: 1 }, member.session)).me.coupons;
    // ¥100 less A's ¥8 leaves ¥92, under the coupon's ¥95.
    const refused = await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('100.00'), couponId: coupon.id, idempotencyKey: 'c6' });
    expect([codeOf(refused), fieldOf(refused)]).toEqual(['COUPON_NOT_APPLICABLE', 'couponId']);
    const withCoupon = ok(
      await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('100.00'), couponId: coupon.id, memberDiscount: false, idempotencyKey: 'c7' }),
    ).checkout;
    expect(withCoupon).toMatchObject({
      memberDiscount: { amount: '0.00' },
      couponDiscount: { amount: '5.00' },
      amountDue: { amount: '95.00' },
      pointsEarned: 95,
    });
  });

  it('a partial refund gives back each funder’s share in proportion, and the till is told the discount given back', async () => {
    const back = ok(
      await graphql(url(), REFUND, { input: { transactionId: checkouts[0], orderAmount: m('23.45'), idempotencyKey: 'r1' } }, tokens.OTHER_TERMINAL),
    ).refund;
    // Growth back in proportion, rounded down: 115 × 2,345 / 12,345 = 21.8.
    expect(back).toEqual({
      memberDiscountBack: { amount: '1.52' },
      storedValueBack: { amount: '19.00' },
      amountDueBack: { amount: '2.93' },
      growthTakenBack: 21,
    });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

const REDEEM = `mutation($input: RedeemBenefitInput!) { redeemBenefit(input: $input) { redemption { id benefit { id name } } usesLeftThisMonth } }`;
const redeem = async (benefitId: string, store: SetUpMerchant['stores'][number], till: string, idempotencyKey: string, payCode?: string) =>
  graphql(url(), REDEEM, { input: { payCode: payCode ?? (await member.payCode()), storeId: store.id, benefitId, idempotencyKey } }, till);

describe('service benefits at the till', () => {
  it('are used within their uses this month, at the stores that honour them, checked in order; replays answer the same', async () => {
    const service = { kind: 'SERVICE', tiers: ['NORMAL'], usesPerMonth: 2, costPerUse: m('10.00') };
    const parking = ok(await create({ ...service, name: '免费停车', acceptedBy: [C.id] }, tokens.HQ)).createBenefit.benefit.id;
    services.parking = parking;
    const gold = ok(await create({ ...service, name: '金卡停车', tiers: ['GOLD'], acceptedBy: [C.id] }, tokens.HQ)).createBenefit.benefit.id;
    const cTill = await authenticate(url(), C.stores[0]!.terminal);
    const code = await member.payCode();
    const first = ok(await redeem(parking, C.stores[0]!, cTill, 'p1', code)).redeemBenefit;
    expect(first).toMatchObject({ redemption: { benefit: { id: parking, name: '免费停车' } }, usesLeftThisMonth: 1 });
    expect(ok(await redeem(parking, C.stores[0]!, cTill, 'p1', code)).redeemBenefit).toEqual(first);
    expect(ok(await redeem(parking, C.stores[0]!, cTill, 'p2')).redeemBenefit.usesLeftThisMonth).toBe(0);
    for (const [benefitId, store, till, code, field] of [
      [parking, C.stores[0]!, cTill, 'BENEFIT_EXHAUSTED', undefined],
      [parking, B.stores[0]!, tokens.OTHER_TERMINAL, 'BENEFIT_NOT_APPLICABLE', 'benefitId'],
      [gold, C.stores[0]!, cTill, 'BENEFIT_NOT_APPLICABLE', 'benefitId'],
      ['00000000-0000-4000-8000-000000000000', C.stores[0]!, cTill, 'BENEFIT_NOT_APPLICABLE', 'benefitId'],
      [benefits.b, B.stores[0]!, tokens.OTHER_TERMINAL, 'BAD_USER_INPUT', 'benefitId'],
      [parking, C.stores[0]!, tokens.OTHER_TERMINAL, 'FORBIDDEN', undefined],
    ] as const) {
      const refused = await redeem(benefitId, store, till, `refused-${code}-${benefitId}`);
      expect([codeOf(refused), fieldOf(refused)], `${code} ${benefitId}`).toEqual([code, field]);
    }
    // A frozen wallet is refused first, even for a benefit not held.
    ok(await contract(url(), 'FreezeWallet', {}, member.session));
    expect(codeOf(await redeem(gold, C.stores[0]!, cTill, 'frozen'))).toBe('WALLET_FROZEN');
    ok(await graphql(url(), 'mutation { unfreezeWallet { status } }', {}, member.session));
    for (const token of [tokens.HQ, tokens.OTHER_MERCHANT, member.session])
      expect(codeOf(await redeem(parking, C.stores[0]!, token, 'role'))).toBe('FORBIDDEN');
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it('twenty uses racing for the last one: one wins, the others are BENEFIT_EXHAUSTED', async () => {
    const wash = ok(await create({ name: '免费洗车', kind: 'SERVICE', tiers: ['NORMAL'], usesPerMonth: 3, costPerUse: m('5.00') }, tokens.C_MERCHANT))
      .createBenefit.benefit.id;
    services.wash = wash;
    const cTill = await authenticate(url(), C.stores[0]!.terminal);
    for (const key of ['w1', 'w2']) ok(await redeem(wash, C.stores[0]!, cTill, key));
    const codes = await Promise.all(Array.from({ length: 20 }, () => member.payCode()));
    const outcomes = await Promise.all(codes.map(async (code, i) => codeOf(await redeem(wash, C.stores[0]!, cTill, `race-${i}`, code)) ?? 'ok'));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'BENEFIT_EXHAUSTED')).toHaveLength(19);
    const uses = await withDatabase(hub.databaseUrl, async (db) =>
      Number((await db.query("select count(*) from wallet.journal_transaction where kind = 'BENEFIT_USE' and benefit_id = $1", [wash])).rows[0].count),
    );
    expect(uses).toBe(3);
  });
});

describe('what the member, a back office and a till see', () => {
  it('the till its own store’s discounts and services with their uses left; the member all it holds and what the next tier adds', async () => {
    const silver = ok(await create({ name: '银卡月礼', kind: 'POINTS_GIFT', tiers: ['SILVER'], points: 200, occasion: 'MONTHLY' }, tokens.HQ)).createBenefit
      .benefit.id;
    ok(await graphql(url(), UPDATE, { id: benefits.bGold, input: { tiers: ['SILVER', 'GOLD'] } }, tokens.OTHER_MERCHANT));
    const LOOKUP = 'query($code: String!) { payCode(code: $code) { benefits { benefit { id kind } source usesLeftThisMonth } } }';
    const atTill = async (till: string) =>
      ok(await graphql(url(), LOOKUP, { code: await member.payCode() }, till)).payCode.benefits.map((h: any) => [h.benefit.id, h.usesLeftThisMonth]);
    expect(await atTill(await authenticate(url(), C.stores[0]!.terminal))).toEqual([
      [services.parking, 0],
      [services.wash, 0],
    ]);
    expect(await atTill(tokens.OTHER_TERMINAL)).toEqual([
      [benefits.hq, null],
      [benefits.b, null],
    ]);
    const me = ok(await graphql(url(), '{ me { benefits { benefit { id } source } nextTierBenefits { id } } }', {}, member.session)).me;
    expect(me.benefits.map((h: any) => h.benefit.id)).toEqual([benefits.hq, benefits.b, benefits.a, services.parking, services.wash]);
    expect(new Set(me.benefits.map((h: any) => h.source))).toEqual(new Set(['TIER']));
    expect(me.nextTierBenefits.map((b: any) => b.id)).toEqual([benefits.bGold, silver]);
    // The back office of A, which the member joined, sees what A's stores honour.
    const byA = ok(await graphql(url(), 'query($id: ID!) { member(id: $id) { benefits { benefit { id } } } }', { id: member.id }, tokens.MERCHANT)).member;
    expect(byA.benefits.map((h: any) => h.benefit.id)).toEqual([benefits.hq, benefits.a]);
  });
});

describe("a benefit's monthly budget", () => {
  it('never stops a discount; its owner hears BENEFIT_BUDGET once at 80% and once at 100% of the month’s cost, refunds included', async () => {
    const D = await setUpMerchant(url(), tokens.HQ, {
      name: 'Brand D',
      kind: 'BRAND',
      stores: ['D1'],
      terms: { canIssue: false, canAccept: true, commissionBps: 150 },
    });
    const office = await authenticate(url(), D.backOffice);
    const set = ok(await contract(url(), 'SetWebhook', { input: { url: receiver.url, events: ['BENEFIT_BUDGET'] } }, office)).setWebhook;
    receiver.secret = set.signingSecret;
    const budgeted = ok(await create({ name: '会员九折', kind: 'DISCOUNT', tiers: ['NORMAL'], percentOff: 10, monthlyBudget: m('20.00') }, office))
      .createBenefit.benefit.id;
    const till = await authenticate(url(), D.stores[0]!.terminal);
    const buy = async (amount: string, key: string) => ok(await pay(D.stores[0]!, till, { orderAmount: m(amount), idempotencyKey: key })).checkout;
    const heard = () => receiver.deliveries().map((d) => [d.body.data.threshold, d.body.data.used]);
    const first = await buy('100.00', 'd1'); // ¥10 of ¥20: 50%
    await buy('70.00', 'd2'); // ¥17: 85%
    await until('the 80% notice', () => heard().length === 1, { timeoutMs: 20_000 });
    // A refund of half the first order gives back ¥5 (¥12, 60%); the notice stays sent, and is not sent again.
    ok(await graphql(url(), REFUND, { input: { transactionId: first.transaction.id, orderAmount: m('50.00'), idempotencyKey: 'd1-back' } }, till));
    const over = await buy('100.00', 'd3'); // ¥22: 110%, and the discount is still given
    expect(over.memberDiscount).toEqual({ amount: '10.00' });
    await until('the 100% notice', () => heard().length === 2, { timeoutMs: 20_000 });
    expect(heard()).toEqual([
      [80, '17.00'],
      [100, '22.00'],
    ]);
    expect(receiver.deliveries().map((d) => d.body.data)).toEqual([
      expect.objectContaining({ benefitId: budgeted, month: '2026-11', budget: '20.00' }),
      expect.objectContaining({ benefitId: budgeted, month: '2026-11', budget: '20.00' }),
    ]);
  });
});

describe('coupon packs', () => {
  it('MONTHLY: the month’s holders get it from the job, once, valid to the month’s end; ON_REACHING: at once, in the checkout that reaches the tier', async () => {
    const template = async (input: Record<string, unknown>) =>
      ok(await contract(url(), 'CreateCouponTemplate', { input: { kind: 'AMOUNT_OFF', budget: 100, ...input } }, tokens.MERCHANT)).createCouponTemplate.template
        .id;
    const coffee = await template({ name: '月度咖啡券', amountOff: m('3.00'), validDays: 90 });
    const gift = await template({ name: '升级礼券', amountOff: m('10.00'), validDays: 30 });
    const pack = { kind: 'COUPON_PACK', couponTemplateId: coffee, count: 2, tiers: ['NORMAL'] };
    const monthly = ok(await create({ ...pack, name: '每月咖啡', occasion: 'MONTHLY' }, tokens.MERCHANT)).createBenefit.benefit.id;
    ok(await create({ ...pack, name: '银卡礼包', couponTemplateId: gift, count: 1, tiers: ['SILVER'], occasion: 'ON_REACHING' }, tokens.MERCHANT));
    const birthday = ok(await create({ ...pack, name: '生日礼', couponTemplateId: gift, count: 1, occasion: 'BIRTHDAY' }, tokens.MERCHANT)).createBenefit
      .benefit.id;
    // A member born in November (the hub keeps the month), registered at A's till.
    const born = ok(
      await contract(
        url(),
        'RegisterMember',
        { input: { phone: newPhone(), name: '李四', birthday: '1990-11-05', storeId: A.stores[0]!.id } },
        tokens.TERMINAL,
      ),
    ).registerMember.member.id;
    // Ten days on, the job (run when the clock moves, as at a start) grants the month, and November's birthdays.
    await hub.moveClockTo('2026-11-20T10:00:00+08:00');
    await member.renewSession();
    const held = async (templateId: string) =>
      ok(await graphql(url(), '{ me { coupons { template { id } validUntil } } }', {}, member.session)).me.coupons.filter(
        (c: any) => c.template.id === templateId,
      );
    await until('the month’s pack', async () => (await held(coffee)).length === 2 || undefined, { timeoutMs: 20_000 });
    expect((await held(coffee)).map((c: any) => c.validUntil)).toEqual(['2026-11-30T16:00:00.000Z', '2026-11-30T16:00:00.000Z']);
    await hub.moveClockTo('2026-11-20T10:05:00+08:00');
    await member.renewSession();
    const grants = async () =>
      withDatabase(
        hub.databaseUrl,
        async (db) =>
          (await db.query('select occasion, coupons from wallet.benefit_grant where benefit_id = $1 and member_id = $2', [monthly, member.id])).rows,
      );
    await until('the job again', async () => (await grants()).length === 1 || undefined);
    expect(await grants()).toEqual([{ occasion: '2026-11', coupons: 2 }]);
    expect(await held(coffee)).toHaveLength(2);
    // ¥1,100 paid outside, less A's ¥8: 1,092 growth reaches 银卡 (1,000), whose pack comes with the checkout.
    const till = await authenticate(url(), A.stores[0]!.terminal);
    ok(await pay(A.stores[0]!, till, { orderAmount: m('1100.00'), idempotencyKey: 'upgrade' }));
    expect(await held(gift)).toHaveLength(1);
    expect(ok(await graphql(url(), '{ me { tier { code } } }', {}, member.session)).me.tier.code).toBe('SILVER');
    // The birthday pack went to the member born in November only (张三's birthday the hub does not know); the next comes next November.
    const birthdays = await withDatabase(
      hub.databaseUrl,
      async (db) => (await db.query('select member_id, occasion, coupons from wallet.benefit_grant where benefit_id = $1', [birthday])).rows,
    );
    expect(birthdays).toEqual([{ member_id: born, occasion: 'birthday:2026', coupons: 1 }]);
    const session = ok(await contract(url(), 'CreateMemberSession', { memberId: born }, await authenticate(url(), A.backOffice))).createMemberSession.token;
    const next = ok(await graphql(url(), '{ me { benefits { benefit { id } nextGrantAt } } }', {}, session)).me.benefits;
    expect(next.filter((h: any) => [monthly, birthday].includes(h.benefit.id))).toEqual([
      { benefit: { id: monthly }, nextGrantAt: '2026-11-30T16:00:00.000Z' },
      { benefit: { id: birthday }, nextGrantAt: '2027-10-31T16:00:00.000Z' },
    ]);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('points gifts', () => {
  it('MONTHLY from the job as a movement funded by the owner, all or nothing within a budget; ON_REACHING a plan at each purchase, with the month’s plan pack', async () => {
    const [hq, office] = [await authenticate(url(), hub.hq), await authenticate(url(), A.backOffice)]; // the clock has moved on
    const gift = (input: Record<string, unknown>, token: string) =>
      create({ kind: 'POINTS_GIFT', tiers: ['SILVER'], occasion: 'MONTHLY', ...input }, token).then((r) => ok(r).createBenefit.benefit.id as string);
    // 张三 is 银卡 since the checkout above. HQ's 100 points a month; A's 50 under a ¥0.40 budget (their burn value is
    // ¥0.50 at 100 points a yuan: no room, so none); A's 300 on buying or renewing PLUS, and a plan pack of A's 月度咖啡券.
    const hqGift = await gift({ name: '银卡月度赠分', points: 100 }, hq);
    const tight = await gift({ name: '紧预算赠分', points: 50, monthlyBudget: m('0.40') }, office);
    ok(
      await contract(
        url(),
        'SetMembershipPlan',
        { input: { code: 'PLUS', name: '会员PLUS', price: m('99'), period: 'MONTH', pointsMultiplierBps: 10000 } },
        hq,
      ),
    );
    const onPlan = await gift({ name: 'PLUS开通礼', points: 300, tiers: [], plans: ['PLUS'], occasion: 'ON_REACHING' }, office);
    const coffee = ok(await graphql(url(), '{ couponTemplates { id name } }', {}, office)).couponTemplates.find((t: any) => t.name === '月度咖啡券').id;
    const planPack = ok(
      await create({ name: 'PLUS月度咖啡', kind: 'COUPON_PACK', couponTemplateId: coffee, count: 1, plans: ['PLUS'], occasion: 'MONTHLY' }, office),
    ).createBenefit.benefit.id;

    const grants = (benefitId: string) =>
      withDatabase(
        hub.databaseUrl,
        async (db) =>
          (
            await db.query(
              'select occasion, coupons, points::int, value::int from wallet.benefit_grant where benefit_id = $1 and member_id = $2 order by granted_at',
              [benefitId, member.id],
            )
          ).rows,
      );
    const gifts = (benefitId: string) =>
      withDatabase(
        hub.databaseUrl,
        async (db) =>
          (
            await db.query(
              `select e.account, e.merchant_id, e.amount::int, e.points_rate from wallet.journal_transaction t join wallet.journal_entry e on e.transaction_id = t.id
               where t.kind = 'BENEFIT_POINTS' and t.benefit_id = $1 and t.member_id = $2 order by t.occurred_at, e.account`,
              [benefitId, member.id],
            )
          ).rows,
      );
    const balance = async () => ok(await graphql(url(), '{ me { points { balance } } }', {}, member.session)).me.points.balance as number;
    const before = await balance();
    await hub.moveClockTo('2026-11-20T10:10:00+08:00'); // the job runs, as at a start
    await member.renewSession();
    await until('the month’s gifts', async () => ((await grants(hqGift)).length === 1 && (await grants(tight)).length === 1) || undefined, {
      timeoutMs: 20_000,
    });
    expect(await grants(hqGift)).toEqual([{ occasion: '2026-11', coupons: 0, points: 100, value: 100 }]);
    expect(await grants(tight)).toEqual([{ occasion: '2026-11', coupons: 0, points: 0, value: 0 }]);
    expect(await gifts(hqGift)).toEqual([
      { account: 'MEMBER_POINTS', merchant_id: null, amount: -100, points_rate: null },
      { account: 'POINTS_GRANTED', merchant_id: null, amount: 100, points_rate: null },
    ]);
    expect(await gifts(tight)).toEqual([]);
    expect(await balance()).toBe(before + 100);

    // The purchase gives the plan's gift and this month's plan pack at once; a renewal the gift again, not the month's pack.
    const buy = async (n: number) =>
      ok(await contract(url(), 'BuyMembershipPlan', { input: { planCode: 'PLUS', paymentRef: `plus-${n}`, idempotencyKey: `plus-${n}` } }, member.session));
    await buy(1);
    expect(await balance()).toBe(before + 400);
    await buy(2);
    expect(await balance()).toBe(before + 700);
    expect((await grants(onPlan)).map((g: any) => [g.occasion.split(':').slice(0, 2).join(':'), g.points])).toEqual([
      ['plan:PLUS', 300],
      ['plan:PLUS', 300],
    ]);
    // A's gifts are points A issues, at its earning cost (1 fen a point: 100 fen per 100 points).
    expect(await gifts(onPlan)).toEqual([
      { account: 'MEMBER_POINTS', merchant_id: null, amount: -300, points_rate: null },
      { account: 'POINTS_EARNED', merchant_id: A.id, amount: 300, points_rate: 100 },
      { account: 'MEMBER_POINTS', merchant_id: null, amount: -300, points_rate: null },
      { account: 'POINTS_EARNED', merchant_id: A.id, amount: 300, points_rate: 100 },
    ]);
    expect(await grants(planPack)).toEqual([{ occasion: '2026-11', coupons: 1, points: 0, value: 300 }]);
    // The programme shows what the plan carries, to the member too.
    const plans = ok(await graphql(url(), '{ programme { plans { code benefits { id name kind } } } }', {}, member.session)).programme.plans;
    expect(plans.find((p: any) => p.code === 'PLUS').benefits).toEqual([
      { id: onPlan, name: 'PLUS开通礼', kind: 'POINTS_GIFT' },
      { id: planPack, name: 'PLUS月度咖啡', kind: 'COUPON_PACK' },
    ]);
    // The gift moves in the purchase's transaction, at its instant.
    const kinds = ok(await contract(url(), 'MemberHome', { first: 2 }, member.session)).me.transactions.edges.map((e: any) => e.node.kind);
    expect(kinds.sort()).toEqual(['BENEFIT_POINTS', 'PLAN_PURCHASE']);
    // The job run twice at once, later in the month: nothing is given twice.
    const runs = await grantsJobRunAtOnce('2026-11-20T10:30:00+08:00', 2);
    expect(runs.flat().filter((g) => [hqGift, tight, planPack].includes(g.benefitId) && g.members > 0)).toEqual([]);
    expect([await grants(hqGift), await balance()]).toEqual([[{ occasion: '2026-11', coupons: 0, points: 100, value: 100 }], before + 700]);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('usage and cost per benefit and per tier', () => {
  it('counts who held, who used and what it cost, per tier at the tier of each use; a merchant its own and what it co-funds; nobody else', async () => {
    const [hq, office] = [await authenticate(url(), hub.hq), await authenticate(url(), A.backOffice)];
    const USAGE = `query($month: String!, $merchantId: ID) {
      benefitUsage(month: $month, merchantId: $merchantId) { benefit { id } entitled users uses usageRateBps cost { amount } budget { amount } budgetUsed { amount } }
      tierBenefitCost(month: $month, merchantId: $merchantId) { tier { code } benefitCost { amount } paid { amount } costRateBps } }`;
    const usage = async (token: string, merchantId?: string) => ok(await graphql(url(), USAGE, { month: '2026-11', merchantId }, token));
    const coalition = await usage(hq);
    const of = (id: string) => coalition.benefitUsage.find((u: any) => u.benefit.id === id);
    // Both members held the NORMAL benefits in November (张三 until its upgrade). HQ's 九折: checkout 1's 8.00 less 1.52 back.
    expect(of(benefits.hq)).toEqual({
      benefit: { id: benefits.hq },
      entitled: 2,
      users: 1,
      uses: 1,
      usageRateBps: 5000,
      cost: { amount: '6.48' },
      budget: null,
      budgetUsed: { amount: '6.48' },
    });
    // A's own: the tie at A and the upgrade's checkout, 8.00 each.
    expect(of(benefits.a)).toMatchObject({ entitled: 2, users: 1, uses: 2, cost: { amount: '16.00' } });
    expect(of(services.parking)).toMatchObject({ users: 1, uses: 2, cost: { amount: '20.00' } });
    // NORMAL: HQ's 6.48, A's 16.00, B's 0.75, D's 22.00, parking 20.00, C's wash 15.00 = 80.23, against 1,634.77 paid
    // (c1 115.45, c2 50, c3 92, c4 14.25, c7 95, r1 −21.93, D's 90 + 63 + 90 − 45, the upgrade's 1,092): 490 bps.
    // 银卡: the gifts given on and after reaching it, 200 + 100 + 300 + 300 points = 9.00, and nothing paid at it yet.
    const tiers = Object.fromEntries(coalition.tierBenefitCost.map((t: any) => [t.tier.code, t]));
    expect(tiers.NORMAL).toEqual({ tier: { code: 'NORMAL' }, benefitCost: { amount: '80.23' }, paid: { amount: '1634.77' }, costRateBps: 490 });
    expect(tiers.SILVER).toEqual({ tier: { code: 'SILVER' }, benefitCost: { amount: '9.00' }, paid: { amount: '0.00' }, costRateBps: null });
    // A sees its own benefits and HQ's it co-funds (九折), not HQ's parking; its tiers' cost is its own benefits' (A's 16.00)
    // against what its stores were paid (c3 92, c7 95, the upgrade's 1,092); HQ naming A sees the same.
    const mine = await usage(office);
    const ids = mine.benefitUsage.map((u: any) => u.benefit.id);
    expect(ids).toContain(benefits.hq);
    expect(ids).toContain(benefits.a);
    expect(ids).not.toContain(services.parking);
    expect(ids).not.toContain(benefits.b);
    expect(mine.tierBenefitCost.find((t: any) => t.tier.code === 'NORMAL')).toMatchObject({
      benefitCost: { amount: '16.00' },
      paid: { amount: '1279.00' },
      costRateBps: 125,
    });
    const named = await usage(hq, A.id);
    expect(named.tierBenefitCost).toEqual(mine.tierBenefitCost);
    expect(named.benefitUsage.map((u: any) => u.benefit.id)).toEqual(ids.filter((id: string) => id !== benefits.hq));
    // Nobody else; bad input names the field.
    for (const [token, variables, code, field] of [
      [office, { month: '2026-11', merchantId: B.id }, 'FORBIDDEN', undefined],
      [await authenticate(url(), A.stores[0]!.terminal), { month: '2026-11' }, 'FORBIDDEN', undefined],
      [member.session, { month: '2026-11' }, 'FORBIDDEN', undefined],
      [hq, { month: '2026-13' }, 'BAD_USER_INPUT', 'month'],
      [hq, { month: '2026-11', merchantId: 'nope' }, 'BAD_USER_INPUT', 'merchantId'],
    ] as const) {
      const refused = await graphql(url(), USAGE, variables, token);
      expect([codeOf(refused), fieldOf(refused)]).toEqual([code, field]);
    }
  });
});

describe('pack grants racing a budget', () => {
  it('three runs of the job at once, over ten new holders, grant whole coupons and whole gifts within the month’s budget and no more', async () => {
    const [office, till] = [await authenticate(url(), A.backOffice), await authenticate(url(), A.stores[0]!.terminal)];
    // Ten members registered at A, 普通; A's pack of two ¥3.00 coupons each, under a ¥16.00 month: five coupons fit.
    for (let i = 0; i < 10; i++) ok(await contract(url(), 'RegisterMember', { input: { phone: newPhone(), name: `抢${i}`, storeId: A.stores[0]!.id } }, till));
    const coffee = ok(await graphql(url(), '{ couponTemplates { id name } }', {}, office)).couponTemplates.find((t: any) => t.name === '月度咖啡券').id;
    const pack = ok(
      await create(
        { name: '限量礼包', kind: 'COUPON_PACK', couponTemplateId: coffee, count: 2, tiers: ['NORMAL'], occasion: 'MONTHLY', monthlyBudget: m('16.00') },
        office,
      ),
    ).createBenefit.benefit.id;
    // And A's 100 points a month (¥1.00 at 100 points a yuan) under a ¥3.50 month: three gifts fit, through the bulk path.
    const gift = ok(
      await create({ name: '限量赠分', kind: 'POINTS_GIFT', points: 100, tiers: ['NORMAL'], occasion: 'MONTHLY', monthlyBudget: m('3.50') }, office),
    ).createBenefit.benefit.id;
    await grantsJobRunAtOnce('2026-11-21T10:00:00+08:00', 3);
    const granted = await withDatabase(hub.databaseUrl, async (db) => ({
      grants: (await db.query('select coupons, value::int from wallet.benefit_grant where benefit_id = $1 order by member_id', [pack])).rows,
      coupons: Number((await db.query('select count(*) from wallet.coupon where benefit_id = $1', [pack])).rows[0].count),
      gifts: (
        await db.query(
          `select g.points::int, g.value::int, t.kind, t.points_change::int as change, t.member_id = g.member_id as own,
             (select string_agg(e.account || ' ' || e.amount || ' ' || coalesce(e.points_rate::text, '-'), ', ' order by e.account) from wallet.journal_entry e
              where e.transaction_id = t.id) as lines
           from wallet.benefit_grant g left join wallet.journal_transaction t on t.id = g.transaction_id where g.benefit_id = $1 order by g.member_id`,
          [gift],
        )
      ).rows,
    }));
    // Each member's gift is its own transaction, named by its grant: A's issued points at its earning cost, to the member.
    const given = { points: 100, value: 100, kind: 'BENEFIT_POINTS', change: 100, own: true, lines: 'MEMBER_POINTS -100 -, POINTS_EARNED 100 100' };
    const none = { points: 0, value: 0, kind: null, change: null, own: null, lines: null };
    expect(granted.gifts.length).toBeGreaterThanOrEqual(10);
    expect(granted.gifts).toEqual([given, given, given, ...granted.gifts.slice(3).map(() => none)]);
    // Every holder's occasion is spent once (the job may also have run in the hub meanwhile); whole grants in member order
    // until the budget: 2 + 2 + 1 coupons (¥15.00), the rest none.
    expect(granted.coupons).toBe(5);
    expect(granted.grants.map((g: any) => g.coupons)).toEqual([2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, granted.grants.length));
    expect(granted.grants.reduce((sum: number, g: any) => sum + g.value, 0)).toBe(1500);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe("benefits in November's settlement", () => {
  it('reimburses the store from the funders net of refunds, HQ’s share lowers its income, and conservation holds exactly', async () => {
    await hub.moveClockTo('2026-12-01T10:00:00+08:00');
    const hq = await authenticate(url(), hub.hq);
    ok(await contract(url(), 'RunSettlement', { period: '2026-11' }, hq));
    const run = ok(
      await graphql(
        url(),
        `query { settlement(period: "2026-11") { id totals { benefitCostsFundedByHq { amount } couponDiscountsFundedByHq { amount } }
           statements { merchant { id } benefitCredit { amount } benefitCost { amount } net { amount } } } }`,
        {},
        hq,
      ),
    ).settlement;
    const line = (id: string) => run.statements.find((s: { merchant: { id: string } }) => s.merchant.id === id);
    expect(line(B.id)).toMatchObject({ benefitCredit: { amount: '6.48' }, benefitCost: { amount: '0.00' } });
    expect(line(A.id)).toMatchObject({ benefitCredit: { amount: '0.00' }, benefitCost: { amount: '1.94' } });
    expect(line(C.id)).toMatchObject({ benefitCredit: { amount: '20.00' }, benefitCost: { amount: '1.30' }, net: { amount: '18.70' } });
    expect(run.totals).toEqual({ benefitCostsFundedByHq: { amount: '23.24' }, couponDiscountsFundedByHq: { amount: '0.00' } });
    const statement = ok(
      await graphql(url(), '{ myStatement(period: "2026-11") { benefitCredit { amount } } }', {}, await authenticate(url(), B.backOffice)),
    ).myStatement;
    expect(statement).toEqual({ benefitCredit: { amount: '6.48' } });
    expect(ok(await contract(url(), 'FinalizeSettlement', { id: run.id }, hq)).finalizeSettlement.status).toBe('FINALIZED');
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
