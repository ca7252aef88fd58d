/**
 * Issue 9 items 5 and 6: wrongly typed money, control characters and
 * oversized strings are BAD_USER_INPUT naming the field, change nothing and
 * are never "retryable"; a failed login is one clean UNAUTHENTICATED error
 * with HTTP 401; no error carries anything of the hub's inside.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, subgraphCall, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { ledgerSnapshot } from './support/ledger.js';
import { MAX_STRING_LENGTH } from '../lib/strict-input.js';

let hub: HubAccess;
let A: SetUpMerchant;
let terminal: string, office: string, member: string, memberId: string;
let n = 0;

const PUBLIC_EXTENSIONS = ['code', 'field', 'limit', 'max', 'cost', 'retryable', 'retryAfterSeconds', 'refundable'];

/** One error, with its code and field, only public extensions, nothing of the inside, and the ledger untouched. */
async function refused(call: () => Promise<GraphQLResponse>, field: string | undefined, code = 'BAD_USER_INPUT') {
  const before = await ledgerSnapshot(hub.databaseUrl, { members: [memberId] });
  const response = await call();
  expect(response.errors?.length, JSON.stringify(response)).toBe(1);
  const error = response.errors![0]!;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (field) expect(error.extensions?.field).toBe(field);
  expect(error.extensions?.retryable).toBeUndefined();
  expect(Object.keys(error.extensions ?? {}).filter((k) => !PUBLIC_EXTENSIONS.includes(k))).toEqual([]);
  // eslint-disable-next-line no-control-regex -- the NUL sent must not come back
  expect(error.message).not.toMatch(/\u0000|select |insert |postgres|subquery|service "|\bat .*\.ts:\d+/i);
  expect(await ledgerSnapshot(hub.databaseUrl, { members: [memberId] })).toEqual(before);
  return error;
}

async function payCode(): Promise<string> {
  return ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, member)).issuePayCode.code;
}

beforeAll(async () => {
  hub = await sharedTestHub('strict-input');
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
  office = await authenticate(hub.gatewayUrl, A.backOffice);
  memberId = ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '张无忌', storeId: A.stores[0]!.id } }, terminal))
    .registerMember.member.id;
  member = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
  ok(await contract(hub.gatewayUrl, 'TopUp', { input: { memberId, storeId: A.stores[0]!.id, amount: { amount: '100' }, idempotencyKey: 'fund' } }, office));
});

describe('item 5: money of the wrong type', () => {
  it.each([12.5, 12, true, { amount: '1' }, ['1'], '12.5.0', ' 12.50', '１２'])(
    'storedValue.amount %j is BAD_USER_INPUT on storedValue.amount',
    async (amount) => {
      await refused(
        async () =>
          contract(
            hub.gatewayUrl,
            'Checkout',
            {
              input: { payCode: await payCode(), storeId: A.stores[0]!.id, orderAmount: { amount: '20' }, storedValue: { amount }, idempotencyKey: `t${n++}` },
            },
            terminal,
          ),
        'storedValue.amount',
      );
    },
  );

  it('an amount written inline in the query is held to the same form (the document does not validate)', async () => {
    const code = await payCode();
    const error = await refused(
      () =>
        graphql(
          hub.gatewayUrl,
          `mutation { checkout(input: { payCode: "${code}", storeId: "${A.stores[0]!.id}", orderAmount: { amount: 20 }, storedValue: { amount: "1" }, idempotencyKey: "inline" }) { amountDue { amount } } }`,
          {},
          terminal,
        ),
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(error.message).toMatch(/Decimal must be a decimal string/);
  });
});

describe('item 5: control characters and length, before any SQL', () => {
  const nul = 'a\u0000b';
  it('a NUL in authenticate (no token needed) is BAD_USER_INPUT, not a retryable outage', async () => {
    await refused(() => contract(hub.gatewayUrl, 'Authenticate', { clientId: nul, clientSecret: 'x' }), 'clientId');
    await refused(() => contract(hub.gatewayUrl, 'Authenticate', { clientId: hub.hq.clientId, clientSecret: nul }), 'clientSecret');
  });

  it('a NUL or a bell in an idempotency key, a name, a phone, an id', async () => {
    await refused(
      async () =>
        contract(
          hub.gatewayUrl,
          'TopUp',
          { input: { payCode: await payCode(), storeId: A.stores[0]!.id, amount: { amount: '1' }, idempotencyKey: nul } },
          terminal,
        ),
      'idempotencyKey',
    );
    await refused(
      () => contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '张\u0007三', storeId: A.stores[0]!.id } }, terminal),
      'name',
    );
    await refused(
      () => contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: `139${nul}`, name: '张三', storeId: A.stores[0]!.id } }, terminal),
      'phone',
    );
    await refused(() => graphql(hub.gatewayUrl, 'query($id: ID!) { transaction(id: $id) { id } }', { id: nul }, terminal), 'id');
  });

  it('inline string literals are checked like variables', async () => {
    await refused(() => graphql(hub.gatewayUrl, 'query { payCode(code: "12\\u0000") { expiresAt } }', {}, terminal), 'code');
  });

  it(`a string over ${MAX_STRING_LENGTH} characters is refused before it reaches a domain rule`, async () => {
    await refused(() => contract(hub.gatewayUrl, 'Authenticate', { clientId: 'x'.repeat(MAX_STRING_LENGTH + 1), clientSecret: 'x' }), 'clientId');
  });

  it('a representation sent straight to a subgraph is checked too', async () => {
    const response = await subgraphCall(
      hub,
      'member',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { maskedName } } }',
      { r: [{ __typename: 'Member', id: nul }] },
      terminal,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});

describe('item 6: errors a client can use', () => {
  it('a wrong client secret is one UNAUTHENTICATED error with HTTP 401, and nothing nested', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($id: ID!, $s: String!) { authenticate(clientId: $id, clientSecret: $s) { token } }',
        variables: { id: hub.hq.clientId, s: 'wrong' },
      }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors).toEqual([{ message: 'Unknown client or wrong secret', path: ['authenticate'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(body.data ?? null).toBeNull();
  });

  it('a request refused by a subgraph reaches the client with its code and no subgraph name or response', async () => {
    const response = await graphql(hub.gatewayUrl, 'mutation { freezeWallet { status } }', {}, terminal);
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(JSON.stringify(response)).not.toMatch(/serviceName|"response"|wallet subgraph|subquery/);
  });
});
