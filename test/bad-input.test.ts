/** Bad input gets its extensions.code, leaks nothing, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, graphql, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { ledgerSnapshot, ledgerViolations } from './support/ledger.js';

let hub: TestHub;
let A: SetUpMerchant, Ally: SetUpMerchant, Closed: SetUpMerchant;
let hq: string, terminal: string, allyTerminal: string, closedTerminal: string, office: string, member: string;
let memberId: string, checkoutId: string;
const m = (amount: string) => ({ amount });
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let n = 0;

async function payCode(): Promise<string> {
  return ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, member)).issuePayCode.code;
}

/** Runs `call`, expects `code`, and checks the ledger is exactly as before. */
async function refusedWithoutEffect(call: () => Promise<GraphQLResponse>, code: string, field?: string) {
  const before = await ledgerSnapshot(hub.databaseUrl);
  const response = await call();
  expect(codeOf(response), JSON.stringify(response.errors)).toBe(code);
  if (field) expect(response.errors![0]!.extensions!.field).toBe(field);
  const text = JSON.stringify(response.errors);
  expect(text).not.toMatch(/select |insert |update |violates|stacktrace|\bat .*\.ts:\d+|postgres:\/\//i);
  expect(await ledgerSnapshot(hub.databaseUrl)).toEqual(before);
}

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-03-10T10:00:00+08:00' });
  hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  Ally = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Ally',
    kind: 'ALLY',
    stores: ['Y1'],
    terms: { canIssue: false, canAccept: true, commissionBps: 150 },
  });
  Closed = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Closed',
    kind: 'ALLY',
    stores: ['Z1'],
    terms: { canIssue: false, canAccept: false, commissionBps: 150 },
  });
  terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
  allyTerminal = await authenticate(hub.gatewayUrl, Ally.stores[0]!.terminal);
  closedTerminal = await authenticate(hub.gatewayUrl, Closed.stores[0]!.terminal);
  office = await authenticate(hub.gatewayUrl, A.backOffice);
  memberId = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '钱多多', storeId: A.stores[0]!.id } }, terminal))
    .registerMember.member.id;
  member = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
  ok(await contract(hub.gatewayUrl, 'TopUp', { input: { memberId, storeId: A.stores[0]!.id, amount: m('100'), idempotencyKey: 'fund' } }, office));
  checkoutId = ok(
    await contract(
      hub.gatewayUrl,
      'Checkout',
      { input: { payCode: await payCode(), storeId: A.stores[0]!.id, orderAmount: m('30'), storedValue: m('30'), idempotencyKey: 'base' } },
      terminal,
    ),
  ).checkout.transaction.id;
});
afterAll(async () => hub?.stop());

