/**
 * A bounded load of checkouts through the gateway, for fault tests: every
 * request has its own idempotency key and pay code, so any of them can be
 * retried as a client would.
 */
import { expect } from 'vitest';
import { contract, ok, type GraphQLResponse } from './graphql.js';
import { authenticate, newPhone, type SetUpMerchant } from './coalition.js';
import { ledgerViolations, withDatabase } from './ledger.js';

/** What a client may see during an outage, and retry: a subgraph's SERVICE_UNAVAILABLE, or no answer at all. */
export const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'NETWORK']);

export interface CheckoutRequest {
  index: number;
  terminal: string;
  input: { payCode: string; storeId: string; orderAmount: { amount: string }; points?: number; storedValue: { amount: string }; idempotencyKey: string };
  memberId: string;
  /** Stored value it spends, and points it burns and earns. */
  fen: bigint;
  points: bigint;
  pointsEarned: bigint;
}

/** Points each member of the load starts with: a ¥1,000 order paid outside (1,000 points, and 银卡's 500 gift). */
export const LOAD_OPENING_POINTS = 1500n;

export interface Outcome {
  request: CheckoutRequest;
  transactionId?: string;
  code?: string;
}

/**
 * Registers members with `balance` each and points to burn, and prepares
 * `count` checkouts spread over members and terminals; every third burns
 * 10 points (of an order 0.10 larger) besides its stored value.
 */
export async function prepareCheckouts(
  url: string,
  merchant: SetUpMerchant,
  opts: { members: number; count: number; balance: string; prefix: string },
): Promise<CheckoutRequest[]> {
  const office = await authenticate(url, merchant.backOffice);
  const terminals = await Promise.all(merchant.stores.map((s) => authenticate(url, s.terminal)));
  const members: { id: string; session: string }[] = [];
  for (let i = 0; i < opts.members; i++) {
    const id = ok(await contract(url, 'RegisterMember', { input: { phone: newPhone(), name: '负载', storeId: merchant.stores[0]!.id } }, terminals[0]))
      .registerMember.member.id;
    const session = ok(await contract(url, 'CreateMemberSession', { memberId: id }, office)).createMemberSession.token;
    ok(
      await contract(
        url,
        'TopUp',
        { input: { memberId: id, storeId: merchant.stores[0]!.id, amount: { amount: opts.balance }, idempotencyKey: `${opts.prefix}-fund-${i}` } },
        office,
      ),
    );
    const earnCode = ok(await contract(url, 'IssuePayCode', {}, session)).issuePayCode.code;
    ok(
      await contract(
        url,
        'Checkout',
        {
          input: {
            payCode: earnCode,
            storeId: merchant.stores[0]!.id,
            orderAmount: { amount: '1000.00' },
            storedValue: { amount: '0' },
            idempotencyKey: `${opts.prefix}-fund-points-${i}`,
          },
        },
        terminals[0],
      ),
    );
    members.push({ id, session });
  }
  const requests: CheckoutRequest[] = [];
  for (let i = 0; i < opts.count; i++) {
    const member = members[i % members.length]!;
    const store = i % merchant.stores.length;
    const payCode = ok(await contract(url, 'IssuePayCode', {}, member.session)).issuePayCode.code;
    const units = BigInt((i % 5) + 1);
    const points = i % 3 === 0 ? 10n : 0n;
    requests.push({
      // 银卡 earns x1.2 on what is paid (the stored value; the points' worth is not paid).
      index: i,
      terminal: terminals[store]!,
      memberId: member.id,
      fen: units * 100n,
      points,
      pointsEarned: (units * 100n * 12n) / 1000n,
      input: {
        payCode,
        storeId: merchant.stores[store]!.id,
        orderAmount: { amount: `${units}.${points === 0n ? '00' : '10'}` },
        ...(points ? { points: Number(points) } : {}),
        storedValue: { amount: `${units}.00` },
        idempotencyKey: `${opts.prefix}-${i}`,
      },
    });
  }
  return requests;
}

async function send(url: string, request: CheckoutRequest): Promise<Outcome> {
  try {
    const response: GraphQLResponse = await contract(url, 'Checkout', { input: request.input }, request.terminal);
    if (response.errors?.length) return { request, code: response.errors[0]!.extensions?.code ?? 'NO_CODE' };
    return { request, transactionId: response.data.checkout.transaction.id };
  } catch {
    return { request, code: 'NETWORK' }; // the gateway itself did not answer
  }
}

/** Sends all requests with `concurrency` clients; `onAcknowledged` sees the running count of successes. */
export async function runLoad(url: string, requests: CheckoutRequest[], concurrency: number, onAcknowledged?: (count: number) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  let acknowledged = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const outcome = await send(url, request);
        outcomes[request.index] = outcome;
        if (outcome.transactionId) onAcknowledged?.(++acknowledged);
        // During an outage, do not spin: a real client backs off too.
        if (outcome.code) await new Promise((r) => setTimeout(r, 300));
      }
    }),
  );
  return outcomes;
}

/** After a fault: every request retried with its key succeeds, acknowledged ones with their original transaction. */
export async function retryAllAndCheck(gatewayUrl: string, databaseUrl: string, outcomes: Outcome[], prefix: string) {
  const retried = await runLoad(
    gatewayUrl,
    outcomes.map((o) => o.request),
    8,
  );
  for (const [i, retry] of retried.entries()) {
    expect(retry.code, `request ${i}`).toBeUndefined();
    if (outcomes[i]!.transactionId) expect(retry.transactionId, `request ${i} was acknowledged`).toBe(outcomes[i]!.transactionId);
  }
  // Each request is in the ledger exactly once, and balances add up.
  const rows = await withDatabase(databaseUrl, (db) =>
    db.query(`select idempotency_key, count(*)::int as n from wallet.journal_transaction where idempotency_key like $1 group by 1`, [`${prefix}-%`]),
  );
  const perKey = new Map(rows.rows.map((r) => [r.idempotency_key as string, r.n as number]));
  expect(rows.rows.filter((r) => !/-fund-/.test(r.idempotency_key)).length).toBe(outcomes.length);
  expect([...perKey.values()].every((n) => n === 1)).toBe(true);
  const spent = new Map<string, { fen: bigint; points: bigint }>();
  for (const o of outcomes) {
    const sum = spent.get(o.request.memberId) ?? { fen: 0n, points: 0n };
    spent.set(o.request.memberId, { fen: sum.fen + o.request.fen, points: sum.points + o.request.points - o.request.pointsEarned });
  }
  for (const [memberId, { fen, points }] of spent) {
    const wallet = await withDatabase(databaseUrl, (db) =>
      db.query('select balance::text, points_balance::text from wallet.wallet where member_id = $1', [memberId]),
    );
    expect(BigInt(wallet.rows[0].balance)).toBe(100_000n - fen);
    // Points too: burned once and earned once per request, however often it was retried.
    expect(BigInt(wallet.rows[0].points_balance)).toBe(LOAD_OPENING_POINTS - points);
  }
  expect(await ledgerViolations(databaseUrl)).toEqual([]);
}
