/**
 * The whole story through the gateway, with every settlement number worked
 * out by hand below. Clock: 15 October 2026 (Asia/Shanghai), then 2
 * November to settle October, then 1 December to settle November.
 *
 * Lots of member M1: L1 issued by coffee brand A (500 + 50 bonus = 550.00),
 * L2 by bakery brand K (200.00).
 *   c1 at cinema B:  100.00 stored value  -> L1 (B's own lots first: none)   R(B,A) +100.00 @200bps
 *   HQ raises B's commission to 250 bps
 *   c2 at cinema B:   10.01               -> L1                              R(B,A) +10.01  @250bps
 *   c3 at A (2nd store): 600.00 of 600.00 -> L1 439.99 (own first), L2 160.01  R(A,A) 439.99, R(A,K) +160.01
 *   c4 at books C:    33.50               -> L2                              R(C,K) +33.50  @100bps
 *   refund of c3 by A's back office: 100.00 -> L2 first (used last)         R(A,K) -100.00
 * M2 gets 300 + 30 bonus from K's back office by member id.
 *
 * October positions (commission per rate part, halves away from zero):
 *   (B,A) 110.01: 100.00*2.00% = 2.00, 10.01*2.50% = 0.25025 -> 0.25; 2.25
 *   (A,K)  60.01: 60.01*1.50% = 0.90015 -> 0.90
 *   (C,K)  33.50: 33.50*1.00% = 0.335 -> 0.34 (half away from zero)
 * Statements (stored value): A 60.01-0.90-110.01 = -50.90; K -93.51; B 107.76; C 33.16.
 *
 * Points (default terms: 1 point per yuan paid, 100 fen per 100 points both
 * ways; M1 is 普通 x1.0; paid = stored value + amount due):
 *   c1 120.00 paid -> 120 points, 120 growth; c2 10.01 -> 10; c3 600.00 -> 600; c4 40.00 -> 40
 *   refund of c3 (orderAmount 100.00 of 600.00): stored value round(600.00 x 1/6) = 100.00,
 *     points and growth taken back floor(600 x 1/6) = 100
 *   October points issued: A 600-100 = 500 (cost 5.00), B 130 (1.30), C 40 (0.40)
 * Nets: A -50.90-5.00 = -55.90; K -93.51; B 107.76-1.30 = 106.46; C 33.16-0.40 = 32.76.
 * HQ income 3.49 + 6.70 = 10.19 = -Σ net: conservation holds. Outstanding 670 points, liability 6.70.
 *
 * November: c4 (order 40.00: stored value 33.50, due 6.50, 40 points) is returned in two parts.
 *   15.00: stored value round(33.50 x 15/40) = 12.56, due back round(6.50 x 15/40) = 2.44, points floor(40 x 15/40) = 15
 *   then 25.01 is more than remains; 25.00 returns exactly the rest: 20.94, 4.06, 25 points
 *   R(C,K) = -33.50 @100bps -> commission -0.335 -> -0.34; C net -33.50+0.34+0.40 = -32.76; K +33.50.
 *
 * December, the points chapter (M1 has 630 points and 630 growth this year, 普通):
 *   sign-in: +5 growth (635), +10 points (640); again the same day: ALREADY_SIGNED_IN
 *   c5 at A: order 500.00 all paid outside: +500 growth (1135 >= 1000: 银卡 at once, gift 500 from HQ),
 *     points at the multiplier when the checkout started (x1.0): 500 -> 1640
 *   c6 at B: order 100.00: 1600 points (16.00), stored value 50.00 (K's lot), due 34.00; paid 84.00:
 *     +84 growth (1219), points x1.2 floor(8400 x 1.2 / 100) = 100 -> 140 points
 *   c5 refunded whole at A: due back 500.00, 500 points taken back: the lot holds 140, so -360 (owed)
 *   a burn while points are owed: INSUFFICIENT_POINTS
 *   c6 30.00 of 100.00 returned at B: stored value 15.00, due back round(34.00 x 0.3) = 10.20,
 *     points given back floor(1600 x 0.3) = 480 (repay the 360 owed first), taken back floor(100 x 0.3) = 30 -> 90 points
 *   December's settlement: R(B,K) 50.00-15.00 = 35.00 @250bps -> 0.875 -> 0.88;
 *     B issued 100-30 = 70 (cost 0.70), redeemed 1600-480 = 1120 (credit 11.20); A issued 500-500 = 0;
 *     B net 35.00-0.88+11.20-0.70 = 44.62, K -35.00; HQ income 0.88+0.70-11.20 = -9.62;
 *     granted by HQ 10+500 = 510; outstanding 90 points, liability 0.90.
 * January 2027: the rest of c6 (70.00) returns exactly what remains: 35.00, 23.80, 1120 points given back,
 *   70 taken back -> 1140 points. The year's cycle ended with 694 growth < 1000, so M1 is back to 普通.
 * 2 January 2028: all 1,140 were earned in 2026 and expire at 2028-01-01 00:00 Shanghai time (the job).
 *
 * The marketing chapter, January 2028 (M1 and M2 give marketing consent in the app; M3 registers at B with it):
 *   HQ's 联盟满50减10 (¥10 off ¥50, accepted at B, funded HQ 60% and A 40%) and A's own 满100减20, both issued to M1;
 *   K's 蛋糕券 in the rewards catalogue for 100 points.
 *   M1 at B: ¥80.00 order, HQ's coupon −¥10.00, ¥70.00 paid outside: 70 points; the discount is funded
 *     A round(1000 × 40%) = 400 fen and HQ, the first funder, the rest: 600 fen
 *   M1 at A: ¥120.00 order, A's own coupon −¥20.00, ¥100.00 paid outside: 100 points (A funds itself: nothing to settle)
 *   M1 exchanges 100 points for 蛋糕券: 70 left, 100 points redeemed by K
 *   M2 at K: ¥300.00 paid outside: at its PLUS plan's ×1.5 (valid to 2029), 450 points
 *   January's settlement (in February):
 *     B: points 70 (0.70), coupon credit 10.00: net 9.30;  A: points 100 (1.00), coupon cost 4.00: net −5.00
 *     K: points issued 450 (4.50), redeemed 100 (credit 1.00): net −3.50
 *     HQ: funds 6.00; income 0.70 + 1.00 + 4.50 − 1.00 − 6.00 = −0.80 = −Σ net
 * 2 February 2028: M3 buys ¥20.00 at B. RFM for the coalition over the 365 days to now (2026's purchases are older):
 *   M1 R 31 days, F 2, M 170.00; M2 R 31, F 1, M 300.00; M3 R 0, F 1, M 20.00;
 *   averages R 62/3 = 20.67, F 4/3, M 490.00/3 = 163.33: M1 F M high → 重要唤回客户, M2 M high → 重要挽留客户,
 *   M3 R high → 新客户.
 *   HQ's campaign to 重要唤回客户 and 重要挽留客户 (M1, M2) with half held out: whoever the hash reaches gets HQ's 九五折
 *   coupon and buys ¥50.00 at A with it (¥47.50 paid); the results count that purchase for the reached, none for the held out.
 *
 * The benefits chapter, March 2028 (the default ladder; 银卡 at 1,000 growth, ×1.2, a gift of 500 points from HQ):
 *   HQ's 银卡九五折 (DISCOUNT 5%, at most ¥20, honoured at A, K and B, funded HQ 60% and A 40%); A's 每月咖啡 (two of its
 *   咖啡兑换券 every month); B's own 免费停车2小时 (SERVICE, 2 uses a month at ¥10 each): all carried by 银卡 alone.
 *   HQ's 联盟满100减10 (¥10 off ¥100 at B, funded HQ 60% and K 40%) issued to M4, who registers at A and tops up ¥100 there.
 *   c7 at A: ¥1,000.00 paid outside, 普通 when it starts: no member discount, 1,000 points (×1.0), +1,000 growth:
 *     银卡 at once with its gift (1,500 points) and March's pack in the same movement (2 咖啡兑换券, valid to March's end)
 *   c8 at ally B: order ¥200.00; 银卡's discount first: round(20000 × 5%) = ¥10.00 (HQ 6.00, A 4.00) -> 190.00;
 *     the coupon on what is left (190.00 >= 100.00): −¥10.00 -> 180.00; 1,000 points −¥10.00; stored value ¥100.00 (A's lot);
 *     due ¥70.00. Paid 170.00: +170 growth (1,170), points at 银卡's ×1.2: floor(17000 × 1.2 / 100) = 204 -> 704 points
 *   refund of half of c8 at B (¥100.00 of ¥200.00): stored value 50.00, due back 35.00, the discount's funders back f(c) on
 *     their shares: HQ 3.00, A 2.00 (memberDiscountBack 5.00); the coupon stays used (only a full refund gives it back);
 *     points given back floor(1000/2) = 500, taken back floor(204/2) = 102 -> 1,102; growth back floor(170/2) = 85 -> 1,085
 *   refund of ¥100.00 of c7 at A: due back 100.00, points and growth back floor(1000 × 0.1) = 100 -> 1,002 points, 985 growth:
 *     still 银卡 (never down during a cycle), no longer keeping it
 *   parking at B twice: 1 then 0 uses left; a third: BENEFIT_EXHAUSTED (B's own: nothing to settle)
 *   March's settlement (in April): R(B,A) 100.00−50.00 = 50.00 @250bps -> 1.25;
 *     B: 50.00 − 1.25, points issued 204−102 = 102 (1.02), redeemed 1000−500 = 500 (credit 5.00), coupon credit 10.00,
 *        benefit credit 10.00−5.00 = 5.00: net 67.73
 *     A: −50.00, points issued 1000−100 = 900 (9.00), benefit cost 4.00−2.00 = 2.00: net −61.00;  K: coupon cost 4.00: net −4.00
 *     HQ: 1.25 + 10.02 − 5.00 − coupons 6.00 − benefits 6.00−3.00 = −2.73 = −Σ net; granted 500
 *   April's pack comes by the job (M4 is still 银卡); 2028 ends with 985 growth < 1,000: on 1 January 2029 M4 is 普通, holds no
 *   benefit, sees 银卡's three as the next tier's, and B's parking is BENEFIT_NOT_APPLICABLE, its checkout undiscounted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, graphql, ok } from './support/graphql.js';
import { authenticate, buyPayingOutside, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { ledgerViolations } from './support/ledger.js';
import { until } from './support/wait.js';
import { refreshRfm } from './support/rfm.js';
import { campaignRan } from './support/campaigns.js';

let hub: TestHub;
const m = (amount: string) => ({ amount, currencyCode: 'CNY' });
const money = (amount: string) => ({ amount, currencyCode: 'CNY' });

describe('the stored-value loop, end to end', () => {
  let A: SetUpMerchant, K: SetUpMerchant, B: SetUpMerchant, C: SetUpMerchant;
  let hqToken: string;
  let m1: string, m2: string;
  let c3: string, c4: string, c6Id: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-10-15T10:00:00+08:00' });
  });
  afterAll(async () => hub?.stop());

  it('HQ sets up two brands and two allies with stores, clients and terms', async () => {
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    A = await setUpMerchant(hub.gatewayUrl, hqToken, {
      name: '蓝山咖啡',
      kind: 'BRAND',
      stores: ['静安店', '徐汇店'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    K = await setUpMerchant(hub.gatewayUrl, hqToken, {
      name: '麦芳烘焙',
      kind: 'BRAND',
      stores: ['南京西路店'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    B = await setUpMerchant(hub.gatewayUrl, hqToken, {
      name: '星光影城',
      kind: 'ALLY',
      stores: ['环球港'],
      terms: { canIssue: false, canAccept: true, commissionBps: 200 },
    });
    C = await setUpMerchant(hub.gatewayUrl, hqToken, {
      name: '墨香书店',
      kind: 'ALLY',
      stores: ['福州路'],
      terms: { canIssue: false, canAccept: true, commissionBps: 100 },
    });
    const terms = ok(
      await contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: B.id, canIssue: false, canAccept: true, commissionBps: 200 } }, hqToken),
    );
    expect(terms.setSettlementTerms.merchant).toEqual({
      id: B.id,
      name: '星光影城',
      settlementTerms: { canIssue: false, canAccept: true, commissionBps: 200, pointsPerYuan: 1, earnCostPer100Points: 100, burnValuePer100Points: 100 },
    });
  });

  it('terminals register members and a back office opens a member session', async () => {
    const a1 = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const reg = ok(
      await contract(
        hub.gatewayUrl,
        'RegisterMember',
        { input: { phone: '+86 138-0013-8001', name: '王小明', birthday: '1990-05-17', storeId: A.stores[0]!.id } },
        a1,
      ),
    );
    m1 = reg.registerMember.member.id;
    expect(reg.registerMember.member.displayName).toBe('王小明');
    expect(reg.registerMember.member.card.number).toMatch(/^\d{16}$/);
    expect(reg.registerMember.member.card.status).toBe('ACTIVE');
    expect(reg.registerMember.member.tier).toEqual({ code: 'NORMAL', name: '普通' });
    const k1 = await authenticate(hub.gatewayUrl, K.stores[0]!.terminal);
    m2 = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '李华', storeId: K.stores[0]!.id } }, k1)).registerMember
      .member.id;
  });

  async function memberToken(memberId: string, merchant: SetUpMerchant): Promise<string> {
    const office = await authenticate(hub.gatewayUrl, merchant.backOffice);
    return ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
  }
  async function payCode(memberToken: string): Promise<string> {
    return ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, memberToken)).issuePayCode.code;
  }

  it('runs October: top-ups with bonus, checkouts over mixed lots, a terms change and a partial refund', async () => {
    const session = await memberToken(m1, A);
    const terminal = async (s: SetUpMerchant, i = 0) => authenticate(hub.gatewayUrl, s.stores[i]!.terminal);

    const up1 = ok(
      await contract(
        hub.gatewayUrl,
        'TopUp',
        { input: { payCode: await payCode(session), storeId: A.stores[0]!.id, amount: m('500'), bonus: m('50'), idempotencyKey: 't1' } },
        await terminal(A),
      ),
    );
    expect(up1.topUp.transaction.kind).toBe('TOP_UP');
    expect(up1.topUp.transaction.amount).toEqual(money('550.00'));
    expect(up1.topUp.wallet.balance).toEqual(money('550.00'));
    const up2 = ok(
      await contract(
        hub.gatewayUrl,
        'TopUp',
        { input: { payCode: await payCode(session), storeId: K.stores[0]!.id, amount: m('200.00'), idempotencyKey: 't2' } },
        await terminal(K),
      ),
    );
    expect(up2.topUp.wallet.balance).toEqual(money('750.00'));

    const bTerminal = await terminal(B);
    const code = await payCode(session);
    const lookup = ok(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, bTerminal)).payCode;
    expect(lookup.member).toEqual({ id: m1, maskedName: '王**', tier: { code: 'NORMAL', name: '普通' } });
    expect(lookup.wallet).toEqual({ status: 'ACTIVE', balance: money('750.00') });
    const c1 = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: code, storeId: B.stores[0]!.id, orderAmount: m('120.00'), storedValue: m('100.00'), orderRef: 'FILM-1', idempotencyKey: 'c1' } },
        bTerminal,
      ),
    );
    expect(c1.checkout).toMatchObject({
      pointsUsed: 0,
      pointsValue: money('0.00'),
      storedValueUsed: money('100.00'),
      amountDue: money('20.00'),
      pointsEarned: 120,
      wallet: { balance: money('650.00') },
      points: { balance: 120 },
    });

    ok(await contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: B.id, canIssue: false, canAccept: true, commissionBps: 250 } }, hqToken));
    ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(session), storeId: B.stores[0]!.id, orderAmount: m('10.01'), storedValue: m('10.01'), idempotencyKey: 'c2' } },
        bTerminal,
      ),
    );

    const a2 = await terminal(A, 1);
    const c3r = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(session), storeId: A.stores[1]!.id, orderAmount: m('600'), storedValue: m('600'), idempotencyKey: 'c3' } },
        a2,
      ),
    );
    c3 = c3r.checkout.transaction.id;
    expect(c3r.checkout.amountDue).toEqual(money('0.00'));
    expect(c3r.checkout.wallet.balance).toEqual(money('39.99'));
    c4 = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(session), storeId: C.stores[0]!.id, orderAmount: m('40'), storedValue: m('33.50'), idempotencyKey: 'c4' } },
        await terminal(C),
      ),
    ).checkout.transaction.id;

    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    const refund = ok(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c3, orderAmount: m('100.00'), idempotencyKey: 'r1' } }, aOffice));
    expect(refund.refund.transaction.kind).toBe('REFUND');
    expect(refund.refund).toMatchObject({
      storedValueBack: money('100.00'),
      pointsRestored: 0,
      pointsTakenBack: 100,
      amountDueBack: money('0.00'),
      wallet: { balance: money('106.49') },
      points: { balance: 670 },
    });

    const kOffice = await authenticate(hub.gatewayUrl, K.backOffice);
    const up3 = ok(
      await contract(
        hub.gatewayUrl,
        'TopUp',
        { input: { memberId: m2, storeId: K.stores[0]!.id, amount: m('300'), bonus: m('30'), idempotencyKey: 't3' } },
        kOffice,
      ),
    );
    expect(up3.topUp.wallet.balance).toEqual(money('330.00'));

    // The refund went back to L2 (bakery K), the lot used last by c3: A's lot stays empty.
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 3 }, session)).me;
    expect(home.wallet.balance).toEqual(money('106.49'));
    expect(home.wallet.balanceByIssuer).toEqual([{ issuer: { id: K.id, name: '麦芳烘焙' }, balance: money('106.49') }]);
    expect(home.transactions.edges.map((e: any) => e.node.kind)).toEqual(['REFUND', 'CHECKOUT', 'CHECKOUT']);
    expect(home.transactions.edges[0].node.store).toEqual({ id: A.stores[1]!.id, name: '徐汇店', merchant: { id: A.id, name: '蓝山咖啡' } });
    expect(home.transactions.edges.map((e: any) => e.node.pointsChange)).toEqual([-100, 40, 600]);
    expect(home.transactions.pageInfo.hasNextPage).toBe(true);
    expect(home.tier).toEqual({ code: 'NORMAL', name: '普通', pointsMultiplierBps: 10000, description: '会员价' });
    expect(home.tierProgress).toEqual({
      cycleStartsAt: '2025-12-31T16:00:00.000Z',
      cycleEndsAt: '2026-12-31T16:00:00.000Z',
      growth: 670,
      keepsTier: true,
      nextTier: { code: 'SILVER', name: '银卡', threshold: 1000 },
      growthToNextTier: 330,
      weeksToNextTier: 6, // ceil(330 x 12 / 670)
    });
    expect(home.membershipPlan).toBeNull();
    // 670 points are 6.70; they expire at the end of 2027. Over 84 days: paid 770.01 - 100.00 returned = 670.01 -> 55.83 a week;
    // points earned 770 - 100 = 670 -> floor(670 x 52 / 12) = 2903 a year, worth 29.03.
    expect(home.points).toEqual({
      balance: 670,
      value: money('6.70'),
      nextExpiry: { points: 670, expiresAt: '2027-12-31T16:00:00.000Z' },
      projection: { weeklySpend: money('55.83'), pointsPerYear: 2903, valuePerYear: money('29.03') },
    });
    const rest = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 10, after: home.transactions.pageInfo.endCursor }, session)).me;
    expect(rest.transactions.edges.map((e: any) => e.node.kind)).toEqual(['CHECKOUT', 'CHECKOUT', 'TOP_UP', 'TOP_UP']);
    expect(rest.transactions.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses to settle October before it has ended', async () => {
    expect(codeOf(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken))).toBe('PERIOD_NOT_ENDED');
  });

  it('settles October in November with the statements and positions computed by hand', async () => {
    await hub.moveClockTo('2026-11-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    const run = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken)).runSettlement;
    expect(run).toMatchObject({ period: '2026-10', status: 'DRAFT' });
    const s = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(s).toMatchObject({ id: run.id, timeZone: 'Asia/Shanghai', startsAt: '2026-09-30T16:00:00.000Z', endsAt: '2026-10-31T16:00:00.000Z' });
    const octoberTotals = {
      crossRedemptions: money('203.52'),
      commission: money('3.49'),
      pointsIssued: 670,
      pointsRedeemed: 0,
      pointsGrantedByHq: 0,
      pointsExpired: 0,
      pointsCost: money('6.70'),
      pointsCredit: money('0.00'),
      couponDiscountsFundedByHq: money('0.00'),
      benefitCostsFundedByHq: money('0.00'),
      hqIncome: money('10.19'),
      pointsOutstanding: 670,
      pointsLiability: money('6.70'),
    };
    expect(s.totals).toEqual(octoberTotals);
    const statement = (id: string) => s.statements.find((x: any) => x.merchant.id === id);
    expect(statement(A.id)).toEqual({
      merchant: { id: A.id, name: '蓝山咖啡', kind: 'BRAND' },
      topUps: money('500.00'),
      bonusGranted: money('50.00'),
      redeemedOwnValue: money('439.99'),
      acquiredFromOthers: money('60.01'),
      redeemedElsewhere: money('110.01'),
      commission: money('0.90'),
      pointsIssued: 500,
      pointsCost: money('5.00'),
      pointsRedeemed: 0,
      pointsCredit: money('0.00'),
      couponCredit: money('0.00'),
      couponCost: money('0.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
      net: money('-55.90'),
      outstandingFloat: money('0.00'),
    });
    expect(statement(K.id)).toEqual({
      merchant: { id: K.id, name: '麦芳烘焙', kind: 'BRAND' },
      topUps: money('500.00'),
      bonusGranted: money('30.00'),
      redeemedOwnValue: money('0.00'),
      acquiredFromOthers: money('0.00'),
      redeemedElsewhere: money('93.51'),
      commission: money('0.00'),
      pointsIssued: 0,
      pointsCost: money('0.00'),
      pointsRedeemed: 0,
      pointsCredit: money('0.00'),
      couponCredit: money('0.00'),
      couponCost: money('0.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
      net: money('-93.51'),
      outstandingFloat: money('436.49'),
    });
    expect(statement(B.id)).toMatchObject({
      acquiredFromOthers: money('110.01'),
      commission: money('2.25'),
      pointsIssued: 130,
      pointsCost: money('1.30'),
      net: money('106.46'),
      redeemedElsewhere: money('0.00'),
      outstandingFloat: money('0.00'),
    });
    expect(statement(C.id)).toMatchObject({
      acquiredFromOthers: money('33.50'),
      commission: money('0.34'),
      pointsIssued: 40,
      pointsCost: money('0.40'),
      net: money('32.76'),
    });
    const positions = Object.fromEntries(s.positions.map((p: any) => [`${p.acquirer.name}<-${p.issuer.name}`, [p.amount.amount, p.commission.amount]]));
    expect(positions).toEqual({ '星光影城<-蓝山咖啡': ['110.01', '2.25'], '蓝山咖啡<-麦芳烘焙': ['60.01', '0.90'], '墨香书店<-麦芳烘焙': ['33.50', '0.34'] });
    // A page at a time, largest first (issue 12's console pages through a month's 40,000): two, then the last; and K's alone.
    const page = async (args: Record<string, unknown>) =>
      ok(
        await graphql(
          hub.gatewayUrl,
          `query($period: String!, $first: Int, $after: String, $merchantId: ID) {
      settlement(period: $period) { positionPage(first: $first, after: $after, merchantId: $merchantId) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { acquirer { name } issuer { name } amount { amount } } } } } }`,
          { period: '2026-10', ...args },
          hqToken,
        ),
      ).settlement.positionPage;
    const names = (p: any) => p.edges.map((e: any) => `${e.node.acquirer.name}<-${e.node.issuer.name} ${e.node.amount.amount}`);
    const first = await page({ first: 2 });
    expect([first.totalCount, first.pageInfo.hasNextPage, names(first)]).toEqual([3, true, ['星光影城<-蓝山咖啡 110.01', '蓝山咖啡<-麦芳烘焙 60.01']]);
    const rest = await page({ first: 2, after: first.pageInfo.endCursor });
    expect([rest.pageInfo.hasNextPage, names(rest)]).toEqual([false, ['墨香书店<-麦芳烘焙 33.50']]);
    expect(names(await page({ merchantId: K.id }))).toEqual(['蓝山咖啡<-麦芳烘焙 60.01', '墨香书店<-麦芳烘焙 33.50']);
    expect(codeOf(await graphql(hub.gatewayUrl, 'query { settlement(period: "2026-10") { positionPage(first: 501) { totalCount } } }', {}, hqToken))).toBe(
      'BAD_USER_INPUT',
    );

    // Running again replaces the draft with the same numbers.
    const again = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken)).runSettlement;
    expect(again.id).toBe(run.id);
    const s2 = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(s2.statements).toEqual(s.statements);
    expect(s2.positions).toEqual(s.positions);

    // A merchant sees its own statement.
    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    expect(ok(await contract(hub.gatewayUrl, 'MerchantStatement', { period: '2026-10' }, aOffice)).myStatement).toEqual({
      period: '2026-10',
      status: 'DRAFT',
      net: money('-55.90'),
      commission: money('0.90'),
      acquiredFromOthers: money('60.01'),
      redeemedElsewhere: money('110.01'),
      pointsIssued: 500,
      pointsCost: money('5.00'),
      pointsRedeemed: 0,
      pointsCredit: money('0.00'),
      couponCredit: money('0.00'),
      couponCost: money('0.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
    });

    const fin = ok(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hqToken)).finalizeSettlement;
    expect(fin.status).toBe('FINALIZED');
    expect(new Date(fin.finalizedAt).toISOString()).toMatch(/^2026-11-02T0[12]:/);
    expect(codeOf(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken))).toBe('PERIOD_FINALIZED');
    expect(codeOf(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hqToken))).toBe('PERIOD_FINALIZED');
  });

  it('a refund in November of an October checkout lands in November', async () => {
    const cTerminal = await authenticate(hub.gatewayUrl, C.stores[0]!.terminal);
    const refund = (orderAmount: string, key: string) =>
      contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c4, orderAmount: m(orderAmount), idempotencyKey: key } }, cTerminal);
    expect(ok(await refund('15.00', 'r2')).refund).toMatchObject({
      storedValueBack: money('12.56'),
      amountDueBack: money('2.44'),
      pointsRestored: 0,
      pointsTakenBack: 15,
      wallet: { balance: money('119.05') },
      points: { balance: 655 },
    });
    expect(codeOf(await refund('25.01', 'r3'))).toBe('REFUND_EXCEEDS_REMAINING');
    expect(ok(await refund('25.00', 'r4')).refund).toMatchObject({
      storedValueBack: money('20.94'),
      amountDueBack: money('4.06'),
      pointsTakenBack: 25,
      wallet: { balance: money('139.99') },
      points: { balance: 630 },
    });
    expect(codeOf(await refund('0.01', 'r5'))).toBe('REFUND_EXCEEDS_REMAINING');

    await hub.moveClockTo('2026-12-01T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-11' }, hqToken));
    const nov = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-11' }, hqToken)).settlement;
    // R(C,K) = -33.50 at c4's rate (100 bps): commission -0.34; C also gets back the 0.40 its 40 points cost.
    expect(nov.positions.map((p: any) => [p.acquirer.id, p.issuer.id, p.amount.amount, p.commission.amount])).toEqual([[C.id, K.id, '-33.50', '-0.34']]);
    expect(nov.statements.find((x: any) => x.merchant.id === C.id)).toMatchObject({
      net: money('-32.76'),
      commission: money('-0.34'),
      pointsIssued: -40,
      pointsCost: money('-0.40'),
    });
    expect(nov.statements.find((x: any) => x.merchant.id === K.id)).toMatchObject({ net: money('33.50'), outstandingFloat: money('469.99') });
    expect(nov.totals).toMatchObject({ pointsIssued: -40, hqIncome: money('-0.74'), pointsOutstanding: 630, pointsLiability: money('6.30') });
    // October stays as finalised.
    const oct = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(oct.status).toBe('FINALIZED');
    expect(oct.totals).toMatchObject({ crossRedemptions: money('203.52'), commission: money('3.49'), hqIncome: money('10.19') });
  });

  it('a member freezes its wallet and spending stops', async () => {
    const office = await authenticate(hub.gatewayUrl, A.backOffice);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m1 }, office)).createMemberSession.token;
    expect(ok(await contract(hub.gatewayUrl, 'FreezeWallet', {}, session)).freezeWallet.status).toBe('FROZEN');
    const code = ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    const terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const refused = await contract(
      hub.gatewayUrl,
      'Checkout',
      { input: { payCode: code, storeId: A.stores[0]!.id, orderAmount: m('5'), storedValue: m('5'), idempotencyKey: 'frozen' } },
      terminal,
    );
    expect(codeOf(refused)).toBe('WALLET_FROZEN');
    const home = ok(await graphql(hub.gatewayUrl, '{ me { wallet { status balance { amount } } } }', {}, session));
    expect(home.me.wallet).toEqual({ status: 'FROZEN', balance: { amount: '139.99' } });
  });

  it('December, points: a sign-in, an upgrade with its gift, a burn across merchants, a balance owed after a refund', async () => {
    const office = await authenticate(hub.gatewayUrl, A.backOffice);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m1 }, office)).createMemberSession.token;
    ok(await graphql(hub.gatewayUrl, 'mutation { unfreezeWallet { status } }', {}, session));
    const payCode = async () => ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    const aTerminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const bTerminal = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    const cTerminal = await authenticate(hub.gatewayUrl, C.stores[0]!.terminal);
    const checkout = async (terminal: string, storeId: string, input: Record<string, unknown>, key: string) =>
      contract(hub.gatewayUrl, 'Checkout', { input: { payCode: await payCode(), storeId, ...input, idempotencyKey: key } }, terminal);

    const signIn = ok(await contract(hub.gatewayUrl, 'SignIn', {}, session)).signIn;
    expect(signIn).toEqual({ growthEarned: 5, pointsEarned: 10, member: { tier: { code: 'NORMAL', name: '普通' }, tierProgress: { growth: 635 } } });
    expect(codeOf(await contract(hub.gatewayUrl, 'SignIn', {}, session))).toBe('ALREADY_SIGNED_IN');

    const c5 = ok(await checkout(aTerminal, A.stores[0]!.id, { orderAmount: m('500.00'), storedValue: m('0') }, 'c5')).checkout;
    expect(c5).toMatchObject({ pointsEarned: 500, amountDue: money('500.00'), points: { balance: 1640 } });
    let home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.tier.code).toBe('SILVER');
    expect(home.tierProgress).toMatchObject({ growth: 1135, keepsTier: true, nextTier: { code: 'GOLD', threshold: 5000 }, growthToNextTier: 3865 });
    expect(home.transactions.edges[0].node).toMatchObject({ kind: 'CHECKOUT', pointsChange: 1000 }); // 500 earned + the 500 gift

    const c6 = ok(await checkout(bTerminal, B.stores[0]!.id, { orderAmount: m('100.00'), points: 1600, storedValue: m('50.00') }, 'c6')).checkout;
    c6Id = c6.transaction.id;
    expect(c6).toMatchObject({
      pointsUsed: 1600,
      pointsValue: money('16.00'),
      storedValueUsed: money('50.00'),
      amountDue: money('34.00'),
      pointsEarned: 100,
      wallet: { balance: money('89.99') },
      points: { balance: 140 },
    });

    const back5 = ok(
      await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c5.transaction.id, orderAmount: m('500.00'), idempotencyKey: 'r6' } }, aTerminal),
    ).refund;
    expect(back5).toMatchObject({ storedValueBack: money('0.00'), amountDueBack: money('500.00'), pointsTakenBack: 500, points: { balance: -360 } });
    expect(codeOf(await checkout(cTerminal, C.stores[0]!.id, { orderAmount: m('1.00'), points: 10, storedValue: m('0') }, 'c7'))).toBe('INSUFFICIENT_POINTS');

    const back6 = ok(
      await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c6.transaction.id, orderAmount: m('30.00'), idempotencyKey: 'r7' } }, bTerminal),
    ).refund;
    expect(back6).toMatchObject({
      storedValueBack: money('15.00'),
      amountDueBack: money('10.20'),
      pointsRestored: 480,
      pointsTakenBack: 30,
      wallet: { balance: money('104.99') },
      points: { balance: 90 },
    });
    home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.tier.code).toBe('SILVER'); // never down within a cycle, refunds included
    expect(home.tierProgress).toMatchObject({ growth: 694, keepsTier: false });

    // A paid plan for M2, bought in the brand app: idempotent, renewed from its end, no other plan while valid.
    ok(
      await contract(
        hub.gatewayUrl,
        'SetMembershipPlan',
        { input: { code: 'PLUS', name: '会员PLUS', price: m('99'), period: 'YEAR', pointsMultiplierBps: 15000 } },
        hqToken,
      ),
    );
    ok(
      await contract(
        hub.gatewayUrl,
        'SetMembershipPlan',
        { input: { code: 'PLUS_MONTH', name: '月卡', price: m('12'), period: 'MONTH', pointsMultiplierBps: 12000 } },
        hqToken,
      ),
    );
    const m2Session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m2 }, await authenticate(hub.gatewayUrl, K.backOffice)))
      .createMemberSession.token;
    const buy = (planCode: string, paymentRef: string, key: string) =>
      contract(hub.gatewayUrl, 'BuyMembershipPlan', { input: { planCode, paymentRef, idempotencyKey: key } }, m2Session);
    const bought = ok(await buy('PLUS', 'pay-1', 'b1')).buyMembershipPlan.membershipPlan;
    expect(bought.plan).toEqual({ code: 'PLUS', name: '会员PLUS' });
    expect(bought.validUntil).toMatch(/^2027-12-01T02:/); // a calendar year from now (10:00 in Shanghai)
    expect(ok(await buy('PLUS', 'pay-1', 'b1')).buyMembershipPlan.membershipPlan).toEqual(bought);
    expect(codeOf(await buy('PLUS_MONTH', 'pay-2', 'b2'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await buy('PLUS', 'pay-1', 'b3'))).toBe('BAD_USER_INPUT'); // a payment buys once
    const renewed = ok(await buy('PLUS', 'pay-3', 'b4')).buyMembershipPlan.membershipPlan.validUntil;
    expect(renewed).toMatch(/^2028-12-01T02:/); // extended from the present end
    expect(new Date(renewed).getTime() - new Date(bought.validUntil).getTime()).toBe(366 * 86_400_000); // 2028 is a leap year
  });

  it("settles December's points lines in January, and the rest of a refund lands there with the cycle's downgrade", async () => {
    await hub.moveClockTo('2027-01-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    const run = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-12' }, hqToken)).runSettlement;
    const dec = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-12' }, hqToken)).settlement;
    expect(dec.totals).toEqual({
      crossRedemptions: money('35.00'),
      commission: money('0.88'),
      pointsIssued: 70,
      pointsRedeemed: 1120,
      pointsGrantedByHq: 510,
      pointsExpired: 0,
      pointsCost: money('0.70'),
      pointsCredit: money('11.20'),
      couponDiscountsFundedByHq: money('0.00'),
      benefitCostsFundedByHq: money('0.00'),
      hqIncome: money('-9.62'),
      pointsOutstanding: 90,
      pointsLiability: money('0.90'),
    });
    const statement = (id: string) => dec.statements.find((x: any) => x.merchant.id === id);
    expect(statement(B.id)).toMatchObject({
      acquiredFromOthers: money('35.00'),
      commission: money('0.88'),
      pointsIssued: 70,
      pointsCost: money('0.70'),
      pointsRedeemed: 1120,
      pointsCredit: money('11.20'),
      couponCredit: money('0.00'),
      couponCost: money('0.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
      net: money('44.62'),
    });
    expect(statement(A.id)).toMatchObject({ pointsIssued: 0, pointsCost: money('0.00'), net: money('0.00') });
    expect(statement(K.id)).toMatchObject({ redeemedElsewhere: money('35.00'), net: money('-35.00') });
    expect(ok(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hqToken)).finalizeSettlement.status).toBe('FINALIZED');

    const bTerminal = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    const office = await authenticate(hub.gatewayUrl, A.backOffice);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m1 }, office)).createMemberSession.token;
    const back = ok(
      await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c6Id, orderAmount: m('70.00'), idempotencyKey: 'r9' } }, bTerminal),
    ).refund;
    expect(back).toMatchObject({
      storedValueBack: money('35.00'),
      amountDueBack: money('23.80'),
      pointsRestored: 1120,
      pointsTakenBack: 70,
      wallet: { balance: money('139.99') },
      points: { balance: 1140 },
    });
    const after = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(after.tier.code).toBe('NORMAL'); // 2026 ended with 694 growth, below 银卡's 1000: one tier down
    expect(after.tierProgress).toMatchObject({ cycleStartsAt: '2026-12-31T16:00:00.000Z', growth: 0 });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it("2026's points expire at the end of 2027: the expiry job takes M1's 1,140 as HQ's breakage", async () => {
    await hub.moveClockTo('2028-01-02T10:00:00+08:00');
    const office = await authenticate(hub.gatewayUrl, A.backOffice);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m1 }, office)).createMemberSession.token;
    const home = await until(
      'the expiry job',
      async () => {
        const me = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
        return me.points.balance === 0 ? me : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(home.points).toMatchObject({ balance: 0, value: money('0.00'), nextExpiry: null });
    expect(home.transactions.edges[0].node).toMatchObject({ kind: 'POINTS_EXPIRY', pointsChange: -1140, amount: money('0.00'), store: null });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  let m3: string;
  const sessionOf = async (memberId: string, merchant: SetUpMerchant) => {
    const office = await authenticate(hub.gatewayUrl, merchant.backOffice);
    return ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token as string;
  };
  const buyOutside = (memberId: string, home: SetUpMerchant, at: SetUpMerchant, amount: string, key: string, couponId?: string) =>
    buyPayingOutside(hub.gatewayUrl, memberId, home, at, amount, key, couponId);
  it('January 2028, marketing: a co-funded HQ coupon at an ally, a brand coupon at its own store, a points exchange', async () => {
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    for (const [memberId, home] of [
      [m1, A],
      [m2, K],
    ] as const) {
      ok(await contract(hub.gatewayUrl, 'SetMarketingConsent', { marketing: true }, await sessionOf(memberId, home)));
    }
    const b1 = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    m3 = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '赵敏', storeId: B.stores[0]!.id, marketingConsent: true } }, b1),
    ).registerMember.member.id;
    const template = async (input: Record<string, unknown>, token: string) =>
      ok(await contract(hub.gatewayUrl, 'CreateCouponTemplate', { input: { validDays: 30, budget: 100, ...input } }, token)).createCouponTemplate.template
        .id as string;
    const allied = await template(
      {
        name: '联盟满50减10',
        kind: 'AMOUNT_OFF',
        amountOff: m('10.00'),
        minOrder: m('50.00'),
        acceptedBy: [B.id],
        funders: [{ shareBps: 6000 }, { merchantId: A.id, shareBps: 4000 }],
      },
      hqToken,
    );
    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    const own = await template({ name: '满100减20', kind: 'AMOUNT_OFF', amountOff: m('20.00'), minOrder: m('100.00') }, aOffice);
    const cake = await template({ name: '蛋糕券', kind: 'GIFT', giftValue: m('15.00'), pointsPrice: 100 }, await authenticate(hub.gatewayUrl, K.backOffice));
    for (const [templateId, token] of [
      [allied, hqToken],
      [own, aOffice],
    ] as const) {
      expect(
        ok(await contract(hub.gatewayUrl, 'IssueCoupons', { input: { templateId, memberIds: [m1], idempotencyKey: `issue-${templateId}` } }, token))
          .issueCoupons.issued,
      ).toBe(1);
    }
    const coupons = ok(await graphql(hub.gatewayUrl, 'query($id: ID!) { member(id: $id) { coupons { id template { id } } } }', { id: m1 }, hqToken)).member
      .coupons as { id: string; template: { id: string } }[];
    const couponOf = (templateId: string) => coupons.find((c) => c.template.id === templateId)!.id;

    expect(await buyOutside(m1, A, B, '80.00', 'mk1', couponOf(allied))).toMatchObject({
      couponDiscount: money('10.00'),
      amountDue: money('70.00'),
      pointsEarned: 70,
    });
    expect(await buyOutside(m1, A, A, '120.00', 'mk2', couponOf(own))).toMatchObject({
      couponDiscount: money('20.00'),
      amountDue: money('100.00'),
      pointsEarned: 100,
    });
    const exchanged = ok(
      await contract(hub.gatewayUrl, 'ExchangePoints', { input: { templateId: cake, idempotencyKey: 'cake' } }, await sessionOf(m1, A)),
    ).exchangePoints;
    expect(exchanged).toMatchObject({ coupon: { template: { name: '蛋糕券' } }, points: { balance: 70 } });
    expect(await buyOutside(m2, K, K, '300.00', 'mk3')).toMatchObject({ pointsEarned: 450 });
  });

  it("February 2028: January's coupons and points settle to their funders; RFM over a known population; a campaign to its segments", async () => {
    await hub.moveClockTo('2028-02-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    expect(await buyOutside(m3, B, B, '20.00', 'mk4')).toMatchObject({ pointsEarned: 20 });

    ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2028-01' }, hqToken));
    const jan = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2028-01' }, hqToken)).settlement;
    expect(jan.totals).toMatchObject({
      couponDiscountsFundedByHq: money('6.00'),
      benefitCostsFundedByHq: money('0.00'),
      pointsCost: money('6.20'),
      pointsCredit: money('1.00'),
      hqIncome: money('-0.80'),
    });
    const statement = (id: string) => jan.statements.find((x: any) => x.merchant.id === id);
    expect(statement(B.id)).toMatchObject({
      pointsIssued: 70,
      pointsCost: money('0.70'),
      couponCredit: money('10.00'),
      couponCost: money('0.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
      net: money('9.30'),
    });
    expect(statement(A.id)).toMatchObject({
      pointsIssued: 100,
      pointsCost: money('1.00'),
      couponCredit: money('0.00'),
      couponCost: money('4.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('0.00'),
      net: money('-5.00'),
    });
    expect(statement(K.id)).toMatchObject({
      pointsIssued: 450,
      pointsCost: money('4.50'),
      pointsRedeemed: 100,
      pointsCredit: money('1.00'),
      net: money('-3.50'),
    });

    const asOf = await refreshRfm(hub.gatewayUrl, hqToken);
    const rfm = ok(await contract(hub.gatewayUrl, 'Rfm', {}, hqToken)).rfm;
    expect(rfm.asOf).toBe(asOf);
    expect(rfm.averages.recencyDays).toBeCloseTo(62 / 3, 5);
    expect(rfm.averages.frequency).toBeCloseTo(4 / 3, 5);
    expect(Object.fromEntries(rfm.segments.filter((x: any) => x.members > 0).map((x: any) => [x.segment, x.members]))).toEqual({
      IMPORTANT_WINBACK: 1,
      IMPORTANT_RETAIN: 1,
      NEW: 1,
    });

    const offer = ok(
      await contract(
        hub.gatewayUrl,
        'CreateCouponTemplate',
        { input: { name: '九五折', kind: 'PERCENT_OFF', percentOff: 5, maxDiscount: m('20.00'), validDays: 30, budget: 10, acceptedBy: [A.id, K.id] } },
        hqToken,
      ),
    ).createCouponTemplate.template.id;
    const campaign = ok(
      await contract(
        hub.gatewayUrl,
        'CreateCampaign',
        {
          input: {
            name: '唤回与挽留',
            trigger: { kind: 'NOW' },
            audience: { rfmSegments: ['IMPORTANT_WINBACK', 'IMPORTANT_RETAIN'] },
            action: { kind: 'ISSUE_COUPON', couponTemplateId: offer },
            controlGroupBps: 5000,
            idempotencyKey: 'winback',
          },
        },
        hqToken,
      ),
    ).createCampaign.campaign;
    await campaignRan(hub.databaseUrl, campaign.id);
    const holding = async (memberId: string) =>
      (
        ok(await graphql(hub.gatewayUrl, 'query($id: ID!) { member(id: $id) { coupons { id template { id } } } }', { id: memberId }, hqToken)).member
          .coupons as { id: string; template: { id: string } }[]
      ).find((c) => c.template.id === offer);
    const reached: string[] = [];
    for (const memberId of [m1, m2]) {
      const coupon = await holding(memberId);
      if (!coupon) continue;
      reached.push(memberId);
      expect(await buyOutside(memberId, memberId === m1 ? A : K, A, '50.00', `offer-${memberId}`, coupon.id)).toMatchObject({
        couponDiscount: money('2.50'),
        amountDue: money('47.50'),
      });
    }
    const results = ok(await contract(hub.gatewayUrl, 'CampaignResults', { id: campaign.id }, hqToken)).campaign;
    const R = reached.length;
    expect(results).toMatchObject({ reached: R, heldOut: 2 - R, couponsRedeemed: R });
    expect(results.results[0]).toEqual({
      days: 7,
      reached: { members: R, buyers: R, purchases: R, paid: money(R === 0 ? '0.00' : (47.5 * R).toFixed(2)) },
      control: { members: 2 - R, buyers: 0, purchases: 0, paid: money('0.00') },
      upliftBps: R === 0 || R === 2 ? null : 10_000,
    });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
  let m4: string;
  let c7Id: string, c8Id: string;
  let silverDiscount: string, coffeePack: string, parking: string, coffeeTemplate: string;
  it('March 2028, benefits: an upgrade at checkout brings 银卡 its pack at once and its discount on the next order, at an ally with a coupon, points and stored value', async () => {
    await hub.moveClockTo('2028-03-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    const bOffice = await authenticate(hub.gatewayUrl, B.backOffice);
    const benefit = async (input: Record<string, unknown>, token: string) =>
      ok(await contract(hub.gatewayUrl, 'CreateBenefit', { input: { tiers: ['SILVER'], ...input } }, token)).createBenefit.benefit;
    const template = async (input: Record<string, unknown>, token: string) =>
      ok(await contract(hub.gatewayUrl, 'CreateCouponTemplate', { input: { validDays: 30, budget: 100, ...input } }, token)).createCouponTemplate.template
        .id as string;

    silverDiscount = (
      await benefit(
        {
          name: '银卡九五折',
          kind: 'DISCOUNT',
          percentOff: 5,
          maxDiscount: m('20.00'),
          acceptedBy: [A.id, K.id, B.id],
          funders: [{ shareBps: 6000 }, { merchantId: A.id, shareBps: 4000 }],
        },
        hqToken,
      )
    ).id;
    coffeeTemplate = await template({ name: '咖啡兑换券', kind: 'GIFT', giftValue: m('25.00') }, aOffice);
    coffeePack = (await benefit({ name: '每月咖啡', kind: 'COUPON_PACK', couponTemplateId: coffeeTemplate, count: 2, occasion: 'MONTHLY' }, aOffice)).id;
    parking = (await benefit({ name: '免费停车2小时', kind: 'SERVICE', usesPerMonth: 2, costPerUse: m('10.00') }, bOffice)).id;
    const allied = await template(
      {
        name: '联盟满100减10',
        kind: 'AMOUNT_OFF',
        amountOff: m('10.00'),
        minOrder: m('100.00'),
        acceptedBy: [B.id],
        funders: [{ shareBps: 6000 }, { merchantId: K.id, shareBps: 4000 }],
      },
      hqToken,
    );

    const a1 = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    m4 = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '孙丽', storeId: A.stores[0]!.id, marketingConsent: true } }, a1),
    ).registerMember.member.id;
    const session = await sessionOf(m4, A);
    const payCode = async () => ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    expect(
      ok(
        await contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { memberId: m4, storeId: A.stores[0]!.id, amount: m('100.00'), idempotencyKey: 'b-top-up' } },
          aOffice,
        ),
      ).topUp,
    ).toMatchObject({ growthEarned: 0, wallet: { balance: money('100.00') } });
    expect(
      ok(await contract(hub.gatewayUrl, 'IssueCoupons', { input: { templateId: allied, memberIds: [m4], idempotencyKey: 'b-allied' } }, hqToken)).issueCoupons
        .issued,
    ).toBe(1);

    const c7 = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(), storeId: A.stores[0]!.id, orderAmount: m('1000.00'), storedValue: m('0'), idempotencyKey: 'c7' } },
        a1,
      ),
    ).checkout;
    c7Id = c7.transaction.id;
    expect(c7).toMatchObject({
      memberDiscount: money('0.00'),
      memberDiscountBenefit: null,
      amountDue: money('1000.00'),
      pointsEarned: 1000,
      growthEarned: 1000,
    });
    expect(c7.points.balance).toBe(1500); // 1,000 earned at ×1.0 and 银卡's gift of 500 from HQ
    let home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.tier.code).toBe('SILVER');
    expect(home.benefits.map((b: any) => [b.benefit.name, b.source, b.usesLeftThisMonth]).sort()).toEqual([
      ['免费停车2小时', 'TIER', 2],
      ['每月咖啡', 'TIER', null],
      ['银卡九五折', 'TIER', null],
    ]);
    const packCoupons = home.coupons.filter((c: any) => c.template.id === coffeeTemplate);
    expect(packCoupons).toHaveLength(2); // March's pack, in the checkout that reached 银卡
    for (const c of packCoupons) expect(Date.parse(c.validUntil)).toBeLessThanOrEqual(Date.parse('2028-04-01T00:00:00+08:00'));

    const b1 = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    const allieds = home.coupons.filter((c: any) => c.template.id === allied);
    const c8 = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        {
          input: {
            payCode: await payCode(),
            storeId: B.stores[0]!.id,
            orderAmount: m('200.00'),
            couponId: allieds[0].id,
            points: 1000,
            storedValue: m('100.00'),
            idempotencyKey: 'c8',
          },
        },
        b1,
      ),
    ).checkout;
    c8Id = c8.transaction.id;
    expect(c8).toMatchObject({
      memberDiscount: money('10.00'),
      memberDiscountBenefit: { id: silverDiscount, name: '银卡九五折' },
      couponDiscount: money('10.00'),
      pointsUsed: 1000,
      pointsValue: money('10.00'),
      storedValueUsed: money('100.00'),
      amountDue: money('70.00'),
      pointsEarned: 204,
      growthEarned: 170,
      wallet: { balance: money('0.00') },
      points: { balance: 704 },
    });
    home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.tierProgress).toMatchObject({ growth: 1170, keepsTier: true });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it('March 2028: refunds give back the discount in proportion and take growth below 银卡; the parking service is used to its quota', async () => {
    const b1 = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    const a1 = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const refund = (terminal: string, transactionId: string, amount: string, key: string) =>
      contract(hub.gatewayUrl, 'Refund', { input: { transactionId, orderAmount: m(amount), idempotencyKey: key } }, terminal);
    expect(ok(await refund(b1, c8Id, '100.00', 'r10')).refund).toMatchObject({
      storedValueBack: money('50.00'),
      memberDiscountBack: money('5.00'),
      couponRestored: false,
      pointsRestored: 500,
      pointsTakenBack: 102,
      growthTakenBack: 85,
      amountDueBack: money('35.00'),
      wallet: { balance: money('50.00') },
      points: { balance: 1102 },
    });
    expect(ok(await refund(a1, c7Id, '100.00', 'r11')).refund).toMatchObject({
      amountDueBack: money('100.00'),
      pointsTakenBack: 100,
      growthTakenBack: 100,
      points: { balance: 1002 },
    });
    const session = await sessionOf(m4, A);
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.tier.code).toBe('SILVER'); // never down during a cycle
    expect(home.tierProgress).toMatchObject({ growth: 985, keepsTier: false });

    const payCode = async () => ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    const redeem = async (key: string) =>
      contract(hub.gatewayUrl, 'RedeemBenefit', { input: { payCode: await payCode(), storeId: B.stores[0]!.id, benefitId: parking, idempotencyKey: key } }, b1);
    expect(ok(await redeem('p1')).redeemBenefit).toMatchObject({ redemption: { benefit: { id: parking } }, usesLeftThisMonth: 1 });
    expect(ok(await redeem('p2')).redeemBenefit.usesLeftThisMonth).toBe(0);
    expect(codeOf(await redeem('p3'))).toBe('BENEFIT_EXHAUSTED');
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it("April 2028: March's discount and coupon settle to their funders, net of the refund", async () => {
    await hub.moveClockTo('2028-04-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2028-03' }, hqToken));
    const mar = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2028-03' }, hqToken)).settlement;
    expect(mar.totals).toMatchObject({
      crossRedemptions: money('50.00'),
      commission: money('1.25'),
      pointsIssued: 1002,
      pointsRedeemed: 500,
      pointsGrantedByHq: 500,
      pointsExpired: 0,
      pointsCost: money('10.02'),
      pointsCredit: money('5.00'),
      couponDiscountsFundedByHq: money('6.00'),
      benefitCostsFundedByHq: money('3.00'),
      hqIncome: money('-2.73'),
    });
    const statement = (id: string) => mar.statements.find((x: any) => x.merchant.id === id);
    expect(statement(B.id)).toMatchObject({
      acquiredFromOthers: money('50.00'),
      commission: money('1.25'),
      pointsIssued: 102,
      pointsCost: money('1.02'),
      pointsRedeemed: 500,
      pointsCredit: money('5.00'),
      couponCredit: money('10.00'),
      couponCost: money('0.00'),
      benefitCredit: money('5.00'),
      benefitCost: money('0.00'),
      net: money('67.73'),
    });
    expect(statement(A.id)).toMatchObject({
      redeemedElsewhere: money('50.00'),
      pointsIssued: 900,
      pointsCost: money('9.00'),
      benefitCredit: money('0.00'),
      benefitCost: money('2.00'),
      net: money('-61.00'),
    });
    expect(statement(K.id)).toMatchObject({ couponCost: money('4.00'), benefitCost: money('0.00'), net: money('-4.00') });
    const nets = mar.statements.map((x: any) => Math.round(Number(x.net.amount) * 100)).reduce((a: number, b: number) => a + b, 0);
    expect(nets).toBe(273); // HQ's income is minus the merchants' nets: conservation

    const session = await sessionOf(m4, A);
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
    expect(home.coupons.filter((c: any) => c.template.id === coffeeTemplate)).toHaveLength(2); // April's pack, by the job; March's ended with March
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it('January 2029: the cycle ended below 银卡, so its benefits end with the tier', async () => {
    await hub.moveClockTo('2029-01-02T10:00:00+08:00');
    const session = await sessionOf(m4, A);
    const home = await until(
      'the cycle-end job',
      async () => {
        const me = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 1 }, session)).me;
        return me.tier.code === 'NORMAL' ? me : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(home.benefits).toEqual([]);
    expect(home.nextTierBenefits.map((b: any) => b.id).sort()).toEqual([silverDiscount, coffeePack, parking].sort());
    const b1 = await authenticate(hub.gatewayUrl, B.stores[0]!.terminal);
    const payCode = async () => ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    expect(
      codeOf(
        await contract(
          hub.gatewayUrl,
          'RedeemBenefit',
          { input: { payCode: await payCode(), storeId: B.stores[0]!.id, benefitId: parking, idempotencyKey: 'p4' } },
          b1,
        ),
      ),
    ).toBe('BENEFIT_NOT_APPLICABLE');
    const c9 = ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(), storeId: B.stores[0]!.id, orderAmount: m('50.00'), storedValue: m('0'), idempotencyKey: 'c9' } },
        b1,
      ),
    ).checkout;
    expect(c9).toMatchObject({ memberDiscount: money('0.00'), memberDiscountBenefit: null, amountDue: money('50.00') });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