describe('amounts', () => {
  it.each(['0', '-5', '1.234', 'abc', '', '1e3', '99999999999999', '100000000.01'])('top-up of %j is BAD_USER_INPUT on amount.amount', async (amount) => {
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { payCode: await payCode(), storeId: A.stores[0]!.id, amount: m(amount), idempotencyKey: `a${n++}` } },
          terminal,
        ),
      'BAD_USER_INPUT',
      'amount.amount',
    );
  });

  it('a bonus beyond the amount, a negative bonus, a foreign currency', async () => {
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { memberId, storeId: A.stores[0]!.id, amount: m('10'), bonus: m('11'), idempotencyKey: `a${n++}` } },
          office,
        ),
      'BAD_USER_INPUT',
      'bonus.amount',
    );
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { memberId, storeId: A.stores[0]!.id, amount: m('10'), bonus: m('-1'), idempotencyKey: `a${n++}` } },
          office,
        ),
      'BAD_USER_INPUT',
      'bonus.amount',
    );
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { memberId, storeId: A.stores[0]!.id, amount: { amount: '10', currencyCode: 'USD' }, idempotencyKey: `a${n++}` } },
          office,
        ),
      'BAD_USER_INPUT',
      'amount.currencyCode',
    );
  });

  it('checkout: zero order, stored value above the order, above the balance', async () => {
    const checkout = (orderAmount: string, storedValue: string) => async () =>
      contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: await payCode(), storeId: A.stores[0]!.id, orderAmount: m(orderAmount), storedValue: m(storedValue), idempotencyKey: `c${n++}` } },
        terminal,
      );
    await refusedWithoutEffect(checkout('0', '0'), 'BAD_USER_INPUT', 'orderAmount.amount');
    await refusedWithoutEffect(checkout('10', '10.01'), 'BAD_USER_INPUT', 'storedValue.amount');
    await refusedWithoutEffect(checkout('10', '-1'), 'BAD_USER_INPUT', 'storedValue.amount');
    await refusedWithoutEffect(checkout('500', '70.01'), 'INSUFFICIENT_FUNDS');
  });

  it('checkout: points negative, fractional, worth more than the order, more than held; stored value beyond what points leave', async () => {
    const checkout =
      (orderAmount: string, points: unknown, storedValue = '0') =>
      async () =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          {
            input: {
              payCode: await payCode(),
              storeId: A.stores[0]!.id,
              orderAmount: m(orderAmount),
              points,
              storedValue: m(storedValue),
              idempotencyKey: `p${n++}`,
            },
          },
          terminal,
        );
    await refusedWithoutEffect(checkout('10', -1), 'BAD_USER_INPUT', 'points');
    await refusedWithoutEffect(checkout('10', 1001), 'BAD_USER_INPUT', 'points'); // 1,001 points are ¥10.01
    await refusedWithoutEffect(checkout('10', 100, '9.01'), 'BAD_USER_INPUT', 'storedValue.amount');
    await refusedWithoutEffect(checkout('200000', 10_000_000), 'INSUFFICIENT_POINTS');
  });

  it('refund of more of the order than remains, and of zero', async () => {
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'Refund', { input: { transactionId: checkoutId, orderAmount: m('30.01'), idempotencyKey: `r${n++}` } }, terminal),
      'REFUND_EXCEEDS_REMAINING',
    );
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'Refund', { input: { transactionId: checkoutId, orderAmount: m('0'), idempotencyKey: `r${n++}` } }, terminal),
      'BAD_USER_INPUT',
      'orderAmount.amount',
    );
    ok(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: checkoutId, orderAmount: m('20'), idempotencyKey: `r${n++}` } }, terminal));
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'Refund', { input: { transactionId: checkoutId, orderAmount: m('10.01'), idempotencyKey: `r${n++}` } }, terminal),
      'REFUND_EXCEEDS_REMAINING',
    );
  });
});

describe('terms', () => {
  it('an ally that may not issue cannot top up; one that may not accept cannot take stored value', async () => {
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { payCode: await payCode(), storeId: Ally.stores[0]!.id, amount: m('10'), idempotencyKey: `i${n++}` } },
          allyTerminal,
        ),
      'ISSUING_NOT_ALLOWED',
    );
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          { input: { payCode: await payCode(), storeId: Closed.stores[0]!.id, orderAmount: m('10'), storedValue: m('5'), idempotencyKey: `i${n++}` } },
          closedTerminal,
        ),
      'ACCEPTING_NOT_ALLOWED',
    );
  });

  it('commission outside 0..10000 bps', async () => {
    for (const commissionBps of [-1, 10001]) {
      await refusedWithoutEffect(
        () => contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: A.id, canIssue: true, canAccept: true, commissionBps } }, hq),
        'BAD_USER_INPUT',
        'commissionBps',
      );
    }
  });
});

