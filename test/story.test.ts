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
 * Statements: A net 60.01-0.90-110.01 = -50.90; K net -93.51; B 107.76; C 33.16.
 * Σ net = -3.49 = -(2.25 + 0.90 + 0.34): conservation holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, graphql, ok } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';

let hub: TestHub;
const m = (amount: string) => ({ amount, currencyCode: 'CNY' });
const money = (amount: string) => ({ amount, currencyCode: 'CNY' });

describe('the stored-value loop, end to end', () => {
  let A: SetUpMerchant, K: SetUpMerchant, B: SetUpMerchant, C: SetUpMerchant;
  let hqToken: string;
  let m1: string, m2: string;
  let c3: string, c4: string;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-10-15T10:00:00+08:00' });
  });
  afterAll(async () => hub?.stop());

  it('HQ sets up two brands and two allies with stores, clients and terms', async () => {
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    A = await setUpMerchant(hub.gatewayUrl, hqToken, { name: '蓝山咖啡', kind: 'BRAND', stores: ['静安店', '徐汇店'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
    K = await setUpMerchant(hub.gatewayUrl, hqToken, { name: '麦芳烘焙', kind: 'BRAND', stores: ['南京西路店'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
    B = await setUpMerchant(hub.gatewayUrl, hqToken, { name: '星光影城', kind: 'ALLY', stores: ['环球港'], terms: { canIssue: false, canAccept: true, commissionBps: 200 } });
    C = await setUpMerchant(hub.gatewayUrl, hqToken, { name: '墨香书店', kind: 'ALLY', stores: ['福州路'], terms: { canIssue: false, canAccept: true, commissionBps: 100 } });
    const terms = ok(await contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: B.id, canIssue: false, canAccept: true, commissionBps: 200 } }, hqToken));
    expect(terms.setSettlementTerms.merchant).toEqual({ id: B.id, name: '星光影城', settlementTerms: { canIssue: false, canAccept: true, commissionBps: 200 } });
  });

  it('terminals register members and a back office opens a member session', async () => {
    const a1 = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const reg = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: '+86 138-0013-8001', name: '王小明', birthday: '1990-05-17', storeId: A.stores[0]!.id } }, a1));
    m1 = reg.registerMember.member.id;
    expect(reg.registerMember.member.displayName).toBe('王小明');
    expect(reg.registerMember.member.card.number).toMatch(/^\d{16}$/);
    expect(reg.registerMember.member.card.status).toBe('ACTIVE');
    expect(reg.registerMember.member.tier).toEqual({ code: 'NORMAL', name: '普通' });
    const k1 = await authenticate(hub.gatewayUrl, K.stores[0]!.terminal);
    m2 = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '李华', storeId: K.stores[0]!.id } }, k1)).registerMember.member.id;
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

    const up1 = ok(await contract(hub.gatewayUrl, 'TopUp', { input: { payCode: await payCode(session), storeId: A.stores[0]!.id, amount: m('500'), bonus: m('50'), idempotencyKey: 't1' } }, await terminal(A)));
    expect(up1.topUp.transaction.kind).toBe('TOP_UP');
    expect(up1.topUp.transaction.amount).toEqual(money('550.00'));
    expect(up1.topUp.wallet.balance).toEqual(money('550.00'));
    const up2 = ok(await contract(hub.gatewayUrl, 'TopUp', { input: { payCode: await payCode(session), storeId: K.stores[0]!.id, amount: m('200.00'), idempotencyKey: 't2' } }, await terminal(K)));
    expect(up2.topUp.wallet.balance).toEqual(money('750.00'));

    const bTerminal = await terminal(B);
    const code = await payCode(session);
    const lookup = ok(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, bTerminal)).payCode;
    expect(lookup.member).toEqual({ id: m1, maskedName: '王**', tier: { code: 'NORMAL', name: '普通' } });
    expect(lookup.wallet).toEqual({ status: 'ACTIVE', balance: money('750.00') });
    const c1 = ok(await contract(hub.gatewayUrl, 'Checkout', { input: { payCode: code, storeId: B.stores[0]!.id, orderAmount: m('120.00'), storedValue: m('100.00'), orderRef: 'FILM-1', idempotencyKey: 'c1' } }, bTerminal));
    expect(c1.checkout.storedValueUsed).toEqual(money('100.00'));
    expect(c1.checkout.amountDue).toEqual(money('20.00'));
    expect(c1.checkout.wallet.balance).toEqual(money('650.00'));

    ok(await contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: B.id, canIssue: false, canAccept: true, commissionBps: 250 } }, hqToken));
    ok(await contract(hub.gatewayUrl, 'Checkout', { input: { payCode: await payCode(session), storeId: B.stores[0]!.id, orderAmount: m('10.01'), storedValue: m('10.01'), idempotencyKey: 'c2' } }, bTerminal));

    const a2 = await terminal(A, 1);
    const c3r = ok(await contract(hub.gatewayUrl, 'Checkout', { input: { payCode: await payCode(session), storeId: A.stores[1]!.id, orderAmount: m('600'), storedValue: m('600'), idempotencyKey: 'c3' } }, a2));
    c3 = c3r.checkout.transaction.id;
    expect(c3r.checkout.amountDue).toEqual(money('0.00'));
    expect(c3r.checkout.wallet.balance).toEqual(money('39.99'));
    c4 = ok(await contract(hub.gatewayUrl, 'Checkout', { input: { payCode: await payCode(session), storeId: C.stores[0]!.id, orderAmount: m('40'), storedValue: m('33.50'), idempotencyKey: 'c4' } }, await terminal(C))).checkout.transaction.id;

    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    const refund = ok(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c3, amount: m('100.00'), idempotencyKey: 'r1' } }, aOffice));
    expect(refund.refund.transaction.kind).toBe('REFUND');
    expect(refund.refund.wallet.balance).toEqual(money('106.49'));

    const kOffice = await authenticate(hub.gatewayUrl, K.backOffice);
    const up3 = ok(await contract(hub.gatewayUrl, 'TopUp', { input: { memberId: m2, storeId: K.stores[0]!.id, amount: m('300'), bonus: m('30'), idempotencyKey: 't3' } }, kOffice));
    expect(up3.topUp.wallet.balance).toEqual(money('330.00'));

    // The refund went back to L2 (bakery K), the lot used last by c3: A's lot stays empty.
    const home = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 3 }, session)).me;
    expect(home.wallet.balance).toEqual(money('106.49'));
    expect(home.wallet.balanceByIssuer).toEqual([{ issuer: { id: K.id, name: '麦芳烘焙' }, balance: money('106.49') }]);
    expect(home.transactions.edges.map((e: any) => e.node.kind)).toEqual(['REFUND', 'CHECKOUT', 'CHECKOUT']);
    expect(home.transactions.edges[0].node.store).toEqual({ id: A.stores[1]!.id, name: '徐汇店', merchant: { id: A.id, name: '蓝山咖啡' } });
    expect(home.transactions.pageInfo.hasNextPage).toBe(true);
    const rest = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 10, after: home.transactions.pageInfo.endCursor }, session)).me;
    expect(rest.transactions.edges.map((e: any) => e.node.kind)).toEqual(['CHECKOUT', 'CHECKOUT', 'TOP_UP', 'TOP_UP']);
    expect(rest.transactions.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses to settle October before it has ended', async () => {
    expect(codeOf(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken))).toBe('PERIOD_NOT_ENDED');
  });

  it('settles October in November with the statements and positions computed by hand', async () => {
    await hub.restartAt('2026-11-02T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    const run = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken)).runSettlement;
    expect(run).toMatchObject({ period: '2026-10', status: 'DRAFT' });
    const s = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(s).toMatchObject({ id: run.id, timeZone: 'Asia/Shanghai', startsAt: '2026-09-30T16:00:00.000Z', endsAt: '2026-10-31T16:00:00.000Z' });
    expect(s.totals).toEqual({ crossRedemptions: money('203.52'), commission: money('3.49') });
    const statement = (id: string) => s.statements.find((x: any) => x.merchant.id === id);
    expect(statement(A.id)).toEqual({
      merchant: { id: A.id, name: '蓝山咖啡', kind: 'BRAND' }, topUps: money('500.00'), bonusGranted: money('50.00'), redeemedOwnValue: money('439.99'),
      acquiredFromOthers: money('60.01'), redeemedElsewhere: money('110.01'), commission: money('0.90'), net: money('-50.90'), outstandingFloat: money('0.00'),
    });
    expect(statement(K.id)).toEqual({
      merchant: { id: K.id, name: '麦芳烘焙', kind: 'BRAND' }, topUps: money('500.00'), bonusGranted: money('30.00'), redeemedOwnValue: money('0.00'),
      acquiredFromOthers: money('0.00'), redeemedElsewhere: money('93.51'), commission: money('0.00'), net: money('-93.51'), outstandingFloat: money('436.49'),
    });
    expect(statement(B.id)).toMatchObject({ acquiredFromOthers: money('110.01'), commission: money('2.25'), net: money('107.76'), redeemedElsewhere: money('0.00'), outstandingFloat: money('0.00') });
    expect(statement(C.id)).toMatchObject({ acquiredFromOthers: money('33.50'), commission: money('0.34'), net: money('33.16') });
    const positions = Object.fromEntries(s.positions.map((p: any) => [`${p.acquirer.name}<-${p.issuer.name}`, [p.amount.amount, p.commission.amount]]));
    expect(positions).toEqual({ '星光影城<-蓝山咖啡': ['110.01', '2.25'], '蓝山咖啡<-麦芳烘焙': ['60.01', '0.90'], '墨香书店<-麦芳烘焙': ['33.50', '0.34'] });

    // Running again replaces the draft with the same numbers.
    const again = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken)).runSettlement;
    expect(again.id).toBe(run.id);
    const s2 = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(s2.statements).toEqual(s.statements);
    expect(s2.positions).toEqual(s.positions);

    // A merchant sees its own statement.
    const aOffice = await authenticate(hub.gatewayUrl, A.backOffice);
    expect(ok(await contract(hub.gatewayUrl, 'MerchantStatement', { period: '2026-10' }, aOffice)).myStatement).toEqual({
      period: '2026-10', status: 'DRAFT', net: money('-50.90'), commission: money('0.90'), acquiredFromOthers: money('60.01'), redeemedElsewhere: money('110.01'),
    });

    const fin = ok(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hqToken)).finalizeSettlement;
    expect(fin.status).toBe('FINALIZED');
    expect(new Date(fin.finalizedAt).toISOString()).toMatch(/^2026-11-02T0[12]:/);
    expect(codeOf(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-10' }, hqToken))).toBe('PERIOD_FINALIZED');
    expect(codeOf(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hqToken))).toBe('PERIOD_FINALIZED');
  });

  it('a refund in November of an October checkout lands in November', async () => {
    const cTerminal = await authenticate(hub.gatewayUrl, C.stores[0]!.terminal);
    const refund = ok(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c4, amount: m('10.00'), idempotencyKey: 'r2' } }, cTerminal));
    expect(refund.refund.wallet.balance).toEqual(money('116.49'));
    expect(codeOf(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: c4, amount: m('23.51'), idempotencyKey: 'r3' } }, cTerminal))).toBe('REFUND_EXCEEDS_REMAINING');

    await hub.restartAt('2026-12-01T10:00:00+08:00');
    hqToken = await authenticate(hub.gatewayUrl, hub.hq);
    ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2026-11' }, hqToken));
    const nov = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-11' }, hqToken)).settlement;
    // R(C,K) = -10.00 at c4's rate (100 bps): commission -0.10, so C pays back 9.90 and K gets 10.00.
    expect(nov.positions.map((p: any) => [p.acquirer.id, p.issuer.id, p.amount.amount, p.commission.amount])).toEqual([[C.id, K.id, '-10.00', '-0.10']]);
    expect(nov.statements.find((x: any) => x.merchant.id === C.id)).toMatchObject({ net: money('-9.90'), commission: money('-0.10') });
    expect(nov.statements.find((x: any) => x.merchant.id === K.id)).toMatchObject({ net: money('10.00'), outstandingFloat: money('446.49') });
    // October stays as finalised.
    const oct = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2026-10' }, hqToken)).settlement;
    expect(oct.status).toBe('FINALIZED');
    expect(oct.totals).toEqual({ crossRedemptions: money('203.52'), commission: money('3.49') });
  });

  it('a member freezes its wallet and spending stops', async () => {
    const office = await authenticate(hub.gatewayUrl, A.backOffice);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: m1 }, office)).createMemberSession.token;
    expect(ok(await contract(hub.gatewayUrl, 'FreezeWallet', {}, session)).freezeWallet.status).toBe('FROZEN');
    const code = ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
    const terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const refused = await contract(hub.gatewayUrl, 'Checkout', { input: { payCode: code, storeId: A.stores[0]!.id, orderAmount: m('5'), storedValue: m('5'), idempotencyKey: 'frozen' } }, terminal);
    expect(codeOf(refused)).toBe('WALLET_FROZEN');
    const home = ok(await graphql(hub.gatewayUrl, '{ me { wallet { status balance { amount } } } }', {}, session));
    expect(home.me.wallet).toEqual({ status: 'FROZEN', balance: { amount: '116.49' } });
  });
});
