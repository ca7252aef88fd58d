/**
 * Issue 9 item 7: requests per API client and per member session are
 * limited, in PostgreSQL (a restarted hub still remembers), counted once per
 * request by the gateway whichever subgraphs it reaches (issue 21); unknown pay
 * codes, wrong secrets and refused registrations lock the caller out for a
 * while; a terminal is not told that a phone belongs to a member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, graphql, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { withDatabase } from './support/ledger.js';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { RequestRateLimit, rateLimitStatementsSent } from '../lib/rate-limits.js';
import type { Claims } from '../lib/auth.js';

const PER_MINUTE = { TERMINAL: 40, MEMBER: 25 };
let hub: TestHub;
let A: SetUpMerchant;
let hq: string, office: string;
const tills: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({
    now: '2026-07-10T10:00:00+08:00',
    env: { UNICARD_RATE_LIMIT_TERMINAL: String(PER_MINUTE.TERMINAL), UNICARD_RATE_LIMIT_MEMBER: String(PER_MINUTE.MEMBER) },
  });
  hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1', 'A2', 'A3', 'A4', 'A5'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  office = await authenticate(hub.gatewayUrl, A.backOffice);
  for (const store of A.stores) tills.push(await authenticate(hub.gatewayUrl, store.terminal));
});
afterAll(async () => hub?.stop());

async function send(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; retryAfter: string | null; body: GraphQLResponse }> {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as GraphQLResponse };
}

const LOOKUP = 'query($c: String!) { payCode(code: $c) { expiresAt } }';
const newMember = async (till: string) =>
  ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '限流', storeId: A.stores[0]!.id } }, till)).registerMember.member
    .id as string;

describe('requests per minute', () => {
  it('a terminal over its budget gets RATE_LIMITED with 429 and Retry-After; other callers are not slowed', async () => {
    const till = tills[4]!;
    const answers = [];
    for (let i = 0; i < PER_MINUTE.TERMINAL + 1; i++) answers.push(await send('{ merchants { id } }', {}, till));
    expect(answers.slice(0, PER_MINUTE.TERMINAL).every((a) => a.status === 200 && !a.body.errors)).toBe(true);
    const refused = answers.at(-1)!;
    expect(refused.status).toBe(429);
    expect(codeOf(refused.body)).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.body.errors![0]!.extensions!.retryAfterSeconds);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.retryAfter).toBe(String(retryAfter));
    expect((await send('{ merchants { id } }', {}, tills[3])).status).toBe(200);
    expect((await send('{ merchants { id } }', {}, hq)).status).toBe(200);
  });

  it('the count is in PostgreSQL: it survives a restart of the gateway, which counts', async () => {
    const rows = await withDatabase(
      hub.databaseUrl,
      async (db) => (await db.query("select count(*)::int as n from gateway.rate_limit where key like 'requests:TERMINAL:%'")).rows[0].n,
    );
    expect(rows).toBeGreaterThan(0);
    await hub.restartAt('2026-07-10T10:00:30+08:00', ['gateway']);
    const till = await authenticate(hub.gatewayUrl, A.stores[4]!.terminal);
    expect(codeOf((await send('{ merchants { id } }', {}, till)).body)).toBe('RATE_LIMITED');
    tills.splice(0, tills.length, ...(await Promise.all(A.stores.map((s) => authenticate(hub.gatewayUrl, s.terminal)))));
    hq = await authenticate(hub.gatewayUrl, hub.hq);
    office = await authenticate(hub.gatewayUrl, A.backOffice);
  });

  it('a member session has a budget of its own, counted once per request whichever subgraphs the request reaches', async () => {
    const memberId = await newMember(tills[0]!);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
    const codes = [];
    for (let i = 0; i < PER_MINUTE.MEMBER + 1; i++) codes.push(codeOf((await send('mutation { issuePayCode { code } }', {}, session)).body) ?? 'ok');
    expect(codes.slice(0, PER_MINUTE.MEMBER).every((c) => c === 'ok')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    // Issue 21: the budget is the caller's, not one per subgraph: the member, merchant and wallet subgraphs' fields are refused alike.
    for (const query of ['{ me { id } }', '{ merchants { id } }', '{ programme { cycle } }']) {
      const answer = await send(query, {}, session);
      expect(answer.status, query).toBe(429);
      expect(codeOf(answer.body), query).toBe('RATE_LIMITED');
    }
  });

  it('a request reaching several subgraphs costs one request of the budget', async () => {
    const memberId = await newMember(tills[0]!);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
    // Member, wallet and merchant fields in one request, PER_MINUTE.MEMBER times: all answered.
    const answers = [];
    for (let i = 0; i < PER_MINUTE.MEMBER; i++) answers.push(await send('{ me { id wallet { status } } merchants { id } programme { cycle } }', {}, session));
    expect(
      answers.every((a) => a.status === 200 && !a.body.errors),
      JSON.stringify(answers.find((a) => a.body.errors)?.body.errors),
    ).toBe(true);
    expect((await send('{ me { id } }', {}, session)).status).toBe(429);
  });
});

/** A till of A's as the gateway's rate limit sees it, and what one request of it comes to ('ok' or the refusal's code). */
const terminal = (subject: string): Claims => ({ role: 'TERMINAL', subject, merchantId: A.id, storeId: A.stores[0]!.id });
const admitted = (gateway: RequestRateLimit, caller: Claims) =>
  gateway.admit(caller).then(
    () => 'ok',
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );
/** A caller's row in PostgreSQL, under the key the gateway gives it (its role and a hash of its id). */
const rowKey = (caller: Claims) => `requests:${caller.role}:${createHash('sha256').update(caller.subject).digest('base64url')}`;

