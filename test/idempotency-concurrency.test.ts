/** Replays return the first result and move nothing; concurrent spending never overdraws. */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, type HubAccess } from './support/hub.js';
import { codeOf, contract, ok } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { parseDecimal } from '../lib/money.js';
import { ledgerSnapshot, ledgerViolations, withDatabase } from './support/ledger.js';

let hub: HubAccess;
let A: SetUpMerchant;
let office: string;
const terminals: string[] = [];
const m = (amount: string) => ({ amount });

async function newMember(balance: string): Promise<{ id: string; session: string }> {
  const id = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '孙悟空', storeId: A.stores[0]!.id } }, terminals[0]))
    .registerMember.member.id;
  const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: id }, office)).createMemberSession.token;
  ok(await contract(hub.gatewayUrl, 'TopUp', { input: { memberId: id, storeId: A.stores[0]!.id, amount: m(balance), idempotencyKey: `fund-${id}` } }, office));
  return { id, session };
}

async function payCode(session: string): Promise<string> {
  return ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code;
}

beforeAll(async () => {
  hub = await sharedTestHub('idempotency-concurrency');
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1', 'A2', 'A3', 'A4', 'A5'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  office = await authenticate(hub.gatewayUrl, A.backOffice);
  for (const store of A.stores) terminals.push(await authenticate(hub.gatewayUrl, store.terminal));
});

describe('idempotency', () => {
  it('a replayed top-up returns the first result and moves nothing; other input with the key is refused', async () => {
    const { id } = await newMember('10');
    const mine = { members: [id] };
    const input = { memberId: id, storeId: A.stores[0]!.id, amount: m('50'), bonus: m('5'), idempotencyKey: 'same-key' };
    const first = ok(await contract(hub.gatewayUrl, 'TopUp', { input }, office));
    const before = await ledgerSnapshot(hub.databaseUrl, mine);
    const again = ok(await contract(hub.gatewayUrl, 'TopUp', { input }, office));
    expect(again).toEqual(first);
    expect(await ledgerSnapshot(hub.databaseUrl, mine)).toEqual(before);
    expect(codeOf(await contract(hub.gatewayUrl, 'TopUp', { input: { ...input, amount: m('51') } }, office))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ledgerSnapshot(hub.databaseUrl, mine)).toEqual(before);
  });

  it('a replayed checkout answers with its first result although its pay code is used up', async () => {
    const { id, session } = await newMember('100');
    const mine = { members: [id] };
    const input = {
      payCode: await payCode(session),
      storeId: A.stores[1]!.id,
      orderAmount: m('80'),
      storedValue: m('60'),
      orderRef: 'R-1',
      idempotencyKey: 'checkout-1',
    };
    const first = ok(await contract(hub.gatewayUrl, 'Checkout', { input }, terminals[1]));
    const before = await ledgerSnapshot(hub.databaseUrl, mine);
    expect(ok(await contract(hub.gatewayUrl, 'Checkout', { input }, terminals[1]))).toEqual(first);
    expect(first.checkout.wallet.balance.amount).toBe('40.00');
    expect(codeOf(await contract(hub.gatewayUrl, 'Checkout', { input: { ...input, storedValue: m('61') } }, terminals[1]))).toBe('IDEMPOTENCY_KEY_REUSED');
    // The key belongs to the client: another terminal's same key is its own request (and the code is used up).
    expect(codeOf(await contract(hub.gatewayUrl, 'Checkout', { input: { ...input, storeId: A.stores[2]!.id } }, terminals[2]))).toBe('PAY_CODE_INVALID');
    expect(await ledgerSnapshot(hub.databaseUrl, mine)).toEqual(before);

    const refund = { transactionId: first.checkout.transaction.id, orderAmount: m('25'), idempotencyKey: 'refund-1' };
    const r1 = ok(await contract(hub.gatewayUrl, 'Refund', { input: refund }, terminals[1]));
    const afterRefund = await ledgerSnapshot(hub.databaseUrl, mine);
    expect(ok(await contract(hub.gatewayUrl, 'Refund', { input: refund }, terminals[1]))).toEqual(r1);
    expect(codeOf(await contract(hub.gatewayUrl, 'Refund', { input: { ...refund, orderAmount: m('26') } }, terminals[1]))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ledgerSnapshot(hub.databaseUrl, mine)).toEqual(afterRefund);
  });

  it('ten simultaneous sends of one request make one transaction', async () => {
    const { id, session } = await newMember('100');
    const input = { payCode: await payCode(session), storeId: A.stores[0]!.id, orderAmount: m('7'), storedValue: m('7'), idempotencyKey: 'burst' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => contract(hub.gatewayUrl, 'Checkout', { input }, terminals[0])));
    const ids = new Set(answers.map((a) => ok(a).checkout.transaction.id));
    expect(ids.size).toBe(1);
    const count = await withDatabase(hub.databaseUrl, (db) =>
      db.query("select count(*)::int as n from wallet.journal_transaction where idempotency_key = 'burst' and member_id = $1", [id]),
    );
    expect(count.rows[0].n).toBe(1);
  });
});

describe('concurrency', () => {
  it('50 simultaneous checkouts against one wallet never overdraw it', async () => {
    const { id, session } = await newMember('100');
    const codes = await Promise.all(Array.from({ length: 50 }, () => payCode(session)));
    const answers = await Promise.all(
      codes.map((code, i) =>
        contract(
          hub.gatewayUrl,
          'Checkout',
          { input: { payCode: code, storeId: A.stores[i % 5]!.id, orderAmount: m('3.00'), storedValue: m('3.00'), idempotencyKey: `hot-${i}` } },
          terminals[i % 5],
        ),
      ),
    );
    const succeeded = answers.filter((a) => !a.errors);
    const refused = answers.filter((a) => a.errors);
    expect(refused.map(codeOf).every((c) => c === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(succeeded.length).toBe(33); // floor(100 / 3)
    const spent = succeeded.reduce((sum, a) => sum + parseDecimal(a.data.checkout.storedValueUsed.amount, 'used'), 0n);
    const balance = await withDatabase(hub.databaseUrl, (db) => db.query('select balance::int as b from wallet.wallet where member_id = $1', [id]));
    expect(BigInt(balance.rows[0].b)).toBe(10_000n - spent);
    expect(balance.rows[0].b).toBe(100);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
