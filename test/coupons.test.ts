/**
 * Coupons end to end through the gateway with v3's operations (issue 11,
 * docs/marketing.md "Coupons"), in May 2026, settled in June. Brand A (issues
 * and accepts), allies B and C (accept); every rate is the default (150 bps,
 * 1 point per ¥1 paid at 1 fen each, 100 points per ¥1 burned).
 *
 *   A's 满100减20 (owner A, 30 days from issue, budget 3, at most 2 a member): two to the member, one to a
 *     member with marketing consent through an audience; then the budget is spent.
 *   HQ's 九折 (10% off, at most ¥15, accepted at B; funded HQ 50%, A 33.33%, C 16.67%) to the member.
 *   HQ's 咖啡一杯 (a gift of declared value ¥18, accepted at A, 50 points in the catalogue, budget 1).
 *   The member tops up ¥500 at A, then:
 *     1. at A: ¥150 order, 满减 −¥20, stored value ¥130: 130 points earned
 *     2. at B: ¥123.45 order, 九折 −¥12.35 (12.345 rounded half away), stored value ¥100 (A's), ¥11.10 paid outside:
 *        111 points; funding shares A round(1235 × 0.3333) = 412, C round(1235 × 0.1667) = 206, HQ the rest 617
 *     3. exchanges 50 points for 咖啡一杯: 130 + 111 − 50 = 191 points
 *     4. at A: ¥30 order, the gift −¥18, stored value ¥12: 12 points
 *     5. checkout 1 refunded whole: the 满减 comes back (still valid), ¥130 and 130 points back
 *     6. checkout 2 refunded ¥23.45 of ¥123.45: stored value round(10000 × 2345/12345) = 1900, outside
 *        round(1110 × 2345/12345) = 211, points floor(111 × 2345/12345) = 21; the coupon stays used
 *
 *   May's settlement:
 *     B: acquired 100.00 − 19.00 = 81.00, commission round(8100 × 1.5%) = 1.22, points 90 (0.90),
 *        coupon credit 6.17 + 4.12 + 2.06 = 12.35: net 81.00 − 1.22 − 0.90 + 12.35 = 91.23
 *     A: redeemed elsewhere 81.00, points 130 − 130 + 12 = 12 (0.12), coupon credit 18.00 (HQ's gift),
 *        coupon cost 4.12: net −81.00 − 0.12 + 18.00 − 4.12 = −67.24
 *     C: coupon cost 2.06: net −2.06
 *     HQ: funds 6.17 + 18.00 = 24.17; income 1.22 + 0.90 + 0.12 − 24.17 = −21.93; Σ net + HQ = 0
 *
 * Then, in June: 20 checkouts race for one coupon (one wins), and 12
 * issuances race a budget of 5 (never passed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, graphql, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, memberWithSession, setUpThreeMerchants, type MemberWithSession, type SetUpMerchant, type ThreeMerchants } from './support/coalition.js';
import { ledgerViolations } from './support/ledger.js';
import { until } from './support/wait.js';

let hub: TestHub;
let A: SetUpMerchant;
let B: SetUpMerchant;
let C: SetUpMerchant;
let tokens: ThreeMerchants['tokens'];
let member: MemberWithSession;
let consenting: MemberWithSession;
let stranger: MemberWithSession;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const templates: Record<'brand' | 'allied' | 'gift', string> = { brand: '', allied: '', gift: '' };
const checkouts: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00' });
  ({ A, B, C, tokens } = await setUpThreeMerchants(url(), hub.hq));
  member = await memberWithSession(url, A, '张三');
  consenting = await memberWithSession(url, A, '李四');
  stranger = await memberWithSession(url, B, '王五');
  ok(
    await contract(
      url(),
      'TopUp',
      { input: { payCode: await member.payCode(), storeId: A.stores[0]!.id, amount: m('500.00'), idempotencyKey: 'top-up' } },
      tokens.TERMINAL,
    ),
  );
});
afterAll(async () => hub?.stop());

const create = (input: Record<string, unknown>, token: string) => contract(url(), 'CreateCouponTemplate', { input }, token);
const issue = (input: Record<string, unknown>, token: string) => contract(url(), 'IssueCoupons', { input }, token);
const lookup = async (till: string, who = member) => ok(await contract(url(), 'LookupPayCode', { code: await who.payCode() }, till)).payCode;
const home = async (who = member) => ok(await contract(url(), 'MemberHome', { first: 1 }, who.session)).me;
const pay = async (store: SetUpStore, till: string, input: Record<string, unknown>, who = member): Promise<GraphQLResponse> =>
  contract(url(), 'Checkout', { input: { payCode: await who.payCode(), storeId: store.id, storedValue: m('0'), ...input } }, till);
type SetUpStore = SetUpMerchant['stores'][number];
const BRAND_COUPON = {
  name: '满100减20',
  description: '满¥100减¥20',
  kind: 'AMOUNT_OFF',
  amountOff: m('20.00'),
  minOrder: m('100.00'),
  validDays: 30,
  budget: 3,
  perMemberLimit: 2,
};

describe('coupon templates and issuance', () => {
  it("a brand's template is its own: valid at its stores, funded by it; bad input names the field and changes nothing", async () => {
    const created = ok(await create(BRAND_COUPON, tokens.MERCHANT)).createCouponTemplate.template;
    expect(created).toMatchObject({ name: '满100减20', kind: 'AMOUNT_OFF', owner: { id: A.id, name: 'Brand A' }, budget: 3, issued: 0, redeemed: 0 });
    templates.brand = created.id;

    expect(codeOf(await create({ ...BRAND_COUPON, acceptedBy: [B.id] }, tokens.MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await create({ ...BRAND_COUPON, funders: [{ merchantId: B.id, shareBps: 10000 }] }, tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const [input, name] of [
      [{ ...BRAND_COUPON, percentOff: 10 }, 'percentOff'],
      [{ ...BRAND_COUPON, amountOff: null }, 'amountOff'],
      [{ ...BRAND_COUPON, budget: 0 }, 'budget'],
      [{ ...BRAND_COUPON, validUntil: '2026-06-01T00:00:00Z' }, 'validUntil'],
      [{ ...BRAND_COUPON, validDays: null, validUntil: '2026-05-01T00:00:00Z' }, 'validUntil'],
      [{ ...BRAND_COUPON, amountOff: m('-1.00') }, 'amountOff.amount'],
      [{ ...BRAND_COUPON, name: ' ' }, 'name'],
      [{ ...BRAND_COUPON, kind: 'PERCENT_OFF', amountOff: null, percentOff: 100, maxDiscount: m('5.00') }, 'percentOff'],
    ] as const) {
      const refused = await create(input, tokens.MERCHANT);
      expect([codeOf(refused), fieldOf(refused)], name).toEqual(['BAD_USER_INPUT', name]);
    }
    for (const token of [tokens.TERMINAL, member.session]) expect(codeOf(await create(BRAND_COUPON, token))).toBe('FORBIDDEN');
    expect(codeOf(await create(BRAND_COUPON, ''))).toBe('UNAUTHENTICATED');
    const count = ok(await graphql(url(), 'query($id: ID!) { couponTemplate(id: $id) { issued } }', { id: templates.brand }, tokens.MERCHANT));
    expect(count.couponTemplate.issued).toBe(0);
  });

  it('issues to named members within the per-member limit, idempotently; only to its own members', async () => {
    const first = ok(await issue({ templateId: templates.brand, memberIds: [member.id], idempotencyKey: 'k1' }, tokens.MERCHANT)).issueCoupons;
    expect(first).toEqual({ issued: 1, skipped: 0, template: { id: templates.brand, issued: 1, budget: 3 } });
    expect(ok(await issue({ templateId: templates.brand, memberIds: [member.id], idempotencyKey: 'k1' }, tokens.MERCHANT)).issueCoupons.issued).toBe(1);
    expect(codeOf(await issue({ templateId: templates.brand, memberIds: [consenting.id], idempotencyKey: 'k1' }, tokens.MERCHANT))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(ok(await issue({ templateId: templates.brand, memberIds: [member.id], idempotencyKey: 'k2' }, tokens.MERCHANT)).issueCoupons).toMatchObject({
      issued: 1,
      template: { issued: 2 },
    });
    // The third would pass the limit of 2: skipped, not an error.
    expect(ok(await issue({ templateId: templates.brand, memberIds: [member.id], idempotencyKey: 'k3' }, tokens.MERCHANT)).issueCoupons).toMatchObject({
      issued: 0,
      skipped: 1,
      template: { issued: 2 },
    });

    expect(codeOf(await issue({ templateId: templates.brand, memberIds: [stranger.id], idempotencyKey: 'k4' }, tokens.MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await issue({ templateId: templates.brand, memberIds: [stranger.id], idempotencyKey: 'k4' }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await issue({ templateId: templates.brand, memberIds: ['not-an-id'], idempotencyKey: 'k5' }, tokens.MERCHANT))).toBe('BAD_USER_INPUT');
    expect(codeOf(await issue({ templateId: templates.brand, idempotencyKey: 'k6' }, tokens.MERCHANT))).toBe('BAD_USER_INPUT');
    for (const token of [tokens.TERMINAL, member.session]) {
      expect(codeOf(await issue({ templateId: templates.brand, memberIds: [member.id], idempotencyKey: 'k7' }, token))).toBe('FORBIDDEN');
    }
    expect((await home()).coupons.map((c: { template: { id: string } }) => c.template.id)).toEqual([templates.brand, templates.brand]);
  });

  it('an audience reaches only members with marketing consent, and the budget is never passed', async () => {
    // Nobody among A's members has consent yet.
    expect(ok(await issue({ templateId: templates.brand, audience: {}, idempotencyKey: 'a0' }, tokens.MERCHANT)).issueCoupons).toMatchObject({
      issued: 0,
      skipped: 0,
    });
    ok(await contract(url(), 'SetMarketingConsent', { marketing: true }, consenting.session));
    let attempt = 0;
    const reached = await until('the wallet to learn of the consent', async () => {
      const r = ok(await issue({ templateId: templates.brand, audience: {}, idempotencyKey: `a${++attempt}` }, tokens.MERCHANT)).issueCoupons;
      return r.issued > 0 && r;
    });
    expect(reached).toEqual({ issued: 1, skipped: 0, template: { id: templates.brand, issued: 3, budget: 3 } });
    expect((await home(consenting)).coupons).toHaveLength(1);
    expect((await home(stranger)).coupons).toHaveLength(0);
    expect(codeOf(await issue({ templateId: templates.brand, memberIds: [consenting.id], idempotencyKey: 'over' }, tokens.MERCHANT))).toBe('BUDGET_EXHAUSTED');
  });

  it("HQ's template names acceptors and co-funders whose shares add up to the whole; its terms are HQ's", async () => {
    const allied = {
      name: '联盟九折',
      kind: 'PERCENT_OFF',
      percentOff: 10,
      maxDiscount: m('15.00'),
      validUntil: '2026-06-30T16:00:00Z',
      budget: 100,
      acceptedBy: [B.id],
    };
    const funders = [{ shareBps: 5000 }, { merchantId: A.id, shareBps: 3333 }, { merchantId: C.id, shareBps: 1667 }];
    const short = await create({ ...allied, funders: [{ shareBps: 5000 }, { merchantId: A.id, shareBps: 4000 }] }, tokens.HQ);
    expect([codeOf(short), fieldOf(short)]).toEqual(['BAD_USER_INPUT', 'funders']);
    const none = await create({ ...allied, acceptedBy: [] }, tokens.HQ);
    expect([codeOf(none), fieldOf(none)]).toEqual(['BAD_USER_INPUT', 'acceptedBy']);
    templates.allied = ok(await create({ ...allied, funders }, tokens.HQ)).createCouponTemplate.template.id;
    templates.gift = ok(
      await create(
        { name: '咖啡一杯', description: '任意中杯', kind: 'GIFT', giftValue: m('18.00'), validDays: 7, budget: 1, pointsPrice: 50, acceptedBy: [A.id] },
        tokens.HQ,
      ),
    ).createCouponTemplate.template.id;

    const terms = 'query($id: ID!) { couponTemplate(id: $id) { owner { id } acceptedBy { id } funders { merchant { id } shareBps } budget } }';
    expect(ok(await graphql(url(), terms, { id: templates.allied }, tokens.HQ)).couponTemplate).toEqual({
      owner: null,
      acceptedBy: [{ id: B.id }],
      budget: 100,
      funders: [
        { merchant: null, shareBps: 5000 },
        { merchant: { id: A.id }, shareBps: 3333 },
        { merchant: { id: C.id }, shareBps: 1667 },
      ],
    });
    // B accepts it and sees what it gives, not HQ's budget or funding; C funds it but neither owns nor accepts it.
    expect(codeOf(await graphql(url(), terms, { id: templates.allied }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(
      ok(
        await graphql(
          url(),
          'query($id: ID!) { couponTemplate(id: $id) { name percentOff maxDiscount { amount } } }',
          { id: templates.allied },
          tokens.OTHER_MERCHANT,
        ),
      ).couponTemplate,
    ).toEqual({ name: '联盟九折', percentOff: 10, maxDiscount: { amount: '15.00' } });
    expect(codeOf(await graphql(url(), terms, { id: templates.allied }, tokens.C_MERCHANT))).toBe('FORBIDDEN');
    expect(codeOf(await issue({ templateId: templates.allied, memberIds: [member.id], idempotencyKey: 'b1' }, tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(ok(await issue({ templateId: templates.allied, memberIds: [member.id], idempotencyKey: 'h1' }, tokens.HQ)).issueCoupons.issued).toBe(1);
  });
});

describe('coupons at the till', () => {
  it("a terminal's lookup lists the member's coupons its store accepts", async () => {
    const atA = await lookup(tokens.TERMINAL);
    expect(atA.coupons.map((c: any) => c.template.name)).toEqual(['满100减20', '满100减20']);
    const atB = await lookup(tokens.OTHER_TERMINAL);
    expect(atB.coupons).toEqual([
      {
        id: expect.any(String),
        template: { id: templates.allied, name: '联盟九折', kind: 'PERCENT_OFF', description: '' },
        validUntil: '2026-06-30T16:00:00.000Z',
      },
    ]);
  });

  it('applies first; a coupon not usable here is refused and nothing moves', async () => {
    const [brand] = (await lookup(tokens.TERMINAL)).coupons;
    const [allied] = (await lookup(tokens.OTHER_TERMINAL)).coupons;
    const before = await home();
    for (const [store, till, input, code] of [
      [A.stores[0]!, tokens.TERMINAL, { orderAmount: m('99.99'), couponId: brand.id, idempotencyKey: 'below' }, 'COUPON_NOT_APPLICABLE'],
      [B.stores[0]!, tokens.OTHER_TERMINAL, { orderAmount: m('150.00'), couponId: brand.id, idempotencyKey: 'elsewhere' }, 'COUPON_NOT_APPLICABLE'],
      [A.stores[0]!, tokens.TERMINAL, { orderAmount: m('150.00'), couponId: allied.id, idempotencyKey: 'not-accepted' }, 'COUPON_NOT_APPLICABLE'],
      [A.stores[0]!, tokens.TERMINAL, { orderAmount: m('150.00'), couponId: brand.id, storedValue: m('140.00'), idempotencyKey: 'too-much' }, 'BAD_USER_INPUT'],
      [A.stores[0]!, tokens.TERMINAL, { orderAmount: m('150.00'), couponId: 'nope', idempotencyKey: 'bad-id' }, 'BAD_USER_INPUT'],
    ] as const) {
      expect(codeOf(await pay(store, till, input)), input.idempotencyKey).toBe(code);
    }
    const [consentingCoupon] = (await home(consenting)).coupons;
    expect(codeOf(await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('150.00'), couponId: consentingCoupon.id, idempotencyKey: 'not-theirs' }))).toBe(
      'COUPON_NOT_APPLICABLE',
    );
    expect(await home()).toEqual(before);

    const payCode = await member.payCode();
    const c1 = { payCode, storeId: A.stores[0]!.id, orderAmount: m('150.00'), couponId: brand.id, storedValue: m('130.00'), idempotencyKey: 'c1' };
    const first = ok(await contract(url(), 'Checkout', { input: c1 }, tokens.TERMINAL)).checkout;
    expect(first).toMatchObject({
      couponDiscount: { amount: '20.00' },
      storedValueUsed: { amount: '130.00' },
      amountDue: { amount: '0.00' },
      pointsEarned: 130,
      wallet: { balance: { amount: '370.00' } },
    });
    checkouts.push(first.transaction.id);
    expect(codeOf(await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('150.00'), couponId: brand.id, idempotencyKey: 'c1-again' }))).toBe('COUPON_USED');
    // The same request again (a till's retry, with the same pay code) is the first result, not a second use.
    expect(ok(await contract(url(), 'Checkout', { input: c1 }, tokens.TERMINAL)).checkout.transaction.id).toBe(first.transaction.id);

    const second = ok(
      await pay(B.stores[0]!, tokens.OTHER_TERMINAL, { orderAmount: m('123.45'), couponId: allied.id, storedValue: m('100.00'), idempotencyKey: 'c2' }),
    ).checkout;
    expect(second).toMatchObject({
      couponDiscount: { amount: '12.35' },
      storedValueUsed: { amount: '100.00' },
      amountDue: { amount: '11.10' },
      pointsEarned: 111,
    });
    checkouts.push(second.transaction.id);
    expect((await home()).coupons.map((c: any) => c.template.name)).toEqual(['满100减20']);
  });

  it('the rewards catalogue sells a coupon for points, once per coupon in its budget', async () => {
    const catalogue = ok(await contract(url(), 'RewardsCatalogue', {}, member.session)).rewardsCatalogue;
    expect(catalogue).toEqual([
      { template: { id: templates.gift, name: '咖啡一杯', kind: 'GIFT', description: '任意中杯', owner: null }, pointsPrice: 50, remaining: 1 },
    ]);
    for (const token of [tokens.TERMINAL, tokens.MERCHANT]) {
      expect(codeOf(await contract(url(), 'ExchangePoints', { input: { templateId: templates.gift, idempotencyKey: 'x' } }, token))).toBe('FORBIDDEN');
    }
    const bought = ok(await contract(url(), 'ExchangePoints', { input: { templateId: templates.gift, idempotencyKey: 'x1' } }, member.session)).exchangePoints;
    expect(bought).toMatchObject({ coupon: { template: { name: '咖啡一杯' } }, points: { balance: 130 + 111 - 50 } });
    const again = ok(await contract(url(), 'ExchangePoints', { input: { templateId: templates.gift, idempotencyKey: 'x1' } }, member.session)).exchangePoints;
    expect(again.coupon.id).toBe(bought.coupon.id);
    expect(codeOf(await contract(url(), 'ExchangePoints', { input: { templateId: templates.gift, idempotencyKey: 'x2' } }, consenting.session))).toBe(
      'BUDGET_EXHAUSTED',
    );
    expect(codeOf(await contract(url(), 'ExchangePoints', { input: { templateId: templates.brand, idempotencyKey: 'x3' } }, member.session))).toBe('NOT_FOUND');
    expect(ok(await contract(url(), 'RewardsCatalogue', {}, member.session)).rewardsCatalogue).toEqual([]);

    const gift = ok(
      await pay(A.stores[0]!, tokens.TERMINAL, { orderAmount: m('30.00'), couponId: bought.coupon.id, storedValue: m('12.00'), idempotencyKey: 'c3' }),
    ).checkout;
    expect(gift).toMatchObject({ couponDiscount: { amount: '18.00' }, amountDue: { amount: '0.00' }, pointsEarned: 12, points: { balance: 203 } });
  });

  it('a whole refund gives the coupon back while it is valid; a partial one does not', async () => {
    const whole = ok(
      await contract(url(), 'Refund', { input: { transactionId: checkouts[0], orderAmount: m('150.00'), idempotencyKey: 'r1' } }, tokens.TERMINAL),
    ).refund;
    expect(whole).toMatchObject({ couponRestored: true, storedValueBack: { amount: '130.00' }, pointsTakenBack: 130 });
    expect((await home()).coupons.map((c: any) => c.template.name)).toEqual(['满100减20', '满100减20']);
    const part = ok(
      await contract(url(), 'Refund', { input: { transactionId: checkouts[1], orderAmount: m('23.45'), idempotencyKey: 'r2' } }, tokens.OTHER_TERMINAL),
    ).refund;
    expect(part).toMatchObject({ couponRestored: false, storedValueBack: { amount: '19.00' }, amountDueBack: { amount: '2.11' }, pointsTakenBack: 21 });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe("coupons in May's settlement", () => {
  it('reimburses the redeeming merchant from the funders, and conservation holds exactly', async () => {
    await hub.moveClockTo('2026-06-01T10:00:00+08:00');
    const hq = await authenticate(url(), hub.hq);
    ok(await contract(url(), 'RunSettlement', { period: '2026-05' }, hq));
    const run = ok(await contract(url(), 'Settlement', { period: '2026-05' }, hq)).settlement;
    const line = (id: string) => run.statements.find((s: any) => s.merchant.id === id);
    expect(line(B.id)).toMatchObject({
      acquiredFromOthers: { amount: '81.00' },
      commission: { amount: '1.22' },
      pointsIssued: 90,
      pointsCost: { amount: '0.90' },
      couponCredit: { amount: '12.35' },
      couponCost: { amount: '0.00' },
      net: { amount: '91.23' },
    });
    expect(line(A.id)).toMatchObject({
      redeemedElsewhere: { amount: '81.00' },
      pointsIssued: 12,
      pointsCost: { amount: '0.12' },
      couponCredit: { amount: '18.00' },
      couponCost: { amount: '4.12' },
      net: { amount: '-67.24' },
    });
    expect(line(C.id)).toMatchObject({ couponCredit: { amount: '0.00' }, couponCost: { amount: '2.06' }, net: { amount: '-2.06' } });
    expect(run.totals).toMatchObject({ commission: { amount: '1.22' }, couponDiscountsFundedByHq: { amount: '24.17' }, hqIncome: { amount: '-21.93' } });
    const statement = ok(await contract(url(), 'MerchantStatement', { period: '2026-05' }, await authenticate(url(), B.backOffice))).myStatement;
    expect(statement).toMatchObject({ couponCredit: { amount: '12.35' }, couponCost: { amount: '0.00' }, net: { amount: '91.23' } });
    expect(ok(await contract(url(), 'FinalizeSettlement', { id: run.id }, hq)).finalizeSettlement.status).toBe('FINALIZED');
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('coupons under concurrency', () => {
  it('twenty checkouts racing for one coupon: one uses it, the others are COUPON_USED', async () => {
    await member.renewSession();
    const till = await authenticate(url(), A.stores[0]!.terminal);
    const [coupon] = (await home()).coupons;
    const codes = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) => codeOf(await pay(A.stores[0]!, till, { orderAmount: m('100.00'), couponId: coupon.id, idempotencyKey: `race-${i}` })) ?? 'ok',
      ),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(new Set(codes)).toEqual(new Set(['ok', 'COUPON_USED']));
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it('twelve issuances racing a budget of five never pass it', async () => {
    const hq = await authenticate(url(), hub.hq);
    const id = ok(
      await create({ name: '限量', kind: 'AMOUNT_OFF', amountOff: m('5.00'), validDays: 3, budget: 5, perMemberLimit: 100, acceptedBy: [A.id] }, hq),
    ).createCouponTemplate.template.id;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => issue({ templateId: id, memberIds: [member.id], idempotencyKey: `budget-${i}` }, hq)),
    );
    const issued = answers.map((a) => (codeOf(a) === 'BUDGET_EXHAUSTED' ? 0 : (ok(a).issueCoupons.issued as number)));
    expect(issued.reduce((a, b) => a + b, 0)).toBe(5);
    expect(answers.filter((a) => codeOf(a) === 'BUDGET_EXHAUSTED')).toHaveLength(7);
    expect(ok(await graphql(url(), 'query($id: ID!) { couponTemplate(id: $id) { issued redeemed } }', { id }, hq)).couponTemplate).toEqual({
      issued: 5,
      redeemed: 0,
    });
  });
});