describe('requests per minute, a burst of callers', () => {
  it('callers starting their minute at once share one statement, and each reads the count it would have alone', async () => {
    const pool = new pg.Pool({ connectionString: hub.appDatabaseUrl, max: 20 });
    try {
      const gateway = await RequestRateLimit.start(pool, { HQ: 3, MERCHANT: 3, TERMINAL: 3, MEMBER: 3 });
      const outcome = (caller: Claims) => admitted(gateway, caller);
      // Thirty tills' first requests of the minute, at once: one statement adds them all (not thirty, nor a connection each).
      const before = rateLimitStatementsSent();
      const tills = Array.from({ length: 30 }, () => terminal(`burst-${randomUUID()}`));
      expect(await Promise.all(tills.map(outcome))).toEqual(Array(30).fill('ok'));
      expect(rateLimitStatementsSent() - before).toBe(1);
      // One caller's five at once against a budget of three: the first three fit, in the order they came, as one by one.
      const one = terminal(`burst-${randomUUID()}`);
      expect(await Promise.all(Array.from({ length: 5 }, () => outcome(one)))).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
      await gateway.stop();
      const keys = tills.map(rowKey);
      const counted = await withDatabase(hub.databaseUrl, async (db) =>
        Object.fromEntries(
          (await db.query<{ key: string; points: number }>('select key, points from gateway.rate_limit where key = any($1)', [keys])).rows.map((r) => [
            r.key,
            r.points,
          ]),
        ),
      );
      for (const key of keys) expect(counted[key]).toBe(1);
    } finally {
      await pool.end();
    }
  });
});

