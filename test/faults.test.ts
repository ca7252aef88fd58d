/**
 * Faults: a subgraph down, the wallet killed with SIGKILL under load, and
 * PostgreSQL restarted under load. Nothing acknowledged is lost or doubled,
 * failures during an outage are clean and retryable, and retrying every
 * request with its idempotency key afterwards moves nothing new.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, memberWithSession, setUpMerchant, type MemberWithSession } from './support/coalition.js';
import { RETRYABLE, prepareCheckouts, retryAllAndCheck, runLoad } from './support/load.js';
import { Hub, freePort, startDatabaseServer, type DatabaseServer } from '../scripts/processes.js';
import { ensureAppRole } from '../lib/database-roles.js';
import { ensureDatabase } from '../lib/database.js';
import { createHqClient } from '../scripts/hq-client.js';
import { OWN_HUB_NODE_ARGS } from './support/hub.js';

const cleanups: (() => Promise<void>)[] = [];
/** How long this file's gateway waits for a subgraph's answer. */
const SUBGRAPH_WAIT_MS = 3_000;
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/**
 * One hub for the three faults, on a PostgreSQL of its own (the third restarts it), migrated from nothing by the hub's
 * own start. Each fault works on merchants and members of its own, so the earlier ones leave nothing the later ones read.
 */
interface FaultHub {
  hub: Hub;
  databaseUrl: string;
  hq: Awaited<ReturnType<typeof createHqClient>>;
  database: DatabaseServer;
  restartDatabase(): Promise<void>;
}