describe('ids and periods', () => {
  it('unknown and malformed ids', async () => {
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'TopUp', { input: { memberId, storeId: UNKNOWN, amount: m('1'), idempotencyKey: `u${n++}` } }, hq),
      'NOT_FOUND',
    );
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'TopUp', { input: { memberId: UNKNOWN, storeId: A.stores[0]!.id, amount: m('1'), idempotencyKey: `u${n++}` } }, hq),
      'NOT_FOUND',
    );
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'TopUp', { input: { memberId: 'nope', storeId: A.stores[0]!.id, amount: m('1'), idempotencyKey: `u${n++}` } }, hq),
      'BAD_USER_INPUT',
      'memberId',
    );
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'Refund', { input: { transactionId: UNKNOWN, orderAmount: m('1'), idempotencyKey: `u${n++}` } }, hq),
      'NOT_FOUND',
    );
    await refusedWithoutEffect(
      () =>
        contract(
          hub.gatewayUrl,
          'Refund',
          { input: { transactionId: "1'; drop table wallet.wallet; --", orderAmount: m('1'), idempotencyKey: `u${n++}` } },
          hq,
        ),
      'BAD_USER_INPUT',
      'transactionId',
    );
    await refusedWithoutEffect(() => contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: UNKNOWN }, office), 'NOT_FOUND');
    await refusedWithoutEffect(() => contract(hub.gatewayUrl, 'FinalizeSettlement', { id: UNKNOWN }, hq), 'NOT_FOUND');
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'SetSettlementTerms', { input: { merchantId: UNKNOWN, canIssue: true, canAccept: true, commissionBps: 1 } }, hq),
      'NOT_FOUND',
    );
    await refusedWithoutEffect(() => contract(hub.gatewayUrl, 'CreateStore', { input: { merchantId: UNKNOWN, name: 'x', city: 'y' } }, hq), 'NOT_FOUND');
    await refusedWithoutEffect(
      () => contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: 'x', storeId: UNKNOWN } }, hq),
      'NOT_FOUND',
    );
  });

  it('registration: bad phone, duplicate phone, bad birthday, empty name', async () => {
    const register = (input: Record<string, unknown>) => () =>
      contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '某人', storeId: A.stores[0]!.id, ...input } }, terminal);
    const phone = newPhone();
    ok(await register({ phone })());
    await refusedWithoutEffect(register({ phone: '12345' }), 'BAD_USER_INPUT', 'phone');
    await refusedWithoutEffect(register({ phone: `+86 ${phone}` }), 'BAD_USER_INPUT', 'phone');
    await refusedWithoutEffect(register({ birthday: '2031-01-01' }), 'BAD_USER_INPUT', 'birthday');
    await refusedWithoutEffect(register({ name: '   ' }), 'BAD_USER_INPUT', 'name');
  });

  it.each([
    ['2026-13', 'BAD_USER_INPUT'],
    ['2026-1', 'BAD_USER_INPUT'],
    ['last month', 'BAD_USER_INPUT'],
    ['2026-03', 'PERIOD_NOT_ENDED'],
    ['2027-01', 'PERIOD_NOT_ENDED'],
  ])('settlement period %j is %s', async (period, code) => {
    await refusedWithoutEffect(() => contract(hub.gatewayUrl, 'RunSettlement', { period }, hq), code);
  });

  it('a page size over 100 and a forged cursor', async () => {
    expect(codeOf(await contract(hub.gatewayUrl, 'MemberHome', { first: 1000 }, member))).toBe('BAD_USER_INPUT');
    expect(codeOf(await contract(hub.gatewayUrl, 'MemberHome', { first: 5, after: 'bm90LWEtY3Vyc29y' }, member))).toBe('BAD_USER_INPUT');
  });
});

describe('pay codes', () => {
  it('random, malformed and reused codes are PAY_CODE_INVALID', async () => {
    const checkout = (code: string) => () =>
      contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode: code, storeId: A.stores[0]!.id, orderAmount: m('1'), storedValue: m('1'), idempotencyKey: `p${n++}` } },
        terminal,
      );
    await refusedWithoutEffect(checkout('612345678901234567'), 'PAY_CODE_INVALID');
    await refusedWithoutEffect(checkout('not-a-code'), 'PAY_CODE_INVALID');
    const code = await payCode();
    ok(await checkout(code)());
    await refusedWithoutEffect(checkout(code), 'PAY_CODE_INVALID');
    expect(codeOf(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, terminal))).toBe('PAY_CODE_INVALID');
  });

  it('a rejected checkout leaves its pay code usable', async () => {
    const code = await payCode();
    await refusedWithoutEffect(
      () =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          { input: { payCode: code, storeId: A.stores[0]!.id, orderAmount: m('999'), storedValue: m('999'), idempotencyKey: `p${n++}` } },
          terminal,
        ),
      'INSUFFICIENT_FUNDS',
    );
    expect(ok(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, terminal)).payCode.member.id).toBe(memberId);
  });

  it('a frozen wallet cannot spend', async () => {
    ok(await contract(hub.gatewayUrl, 'FreezeWallet', {}, member));
    await refusedWithoutEffect(
      async () =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          { input: { payCode: await payCode(), storeId: A.stores[0]!.id, orderAmount: m('1'), storedValue: m('1'), idempotencyKey: `f${n++}` } },
          terminal,
        ),
      'WALLET_FROZEN',
    );
    ok(await graphql(hub.gatewayUrl, 'mutation { unfreezeWallet { status } }', {}, member));
  });

  it('a code older than 60 seconds is PAY_CODE_EXPIRED', async () => {
    const code = await payCode();
    await hub.moveClockTo('2026-03-10T10:10:00+08:00'); // ten minutes on
    terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    expect(codeOf(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, terminal))).toBe('PAY_CODE_EXPIRED');
    await refusedWithoutEffect(
      () =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          { input: { payCode: code, storeId: A.stores[0]!.id, orderAmount: m('1'), storedValue: m('1'), idempotencyKey: `e${n++}` } },
          terminal,
        ),
      'PAY_CODE_EXPIRED',
    );
  });

  it('leaves a ledger that satisfies every invariant', async () => {
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});