describe('requests per minute across gateway replicas', () => {
  it("two gateways share a caller's budget: each adds what it admitted in a batch and reads back what the other did", async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: hub.appDatabaseUrl, max: 2 }));
    try {
      const budget = { HQ: 10, MERCHANT: 10, TERMINAL: 10, MEMBER: 10 };
      const [a, b] = await Promise.all(pools.map((pool) => RequestRateLimit.start(pool, budget)));
      const caller = terminal(`replicas-${randomUUID()}`);
      const sendThrough = async (gateway: RequestRateLimit, times: number) => {
        const codes: string[] = [];
        for (let i = 0; i < times; i++) codes.push(await admitted(gateway, caller));
        return codes;
      };
      const key = rowKey(caller);
      const counted = async () =>
        withDatabase(
          hub.databaseUrl,
          async (db) => ((await db.query('select points from gateway.rate_limit where key = $1', [key])).rows[0]?.points ?? 0) as number,
        );
      // A: six admitted, the first counted in PostgreSQL at once, the other five added by A's flush.
      expect(await sendThrough(a!, 6)).toEqual(Array(6).fill('ok'));
      await a!.flush();
      expect(await counted()).toBe(6);
      // B reads A's six with its first request: four more fit in the budget of ten.
      expect(await sendThrough(b!, 6)).toEqual([...Array(4).fill('ok'), 'RATE_LIMITED', 'RATE_LIMITED']);
      await b!.stop();
      expect(await counted()).toBe(10);
      // A's count is over a second old by now: it reads again before deciding, and refuses.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await sendThrough(a!, 1)).toEqual(['RATE_LIMITED']);
      await a!.stop();
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});

describe('lock-outs', () => {
  it('ten unknown pay codes lock a terminal out of pay codes, valid ones included; other terminals go on', async () => {
    const till = tills[1]!;
    const memberId = await newMember(tills[0]!);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
    const valid = async () => ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)).issuePayCode.code as string;
    const failures = [];
    for (let i = 0; i < 10; i++) failures.push(codeOf((await send(LOOKUP, { c: `6${String(i).padStart(17, '0')}` }, till)).body));
    expect(failures.every((c) => c === 'PAY_CODE_INVALID')).toBe(true);
    const locked = await send(LOOKUP, { c: await valid() }, till);
    expect(codeOf(locked.body)).toBe('RATE_LIMITED');
    expect(locked.status).toBe(429);
    const checkout = await contract(
      hub.gatewayUrl,
      'Checkout',
      { input: { payCode: await valid(), storeId: A.stores[1]!.id, orderAmount: { amount: '1' }, storedValue: { amount: '0' }, idempotencyKey: 'locked' } },
      till,
    );
    expect(codeOf(checkout)).toBe('RATE_LIMITED');
    expect(ok(await graphql(hub.gatewayUrl, LOOKUP, { c: await valid() }, tills[2])).payCode.expiresAt).toBeTruthy();
  });

  it('ten wrong secrets lock a client id out, the right secret included; other clients log in', async () => {
    const { clientId, clientSecret } = A.stores[2]!.terminal;
    for (let i = 0; i < 10; i++)
      expect(codeOf(await contract(hub.gatewayUrl, 'Authenticate', { clientId, clientSecret: `wrong-${i}` }))).toBe('UNAUTHENTICATED');
    const locked = await send('mutation($id: ID!, $s: String!) { authenticate(clientId: $id, clientSecret: $s) { token } }', { id: clientId, s: clientSecret });
    expect(codeOf(locked.body)).toBe('RATE_LIMITED');
    expect(locked.status).toBe(429);
    expect(await authenticate(hub.gatewayUrl, A.stores[3]!.terminal)).toBeTruthy();
  });

  it('a terminal is not told that a phone is a member, and is stopped from asking again and again', async () => {
    const till = tills[3]!;
    const phones: string[] = [];
    for (let i = 0; i < 6; i++) {
      const phone = newPhone();
      ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone, name: '已有', storeId: A.stores[0]!.id } }, office));
      phones.push(phone);
    }
    const answers = [];
    for (const phone of phones)
      answers.push(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone, name: '探测', storeId: A.stores[3]!.id } }, till));
    for (const answer of answers.slice(0, 5)) {
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.message).toBe('This phone cannot be registered');
      expect(Object.keys(answer.errors![0]!.extensions!).sort()).toEqual(['code', 'field']);
    }
    expect(codeOf(answers[5]!)).toBe('RATE_LIMITED');
    expect(codeOf(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '新人', storeId: A.stores[3]!.id } }, till))).toBe(
      'RATE_LIMITED',
    );
  });
});
