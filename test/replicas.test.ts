/**
 * Replicas (issue 26, item 1; lib/replicas.ts): with UNICARD_REPLICAS=2 each subgraph and the gateway runs as two
 * processes behind one address. One replica of each, killed with SIGKILL in the middle of a checkout load, is replaced;
 * every acknowledged checkout is recorded once and every request retried with its key succeeds; the outboxes' events
 * all reach their subscribers' inboxes; rate limits and lock-outs count across the replicas; a clock move's catch-up
 * jobs run once; the ledger verifies clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, ok, type GraphQLResponse } from './support/graphql.js';
import { authenticate, memberWithSession, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { withDatabase } from './support/ledger.js';
import { RETRYABLE, prepareCheckouts, retryAllAndCheck, runLoad } from './support/load.js';
import { until } from './support/wait.js';
import type { ProcessName } from '../scripts/processes.js';

const PROCESSES: ProcessName[] = ['member', 'wallet', 'merchant', 'gateway'];
const MEMBER_PER_MINUTE = 30;
let hub: TestHub;
let A: SetUpMerchant;

beforeAll(async () => {
  hub = await startTestHub({
    now: '2026-06-10T10:00:00+08:00',
    env: { UNICARD_REPLICAS: '2', UNICARD_RATE_LIMIT_MEMBER: String(MEMBER_PER_MINUTE) },
    logLevel: 'info', // the jobs' reports
    processes: 'four', // replicas are a process's own (a hub in one process has none)
  });
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Replicated',
    kind: 'BRAND',
    stores: ['R1', 'R2', 'R3', 'R4'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
});
afterAll(async () => hub?.stop());

/**
 * A request on a connection of its own: the primary hands each new connection to the next replica. `headersTimeout`:
 * how long to wait for the answer (undici's 300 s unless given).
 */
async function onNewConnection(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  opts: { headersTimeout?: number } = {},
): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await request(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    reset: true,
    ...opts,
  });
  return { status: response.statusCode, body: (await response.body.json()) as GraphQLResponse };
}

/** A process's metrics as its primary serves them: the sums, and each replica's figures by its label. */
async function metricsOf(name: ProcessName): Promise<{ sums: Map<string, number>; byReplica: Map<string, Map<string, number>> }> {
  const text = await fetch(hub.metricsUrlOf(name)).then((r) => r.text());
  const sums = new Map<string, number>();
  const byReplica = new Map<string, Map<string, number>>();
  for (const line of text.trim().split('\n')) {
    const [, metric, replica, value] = /^(\w+)(?:\{replica="(\d+)"[^}]*\})?(?:\{[^}]*\})? (\d+)$/.exec(line) ?? [];
    if (!metric || line.includes('{') !== (replica !== undefined) || /\{(?!replica)/.test(line)) continue;
    if (replica === undefined) sums.set(metric, Number(value));
    else byReplica.set(replica, (byReplica.get(replica) ?? new Map<string, number>()).set(metric, Number(value)));
  }
  return { sums, byReplica };
}