describe('client mistakes are client errors (issue 21)', () => {
  /** POSTs a raw body to the gateway and answers the status and the first error's code and message. */
  async function post(body: string, token?: string) {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await response.text();
    const error = (JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors?.[0];
    return { status: response.status, code: error?.extensions?.code, message: error?.message ?? '' };
  }
  const errorLines = () => hub.logs.filter((line) => /"level":50|"level":"error"/.test(line)).length;

  it('variables nested deep or wide are refused before anything walks them, without an error in the log', async () => {
    const before = errorLines();
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const wideDeep = `[${Array.from({ length: 200 }, () => `${'['.repeat(60)}1${']'.repeat(60)}`).join(',')}]`;
    for (const variables of [deep, `${'['.repeat(20_000)}${']'.repeat(20_000)}`, wideDeep]) {
      for (const token of [undefined, hq]) {
        const answer = await post(`{"query":"query($v: ID) { merchants { id } }","variables":{"v":${variables}}}`, token);
        expect(answer.status).toBe(400);
        expect(answer.code).toBe('BAD_USER_INPUT');
      }
    }
    // Inside `extensions` too, and straight at a subgraph.
    expect((await post(`{"query":"{ merchants { id } }","extensions":{"x":${deep}}}`, hq)).status).toBe(400);
    expect(errorLines()).toBe(before);
  });

  it('an unknown operation name, or two operations without one, is 400 with its code', async () => {
    const before = errorLines();
    for (const body of [
      { query: 'query A { merchants { id } }', operationName: 'B' },
      { query: 'query A { merchants { id } } query B { merchants { name } }' },
    ]) {
      const answer = await post(JSON.stringify(body), hq);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
    expect(errorLines()).toBe(before);
  });

  it('a persisted-query hash that does not match its query is a client error', async () => {
    const answer = await post(
      JSON.stringify({ query: '{ merchants { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
      hq,
    );
    if (process.env.UNICARD_GATEWAY_ENGINE?.startsWith('hive')) {
      // Hive's runtime here serves no persisted queries: it runs the query it was sent, and the hash is no mistake of the client's.
      expect(answer.status).toBe(200);
    } else {
      expect(answer.status).toBe(400);
      expect(answer.code).toBe('BAD_REQUEST');
    }
  });

  it('with introspection off, __type is refused without naming the engine or suggesting server settings', async () => {
    const answer = await post(JSON.stringify({ query: '{ __type(name: "Merchant") { name } }' }), hq);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.message).not.toMatch(/apollo|hive|yoga|server|config|introspection: ?true/i);
  });

  it('concurrent plan purchases with one payment reference, by several members, buy once; every other answer is a client error', async () => {
    ok(
      await contract(
        hub.gatewayUrl,
        'SetMembershipPlan',
        { input: { code: 'RACE', name: 'Race', price: m('30'), period: 'MONTH', pointsMultiplierBps: 15000, active: true } },
        hq,
      ),
    );
    const buyers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const id = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: `并发${i}`, storeId: A.stores[0]!.id } }, terminal))
          .registerMember.member.id;
        return ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: id }, office)).createMemberSession.token as string;
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        contract(
          hub.gatewayUrl,
          'BuyMembershipPlan',
          { input: { planCode: 'RACE', paymentRef: 'race-one-payment', idempotencyKey: `race-${i}` } },
          buyers[i % buyers.length],
        ),
      ),
    );
    const outcomes = answers.map((a) => (a.errors?.length ? String(a.errors[0]!.extensions?.code) : 'ok'));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x !== 'ok')) expect(o).toBe('BAD_USER_INPUT');
  });
});