async function startFaultHub(): Promise<FaultHub> {
  const dir = mkdtempSync(join(tmpdir(), 'unicard-faults-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const faults = {
    database: await startDatabaseServer({ dir: join(dir, 'data'), port }),
    async restartDatabase() {
      await faults.database.stop();
      await new Promise((r) => setTimeout(r, 1000));
      faults.database = await startDatabaseServer({ dir: join(dir, 'data'), port });
    },
  };
  cleanups.push(async () => {
    await faults.database.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const databaseUrl = await ensureDatabase(faults.database.url, 'faults');
  const hub = new Hub({
    databaseUrl,
    appDatabaseUrl: await ensureAppRole(databaseUrl, randomBytes(24).toString('base64url')),
    keysDir: join(dir, 'keys'),
    payCodeSecret: randomBytes(32).toString('hex'),
    ports: await Hub.allocatePorts(),
    logLevel: 'warn',
    nodeArgs: OWN_HUB_NODE_ARGS,
    // A frozen subgraph's calls fail after this (the first test); the loads' requests take well under it.
    env: { UNICARD_MAX_SUBGRAPH_MS: String(SUBGRAPH_WAIT_MS) },
  });
  await hub.start();
  cleanups.push(() => hub.stop());
  return Object.assign(faults, { hub, databaseUrl, hq: await createHqClient(databaseUrl) });
}

/** MemberHome with the merchant subgraph's part missing: the member and the wallet, and a retryable error for the rest. */
function expectWithoutMerchantPart(home: GraphQLResponse, name: string, balance: string): void {
  expect(home.data.me.displayName).toBe(name);
  expect(home.data.me.wallet.balance).toEqual({ amount: balance, currencyCode: 'CNY' });
  expect(home.errors!.length).toBeGreaterThan(0);
  expect(home.errors!.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions?.retryable === true)).toBe(true);
}

describe('faults', () => {
  let faults: FaultHub;
  beforeAll(async () => {
    faults = await startFaultHub();
  });

  /** A merchant of the test's own with one store (its name and 1), and a member of it with a session and `amount` topped up. */
  async function memberWithTopUp(merchantName: string, memberName: string, amount: string): Promise<MemberWithSession> {
    const { hub } = faults;
    const hq = await authenticate(hub.gatewayUrl, faults.hq);
    const merchant = await setUpMerchant(hub.gatewayUrl, hq, {
      name: merchantName,
      kind: 'BRAND',
      stores: [`${merchantName}1`],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    const member = await memberWithSession(hub.gatewayUrl, merchant, memberName);
    const office = await authenticate(hub.gatewayUrl, merchant.backOffice);
    const input = { memberId: member.id, storeId: merchant.stores[0]!.id, amount: { amount }, idempotencyKey: `top-up-${merchantName}` };
    ok(await contract(hub.gatewayUrl, 'TopUp', { input }, office));
    return member;
  }

  it('with the merchant subgraph down, MemberHome still returns the member and wallet, with errors for the rest', async () => {
    const { hub } = faults;
    const { session } = await memberWithTopUp('A', '周到', '88');

    await hub.processes.merchant.stop();
    const home = await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, session);
    expectWithoutMerchantPart(home, '周到', '88.00');
    expect(home.data.me.card.status).toBe('ACTIVE');
    expect(home.data.me.wallet.balanceByIssuer).toEqual([{ issuer: null, balance: { amount: '88.00', currencyCode: 'CNY' } }]);
    expect(home.data.me.transactions.edges[0].node).toMatchObject({ kind: 'TOP_UP', store: null });
    expect((await fetch(`${hub.processes.gateway.url}/health/live`)).status).toBe(200);

    hub.processes.merchant.start();
    await hub.processes.merchant.waitReady();
    expect(ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, session)).me.transactions.edges[0].node.store.name).toBe('A1');
  });

  it('with the merchant subgraph frozen (SIGSTOP), the gateway stops waiting for it after its limit: the same partial answer, then whole again once it runs', async () => {
    const { hub } = faults;
    const { session } = await memberWithTopUp('F', '冻结', '66');

    const merchant = hub.processes.merchant.child!;
    merchant.kill('SIGSTOP');
    try {
      // The merchant subgraph holds the connection and never answers: without the limit the gateway waited five minutes.
      const started = Date.now();
      const home = await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, session);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(SUBGRAPH_WAIT_MS - 100);
      expect(waited).toBeLessThan(SUBGRAPH_WAIT_MS * 5);
      expectWithoutMerchantPart(home, '冻结', '66.00');
    } finally {
      merchant.kill('SIGCONT');
    }
    expect(ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, session)).me.transactions.edges[0].node.store.name).toBe('F1');
  });

  it('the wallet killed with SIGKILL mid-load loses and doubles nothing; retries return the original results', async () => {
    const { hub } = faults;
    const hq = await authenticate(hub.gatewayUrl, faults.hq);
    const A = await setUpMerchant(hub.gatewayUrl, hq, {
      name: 'Crash',
      kind: 'BRAND',
      stores: ['C1', 'C2', 'C3', 'C4'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    const requests = await prepareCheckouts(hub.gatewayUrl, A, { members: 8, count: 160, balance: '1000', prefix: 'crash' });
    const wallet = hub.processes.wallet;
    let killed: Promise<void> | undefined;
    const outcomes = await runLoad(hub.gatewayUrl, requests, 8, (acknowledged) => {
      if (acknowledged === 40 && !killed) {
        killed = (async () => {
          await wallet.stop('SIGKILL');
          await new Promise((r) => setTimeout(r, 500));
          wallet.start();
          await wallet.waitReady();
        })();
      }
    });
    await killed;
    const failed = outcomes.filter((o) => o.code);
    console.log(
      `wallet crash: ${outcomes.length - failed.length} acknowledged, ${failed.length} failed during the outage (${[...new Set(failed.map((f) => f.code))].join(', ')})`,
    );
    expect(failed.length).toBeGreaterThan(0); // the kill landed mid-load
    expect(failed.every((f) => RETRYABLE.has(f.code!))).toBe(true);
    await retryAllAndCheck(hub.gatewayUrl, faults.databaseUrl, outcomes, 'crash');
  });

  it('PostgreSQL restarted under load: subgraphs reconnect, outage failures are retryable, nothing acknowledged is lost', async () => {
    const { hub, databaseUrl } = faults;
    const hq = await authenticate(hub.gatewayUrl, faults.hq);
    const A = await setUpMerchant(hub.gatewayUrl, hq, {
      name: 'Restart',
      kind: 'BRAND',
      stores: ['R1', 'R2', 'R3', 'R4'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    const requests = await prepareCheckouts(hub.gatewayUrl, A, { members: 8, count: 160, balance: '1000', prefix: 'pgrestart' });
    const pids = () => Object.values(hub.processes).map((p) => p.child?.pid);
    const pidsBefore = pids();
    let restarted: Promise<void> | undefined;
    const outcomes = await runLoad(hub.gatewayUrl, requests, 8, (acknowledged) => {
      if (acknowledged === 40 && !restarted) {
        restarted = faults.restartDatabase();
      }
    });
    await restarted;
    const failed = outcomes.filter((o) => o.code);
    console.log(
      `database restart: ${outcomes.length - failed.length} acknowledged, ${failed.length} failed during the outage (${[...new Set(failed.map((f) => f.code))].join(', ')})`,
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every((f) => RETRYABLE.has(f.code!)),
      JSON.stringify([...new Set(failed.map((f) => f.code))]),
    ).toBe(true);
    await retryAllAndCheck(hub.gatewayUrl, databaseUrl, outcomes, 'pgrestart');
    // Every process rode the outage out (an event relay that found the database gone used to crash its process).
    expect(pids()).toEqual(pidsBefore);
  }, 120_000); // an outage under load: 15 s alone, near a minute beside the suite on two slow cores
});