describe('replicas', () => {
  it('each process runs as two replicas behind its one address, both taking connections, counted in its metrics', async () => {
    for (const name of PROCESSES) expect(hub.hub.processes[name].replicaPids, name).toHaveLength(2);
    const before = await metricsOf('gateway');
    for (let i = 0; i < 20; i++) expect((await onNewConnection('{ __typename }', {})).status).toBe(200);
    const after = await metricsOf('gateway');
    expect(after.sums.get('unicard_replicas')).toBe(2);
    expect(after.byReplica.size).toBe(2);
    // Each replica took some of the 20 connections, and the sum is theirs.
    const taken = [...after.byReplica].map(
      ([replica, figures]) => figures.get('unicard_http_requests_total')! - (before.byReplica.get(replica)?.get('unicard_http_requests_total') ?? 0),
    );
    expect(taken.every((n) => n >= 5)).toBe(true);
    expect(after.sums.get('unicard_http_requests_total')).toBe(
      [...after.byReplica.values()].reduce((sum, f) => sum + f.get('unicard_http_requests_total')!, 0),
    );
    // Memory sums the replicas' and the primary's own.
    expect(after.sums.get('process_resident_memory_bytes')).toBeGreaterThan(
      Math.max(...[...after.byReplica.values()].map((f) => f.get('process_resident_memory_bytes')!)),
    );
  });

  it('a gateway replica killed while new connections keep coming: every connection is answered, none is left waiting', async () => {
    const victim = hub.hub.processes.gateway.replicaPids[0]!;
    const seen = { answered: 0, refused: 0, unanswered: 0 };
    let stop = false;
    // Sixteen clients, each opening a connection per request: some are being handed to the replica as it dies.
    const clients = Array.from({ length: 16 }, async () => {
      while (!stop) {
        try {
          await onNewConnection('{ __typename }', {}, undefined, { headersTimeout: 10_000 });
          seen.answered++;
        } catch (error) {
          if ((error as { code?: string }).code === 'UND_ERR_HEADERS_TIMEOUT') seen.unanswered++;
          else seen.refused++; // the connection the replica was serving as it died: the client sees it close, and may retry
        }
      }
    });
    // Counted in connections, not seconds: a loaded machine answers fewer a second (97 in the second after the kill, once).
    await until('connections coming before the kill', () => seen.answered >= 20);
    process.kill(victim, 'SIGKILL');
    const atKill = seen.answered;
    await until('a hundred connections answered after the kill', () => seen.answered - atKill >= 100);
    stop = true;
    await Promise.all(clients);
    console.log(`replicas: connection churn across a kill: ${JSON.stringify(seen)}`);
    expect(seen.unanswered).toBe(0);
    expect(seen.answered).toBeGreaterThan(100);
    await until('the gateway back to two replicas', () => {
      const pids = hub.hub.processes.gateway.replicaPids;
      return pids.length === 2 && !pids.includes(victim);
    });
  });

  it('one replica of each subgraph and of the gateway killed mid-load: each is replaced, nothing acknowledged is lost or doubled, retries succeed', async () => {
    const requests = await prepareCheckouts(hub.gatewayUrl, A, { members: 8, count: 160, balance: '1000', prefix: 'replicas' });
    const killed: number[] = [];
    const outcomes = await runLoad(hub.gatewayUrl, requests, 8, (acknowledged) => {
      if (acknowledged !== 40 || killed.length > 0) return;
      for (const name of PROCESSES) {
        const pid = hub.hub.processes[name].replicaPids[0]!;
        killed.push(pid);
        process.kill(pid, 'SIGKILL');
      }
    });
    expect(killed).toHaveLength(4);
    const failed = outcomes.filter((o) => o.code);
    console.log(
      `replicas: ${outcomes.length - failed.length} acknowledged, ${failed.length} failed when one replica of each process died (${[...new Set(failed.map((f) => f.code))].join(', ') || 'none'})`,
    );
    expect(failed.length).toBeGreaterThan(0); // the kills landed mid-load
    expect(failed.every((f) => RETRYABLE.has(f.code!))).toBe(true);
    // The other replica of each went on: most of the load was acknowledged.
    expect(outcomes.length - failed.length).toBeGreaterThan(requests.length / 2);
    // Each primary replaced its dead replica.
    await until('every process back to two replicas', () =>
      PROCESSES.every((name) => {
        const pids = hub.hub.processes[name].replicaPids;
        return pids.length === 2 && !pids.some((pid) => killed.includes(pid));
      }),
    );
    await retryAllAndCheck(hub.gatewayUrl, hub.databaseUrl, outcomes, 'replicas');
    // 60 s was too tight on a loaded machine (2026-12-06: requests at 100-400 ms each, the replacements still starting at 60 s).
  }, 120_000);

  it("every event in the subgraphs' outboxes reaches its subscriber's inbox once, whichever replica relayed it", async () => {
    const undelivered = () =>
      withDatabase(hub.databaseUrl, async (db) => {
        let count = 0;
        for (const schema of ['member', 'wallet', 'merchant'])
          count += (await db.query(`select count(*)::int as n from ${schema}.outbox_message where delivered_at is null`)).rows[0].n as number;
        return count;
      });
    await until('the outboxes delivered', async () => (await undelivered()) === 0);
    await withDatabase(hub.databaseUrl, async (db) => {
      for (const producer of ['member', 'wallet', 'merchant']) {
        const { rows } = await db.query(`select subscriber, count(*)::int as n from ${producer}.outbox_message group by 1`);
        for (const { subscriber, n } of rows as { subscriber: string; n: number }[]) {
          const received = await db.query(
            `select count(*)::int as n from ${producer}.outbox_message o join ${subscriber}.inbox_event i using (event_id) where o.subscriber = $1`,
            [subscriber],
          );
          expect(received.rows[0].n, `${producer}'s events to ${subscriber}`).toBe(n);
        }
      }
    });
  });

  it("a member session's requests per minute count across both gateways; ten unknown pay codes lock a till out across both wallets", async () => {
    const member = await memberWithSession(hub.gatewayUrl, A, '限流');
    const statuses: number[] = [];
    for (let i = 0; i < 2 * MEMBER_PER_MINUTE; i++) statuses.push((await onNewConnection('{ me { id } }', {}, member.session)).status);
    const admitted = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // Counted apart, each gateway would admit 30 of the 60. Together they admit the budget, and past it only what the
    // other gateway admitted since a gateway's count was last read back (every 100 ms: lib/rate-limits.ts), here some
    // 5-7 requests: well short of a second budget.
    expect(admitted).toBeGreaterThanOrEqual(MEMBER_PER_MINUTE);
    expect(admitted).toBeLessThanOrEqual(MEMBER_PER_MINUTE * 1.5);

    const till = await authenticate(hub.gatewayUrl, A.stores[1]!.terminal);
    const LOOKUP = 'query($c: String!) { payCode(code: $c) { expiresAt } }';
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) codes.push(codeOf((await onNewConnection(LOOKUP, { c: `6${String(i).padStart(17, '0')}` }, till)).body));
    expect(codes.every((c) => c === 'PAY_CODE_INVALID')).toBe(true);
    const other = await memberWithSession(hub.gatewayUrl, A, '锁定');
    for (let i = 0; i < 4; i++) expect(codeOf((await onNewConnection(LOOKUP, { c: await other.payCode() }, till)).body)).toBe('RATE_LIMITED');
  });

  it("a clock move's catch-up jobs run once across the replicas, and expire each lot once", async () => {
    const member = await memberWithSession(hub.gatewayUrl, A, '到期');
    const till = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const input = {
      payCode: await member.payCode(),
      storeId: A.stores[0]!.id,
      orderAmount: { amount: '500.00' },
      storedValue: { amount: '0' },
      idempotencyKey: 'expiring',
    };
    expect(ok(await contract(hub.gatewayUrl, 'Checkout', { input }, till)).checkout.points.balance).toBeGreaterThan(0);
    const mark = hub.log.written();
    await hub.moveClockTo('2028-01-02T10:00:00+08:00'); // 2026's points expired at the end of 2027
    const expiries = () =>
      withDatabase(
        hub.databaseUrl,
        async (db) =>
          (await db.query(`select count(*)::int as n from wallet.journal_transaction where member_id = $1 and kind = 'POINTS_EXPIRY'`, [member.id])).rows[0]
            .n as number,
      );
    await until("the member's points expired", async () => (await expiries()) > 0);
    // What the catch-up queued ran once: each job's report once, from either replica (cron runs by the real clock:
    // the nightly rebuild at 19:00 UTC and the expiry notices at 01:00 UTC are not within these seconds).
    await until('the rebuild and the notices reported', () =>
      ['rule tags rebuilt', 'points lots announced as expiring'].every((report) => hub.log.since(mark).some((l) => l.includes(report))),
    );
    await new Promise((r) => setTimeout(r, 2_000)); // time for a second replica's catch-up to run, were there one
    for (const report of ['rule tags rebuilt', 'points lots announced as expiring'])
      expect(hub.log.since(mark).filter((l) => l.includes(report)).length, report).toBe(1);
    expect(await expiries()).toBe(1);
  });
});
