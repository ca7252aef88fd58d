/**
 * Issue 9 items 1 and 8 through the real gateway and subgraphs: the attacks
 * a terminal sent are refused by the limit meant for them while checkouts go
 * on, no process dies; oversized bodies get 413; /metrics, field
 * suggestions and introspection are not offered to clients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, subgraphCall, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { prepareCheckouts, runLoad } from './support/load.js';
import { attacks } from './support/attacks.js';
import { DEFAULT_LIMITS } from '../lib/operation-limits.js';

let hub: HubAccess;
let A: SetUpMerchant;
let terminal: string;

beforeAll(async () => {
  hub = await sharedTestHub('limits');
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1', 'A2'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  terminal = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
});

const limitOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.limit;

async function post(url: string, body: string, token?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('operation limits under attack', () => {
  it("item 1's attacks are refused by name while checkouts go on, and every process stays up", async () => {
    const requests = await prepareCheckouts(hub.gatewayUrl, A, { members: 4, count: 40, balance: '100', prefix: 'limits' });
    const sent: { name: string; limit: string | undefined; code: string | undefined; ms: number }[] = [];
    const attack = async (name: string, query: string) => {
      const started = Date.now();
      const response = await graphql(hub.gatewayUrl, query, {}, terminal);
      sent.push({ name, limit: limitOf(response) as string | undefined, code: codeOf(response), ms: Date.now() - started });
    };
    const [outcomes] = await Promise.all([
      runLoad(hub.gatewayUrl, requests, 4),
      (async () => {
        for (let round = 0; round < 3; round++) {
          await attack('fragment bomb', attacks.fragmentBomb(A.id));
          await attack('deep nesting', attacks.deepNesting(A.id, 11));
          await attack('nesting within depth', attacks.deepNesting(A.id, 3));
          await attack('2,000 aliases', attacks.aliases(A.id, 2000));
          await attack('16 aliases', attacks.aliases(A.id, 16));
        }
      })(),
    ]);
    console.log(`limits: ${JSON.stringify(sent.slice(0, 5))}`);
    const expected: Record<string, string> = {
      'fragment bomb': 'maxDepth',
      'deep nesting': 'maxDepth',
      'nesting within depth': 'maxCost',
      '2,000 aliases': 'maxTokens',
      '16 aliases': 'maxAliases',
    };
    for (const refusal of sent) {
      expect(refusal.code, refusal.name).toBe('BAD_USER_INPUT');
      expect(refusal.limit, refusal.name).toBe(expected[refusal.name]);
      expect(refusal.ms, `${refusal.name} answered at once`).toBeLessThan(5000);
    }
    expect(outcomes.filter((o) => !o.transactionId)).toEqual([]);
    for (const name of ['gateway', 'member', 'wallet', 'merchant'] as const) expect((await fetch(`${hub.urlOf(name)}/health/live`)).status, name).toBe(200);
  });

  it('a subgraph applies the same limits to whoever reaches it', async () => {
    expect(limitOf(await subgraphCall(hub, 'merchant', attacks.fragmentBomb(A.id), {}, terminal))).toBe('maxDepth');
    expect(limitOf(await subgraphCall(hub, 'merchant', attacks.aliases(A.id, 16), {}, terminal))).toBe('maxAliases');
    expect(limitOf(await subgraphCall(hub, 'wallet', attacks.aliases(A.id, 2000), {}, terminal))).toBe('maxTokens');
  });

  it('a body over the limit gets 413 with a GraphQL error, not a reset connection, and the next request is served', async () => {
    const padding = 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes);
    const refused = await post(hub.gatewayUrl, JSON.stringify({ query: '{ __typename }', variables: { padding } }), terminal);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxBodyBytes' });
    expect(ok(await graphql(hub.gatewayUrl, '{ __typename }', {}, terminal)).__typename).toBe('Query');
  });

  it('/metrics is not on the public port; it is on the loopback metrics port', async () => {
    expect((await fetch(`${hub.urlOf('gateway')}/metrics`)).status).toBe(404);
    expect(await (await fetch(hub.metricsUrlOf('gateway'))).text()).toMatch(/process_resident_memory_bytes \d+/);
  });

  it('no field suggestions and no introspection, by configuration', async () => {
    const typo = await graphql(hub.gatewayUrl, '{ merchantz { id } }', {}, terminal);
    expect(codeOf(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
    const introspection = await graphql(hub.gatewayUrl, '{ __schema { types { name } } }', {}, terminal);
    expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.data ?? null).toBeNull();
  });

  it('a page size over what the cost allows is refused before it runs', async () => {
    const hq = await authenticate(hub.gatewayUrl, hub.hq);
    const wide = await graphql(hub.gatewayUrl, '{ merchants { stores { merchant { stores { merchant { stores { id } } } } } } }', {}, hq);
    expect(limitOf(wide)).toBe('maxCost');
    expect(wide.errors![0]!.extensions!.cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
    expect(codeOf(await contract(hub.gatewayUrl, 'MemberHome', { first: 100 }, terminal))).toBe('FORBIDDEN');
  });
});
