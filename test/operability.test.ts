/** Health checks, request ids from the gateway to the subgraphs, and graceful shutdown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { contract, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate } from './support/coalition.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

const logLines = (name: string) =>
  hub.logs.filter((l) => l.startsWith(`[${name}] {`)).map((l) => JSON.parse(l.slice(l.indexOf('{'))) as Record<string, unknown>);

describe('operability', () => {
  it('every process is live and ready', async () => {
    for (const p of Object.values(hub.hub.processes)) {
      expect((await fetch(`${p.url}/health/live`)).status, p.name).toBe(200);
      expect((await fetch(`${p.url}/health/ready`)).status, p.name).toBe(200);
    }
  });

  it('carries the request id from the gateway to every subgraph it calls, in JSON logs', async () => {
    const hq = await authenticate(hub.gatewayUrl, hub.hq);
    const requestId = `trace-${Date.now()}`;
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: 'mutation($i: CreateMerchantInput!) { createMerchant(input: $i) { merchant { id name settlementTerms { commissionBps } } } }', variables: { i: { name: 'Traced', kind: 'ALLY' } } }),
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(ok((await response.json()) as GraphQLResponse).createMerchant.merchant.settlementTerms.commissionBps).toBe(150);
    await new Promise((r) => setTimeout(r, 300)); // logs arrive over pipes
    for (const name of ['gateway', 'merchant', 'wallet']) {
      expect(logLines(name).some((line) => line.requestId === requestId && line.msg === 'request'), name).toBe(true);
    }
  });

  it('/metrics gives memory and SQL statements, GraphQL work counted apart from event delivery', async () => {
    const statements = async () => {
      const counts: Record<string, { graphql: number; events: number }> = {};
      for (const name of ['wallet', 'merchant'] as const) {
        const text = await fetch(hub.hub.processes[name].metricsUrl).then((r) => r.text());
        expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
        const count = (source: string) => Number(new RegExp(`^unicard_db_statements_total\\{source="${source}"\\} (\\d+)$`, 'm').exec(text)![1]);
        counts[name] = { graphql: count('graphql'), events: count('events') };
      }
      return counts;
    };
    const hq = await authenticate(hub.gatewayUrl, hub.hq);
    const before = await statements();
    // Only the merchant subgraph answers this; its event about the new merchant reaches the wallet.
    ok(await contract(hub.gatewayUrl, 'CreateMerchant', { input: { name: 'Counted', kind: 'ALLY' } }, hq));
    await new Promise((r) => setTimeout(r, 1500)); // at least one relay pass
    const after = await statements();
    expect(after.merchant!.graphql).toBeGreaterThan(before.merchant!.graphql);
    expect(after.merchant!.events).toBeGreaterThan(before.merchant!.events);
    expect(after.wallet!.events).toBeGreaterThan(before.wallet!.events);
    expect(after.wallet!.graphql).toBe(before.wallet!.graphql);
  });

  it('on SIGTERM a subgraph finishes, logs that it stopped and exits 0; the gateway stops being ready but stays up', async () => {
    const merchant = hub.hub.processes.merchant;
    await merchant.stop('SIGTERM');
    const code = await merchant.exited;
    if (code !== 0) console.log(hub.logs.filter((l) => l.startsWith('[merchant]')).slice(-8).join('\n'));
    expect(code).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(logLines('merchant').map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect((await fetch(`${hub.hub.processes.gateway.url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${hub.hub.processes.gateway.url}/health/live`)).status).toBe(200);
    // The other subgraphs still answer through the gateway for what they own.
    const answer = await contract(hub.gatewayUrl, 'Authenticate', hub.hq);
    expect(answer.errors?.length).toBeGreaterThan(0);
    merchant.start();
    await merchant.waitReady();
    expect(ok(await contract(hub.gatewayUrl, 'Authenticate', hub.hq)).authenticate.role).toBe('HQ');
  });
});
