/**
 * A read replica of the embedded PostgreSQL (issue 26, item 3; lib/embedded-postgres.ts startEmbeddedReplica): a base
 * backup through PostgreSQL's low-level backup functions, then streaming replication from a slot. What the primary
 * commits reaches it; it refuses writes; it says how far it has replayed; stopped and started again with its primary it
 * starts from the folder it has, from its slot, and streams again.
 *
 * Then a hub reading its reports there (DATABASE_READ_URL; lib/read-replica.ts): RFM is read from the replica with the
 * replica's instant in the answer; a replica held back past the lag allowed, or gone, sends reports to the primary with
 * a log line (and another when it is gone after being behind), and back when it catches up; MemberHome after a top-up
 * reads the primary whatever the replica's lag. A failure is laid on the database that failed: the primary's inside a
 * report read on the replica is the report's own, the primary down leaves the replica read, and a run's statements read
 * after the replica has gone are read on the primary.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hub, freePort, onServer, startDatabaseServer, type DatabaseServer } from '../scripts/processes.js';
import { defaultTestHubProcesses } from './support/hub-processes.js';
import { ensureAppRole } from '../lib/database-roles.js';
import { createOrm, ensureDatabase } from '../lib/database.js';
import { createHqClient } from '../scripts/hq-client.js';
import { withDatabase } from './support/ledger.js';
import { until } from './support/wait.js';
import { authenticate, memberWithSession, setUpMerchant } from './support/coalition.js';
import { contract, graphql, ok } from './support/graphql.js';
import { OWN_HUB_NODE_ARGS, hubLogsInUse } from './support/hub.js';
import { pino } from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadReplica } from '../lib/read-replica.js';
import { executeSql, sql } from '../lib/sql.js';
import { systemClock } from '../lib/clock.js';

const dir = mkdtempSync(join(tmpdir(), 'unicard-read-replica-'));
chmodSync(dir, 0o755);
let server: DatabaseServer | undefined;
let hub: Hub | undefined;
afterAll(async () => {
  await hub?.stop();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOn = (url: string, sql: string, values: unknown[] = []) => withDatabase(url, async (db) => (await db.query(sql, values)).rows);
/** Pauses the replica's replay; it resumes if the test then fails, so that the tests after it test what they say. */
async function pauseReplay(replicaUrl: string): Promise<void> {
  await rowsOn(replicaUrl, 'select pg_wal_replay_pause()');
  onTestFailed(() => rowsOn(replicaUrl, 'select pg_wal_replay_resume()').then(() => undefined));
}

describe('the read replica', () => {
  it('is made from the running primary and streams what it commits; it refuses writes and tells its replay instant', async () => {
    const port = await freePort();
    server = await startDatabaseServer({ dir: join(dir, 'data'), port, readReplica: true });
    const readUrl = server.readUrl!;
    expect(readUrl).toBeTruthy();
    expect(new URL(readUrl).port).toBe(String(port + 1));
    expect(await rowsOn(readUrl, 'select pg_is_in_recovery() as standby')).toEqual([{ standby: true }]);
    expect(await rowsOn(server.url, 'select pg_is_in_recovery() as standby')).toEqual([{ standby: false }]);
    // Streaming, from its slot. Ready for reads, the replica may still be catching up with what the primary wrote while
    // it was being copied ('catchup'); on a slow machine that lasts a while, so the test waits for it to pass.
    let senderState: unknown;
    await until(
      'the replica streaming from its primary',
      async () => {
        [{ state: senderState } = { state: 'no sender' }] = await rowsOn(
          server!.url,
          "select state from pg_stat_replication where application_name = 'unicard_read_replica'",
        );
        return senderState === 'streaming';
      },
      { timeoutMs: 30_000, explain: () => `the primary's sender is ${String(senderState)}` },
    );
    expect(await rowsOn(server.url, 'select active from pg_replication_slots where slot_name = $1', ['unicard_read_replica'])).toEqual([{ active: true }]);

    await rowsOn(server.url, 'create table replicated (n int primary key, at timestamptz not null default now())');
    await rowsOn(server.url, 'insert into replicated (n) select generate_series(1, 1000)');
    await until('the rows on the replica', async () => {
      const [{ count }] = await rowsOn(readUrl, 'select count(*)::int as count from replicated').catch(() => [{ count: 0 }]);
      return count === 1000;
    });
    const [{ replayed }] = await rowsOn(readUrl, 'select pg_last_xact_replay_timestamp() as replayed');
    expect((replayed as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await expect(rowsOn(readUrl, 'insert into replicated (n) values (0)')).rejects.toThrow(/read-only transaction/);
  });

  it('stopped and started again with its primary, it starts from its own folder and streams again', async () => {
    const port = Number(new URL(server!.url).port);
    await server!.stop();
    server = await startDatabaseServer({ dir: join(dir, 'data'), port, readReplica: true });
    const readUrl = server.readUrl!;
    await rowsOn(server.url, 'insert into replicated (n) select generate_series(1001, 1500)');
    await until('the new rows on the replica', async () => (await rowsOn(readUrl, 'select count(*)::int as count from replicated'))[0]!.count === 1500);
  });
});

describe('reports on the read replica', () => {
  const logs: string[] = [];
  const RFM = '{ rfm { asOf databaseAsOf } }';
  let databaseUrl: string;
  let hq: string;

  it('RFM is read from the replica, with the instant up to which the replica held every commit', async () => {
    databaseUrl = await ensureDatabase(server!.url, 'reports');
    const appDatabaseUrl = await ensureAppRole(databaseUrl, randomBytes(24).toString('base64url'));
    hub = new Hub({
      databaseUrl,
      appDatabaseUrl,
      readDatabaseUrl: onServer(appDatabaseUrl, server!.readUrl!),
      keysDir: join(dir, 'keys'),
      payCodeSecret: randomBytes(32).toString('hex'),
      ports: await Hub.allocatePorts(),
      metricsPorts: await Hub.allocatePorts(),
      env: { UNICARD_READ_REPLICA_MAX_LAG_SECONDS: '4' },
      nodeArgs: OWN_HUB_NODE_ARGS,
      // Its four servers in one process, as a file's own hub (test/support/hub.ts): none is stopped on its own here.
      inOneProcess: defaultTestHubProcesses() === 'one',
      logLevel: 'info',
      onLog: (_, line) => logs.push(line),
    });
    // A failed test prints what the hub logged while it ran (test/support/failure-logs.ts), as a file's own hub's.
    hubLogsInUse.add({ name: "the read replica's hub", written: () => logs.length, since: (mark) => logs.slice(mark) });
    await hub.start();
    hq = await authenticate(hub.gatewayUrl, await createHqClient(databaseUrl));
    const read = ok(await graphql(hub.gatewayUrl, RFM, {}, hq)).rfm;
    expect(Math.abs(new Date(read.databaseAsOf).getTime() - Date.now())).toBeLessThan(5_000);
    // The wallet's lines reach the test through its stdout, which may come after the answer: waited for, not read at once.
    await until('the line saying reports read from the replica', () => logs.some((l) => l.includes('reports read from the read replica')));

    // Analytics: a range's first ask is computed on the primary and answered from there; once the replica has the
    // snapshot, from the replica, the same figures with the replica's instant.
    const ANALYTICS = '{ analytics(from: "2026-01-01", to: "2026-01-31") { asOf databaseAsOf members { total } } }';
    const first = ok(await graphql(hub.gatewayUrl, ANALYTICS, {}, hq)).analytics;
    const snapshotOnReplica = () =>
      rowsOn(onServer(databaseUrl, server!.readUrl!), 'select count(*)::int as n from wallet.analytics_snapshot where figures is not null').then(
        (r) => r[0]!.n === 1,
      );
    await until('the snapshot on the replica', snapshotOnReplica);
    const again = ok(await graphql(hub.gatewayUrl, ANALYTICS, {}, hq)).analytics;
    expect(again.members).toEqual(first.members);
    expect(again.asOf).toBe(first.asOf);
    expect(new Date(again.databaseAsOf).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(again.databaseAsOf).getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it('held back past the lag allowed, reports go to the primary with a log line, and come back when it catches up; MemberHome reads the primary', async () => {
    const firstAsOf = ok(await graphql(hub!.gatewayUrl, RFM, {}, hq)).rfm.asOf as string;
    await pauseReplay(onServer(databaseUrl, server!.readUrl!));
    // A refresh the primary has and the paused replica has not: as of 2030, to tell the two apart.
    await rowsOn(databaseUrl, "insert into wallet.rfm_refresh (as_of, window_days) values ('2030-01-01T00:00:00Z', 365)");
    const stale = ok(await graphql(hub!.gatewayUrl, RFM, {}, hq)).rfm;
    expect(stale.asOf).toBe(firstAsOf); // from the replica, within the 4 s allowed
    expect(new Date(stale.databaseAsOf).getTime()).toBeLessThan(Date.now());

    // A member's own writes read the primary, whatever the replica's lag.
    const A = await setUpMerchant(hub!.gatewayUrl, hq, {
      name: 'Replica A',
      kind: 'BRAND',
      stores: ['RA1'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    const member = await memberWithSession(hub!.gatewayUrl, A, '主库');
    const office = await authenticate(hub!.gatewayUrl, A.backOffice);
    ok(
      await contract(
        hub!.gatewayUrl,
        'TopUp',
        { input: { memberId: member.id, storeId: A.stores[0]!.id, amount: { amount: '66' }, idempotencyKey: 'replica-topup' } },
        office,
      ),
    );
    expect(ok(await contract(hub!.gatewayUrl, 'MemberHome', { first: 1 }, member.session)).me.wallet.balance.amount).toBe('66.00');

    const fromPrimary = await until('reports from the primary', async () => {
      const rfm = ok(await graphql(hub!.gatewayUrl, RFM, {}, hq)).rfm;
      return rfm.asOf.startsWith('2030-01-01') ? rfm : undefined;
    });
    expect(Math.abs(new Date(fromPrimary.databaseAsOf).getTime() - Date.now())).toBeLessThan(5_000);
    await until('the line saying the replica is behind', () => logs.some((l) => /reports read from the primary: the read replica is \d+ s behind/.test(l)));

    const mark = logs.length;
    await rowsOn(onServer(databaseUrl, server!.readUrl!), 'select pg_wal_replay_resume()');
    await until('reports from the replica again', async () => {
      ok(await graphql(hub!.gatewayUrl, RFM, {}, hq));
      return logs.slice(mark).some((l) => l.includes('reports read from the read replica'));
    });
    expect(ok(await graphql(hub!.gatewayUrl, RFM, {}, hq)).rfm.asOf).toMatch(/^2030-01-01/);
  });

  it("the console's settlement page and its exports read the replica once it holds the request's commits: a run just made or finalised is in the answer", async () => {
    const reads = async () => {
      const text = await (await fetch(hub!.processes.wallet.metricsUrl)).text();
      const count = (database: string) => Number(new RegExp(`^unicard_reports_total\\{database="${database}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
      return { replica: count('replica'), primary: count('primary') };
    };
    const SETTLEMENT =
      'query($period: String!) { settlement(period: $period) { id status databaseAsOf statements { merchant { id } status databaseAsOf } positionPage(first: 10) { totalCount } } }';
    const period = '2026-11';
    const A = await setUpMerchant(hub!.gatewayUrl, hq, {
      name: 'Replica S',
      kind: 'BRAND',
      stores: ['RS1'],
      terms: { canIssue: true, canAccept: true, commissionBps: 150 },
    });
    const office = await authenticate(hub!.gatewayUrl, A.backOffice);
    const run = ok(await contract(hub!.gatewayUrl, 'RunSettlement', { period }, hq)).runSettlement;

    // Asked straight after the run is made, every answer has it; while the replica streams, they come from there.
    const before = await reads();
    await until(
      'the settlement read on the replica',
      async () => {
        const { settlement } = ok(await graphql(hub!.gatewayUrl, SETTLEMENT, { period }, hq));
        expect(settlement).toMatchObject({ id: run.id, status: 'DRAFT' });
        expect(settlement.statements.map((s: { merchant: { id: string } }) => s.merchant.id)).toContain(A.id);
        expect(Math.abs(new Date(settlement.databaseAsOf).getTime() - Date.now())).toBeLessThan(5_000);
        expect(settlement.statements.every((s: { databaseAsOf: string }) => s.databaseAsOf === settlement.databaseAsOf)).toBe(true);
        return (await reads()).replica > before.replica;
      },
      { timeoutMs: 20_000, explain: () => 'every answer came from the primary' },
    );

    // The benefits page's month, read the same way, says the same instant of each of its rows.
    const USAGE = 'query($m: String!) { benefitUsage(month: $m) { databaseAsOf } tierBenefitCost(month: $m) { databaseAsOf } }';
    const usageBefore = await reads();
    await until(
      "the benefits page's figures read on the replica",
      async () => {
        const usage = ok(await graphql(hub!.gatewayUrl, USAGE, { m: period }, hq));
        expect(usage.tierBenefitCost.length).toBeGreaterThan(0);
        for (const row of [...usage.benefitUsage, ...usage.tierBenefitCost])
          expect(Math.abs(new Date(row.databaseAsOf).getTime() - Date.now())).toBeLessThan(5_000);
        return (await reads()).replica >= usageBefore.replica + 2;
      },
      { timeoutMs: 20_000, explain: () => 'every answer came from the primary' },
    );

    // Paused, the replica does not hold the run's finalising: the page and the merchant's statement read the primary, and
    // say FINALIZED all the same.
    const replicaUrl = onServer(databaseUrl, server!.readUrl!);
    await pauseReplay(replicaUrl);
    await until('replay paused', async () => (await rowsOn(replicaUrl, 'select pg_get_wal_replay_pause_state() as s'))[0]!.s === 'paused');
    ok(await contract(hub!.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hq));
    const paused = await reads();
    expect(ok(await graphql(hub!.gatewayUrl, SETTLEMENT, { period }, hq)).settlement.status).toBe('FINALIZED');
    const statement = ok(await graphql(hub!.gatewayUrl, 'query($p: String!) { myStatement(period: $p) { status databaseAsOf } }', { p: period }, office));
    expect(statement.myStatement.status).toBe('FINALIZED');
    expect(await reads()).toEqual({ replica: paused.replica, primary: paused.primary + 2 });

    // Replaying again, the replica answers again, with the run finalised.
    await rowsOn(replicaUrl, 'select pg_wal_replay_resume()');
    const resumed = await reads();
    await until(
      'the settlement read on the replica again',
      async () => {
        expect(ok(await graphql(hub!.gatewayUrl, SETTLEMENT, { period }, hq)).settlement.status).toBe('FINALIZED');
        return (await reads()).replica > resumed.replica;
      },
      { timeoutMs: 20_000, explain: () => 'every answer came from the primary' },
    );
  });

  it('a failure is laid on the database that failed: the primary down leaves the replica read, and a replica gone under a report sends what follows to the primary', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const nowhere = `postgres://nobody:nothing@127.0.0.1:${await freePort()}/nothing`;
    const orms = {
      primary: await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], poolSize: 2 }),
      replica: await createOrm({ url: onServer(databaseUrl, server!.readUrl!), schema: 'wallet', entities: [], poolSize: 2 }),
      nowhere: await createOrm({ url: nowhere, schema: 'wallet', entities: [], poolSize: 1 }),
    };
    const standby = async (em: EntityManager) => (await executeSql<{ standby: boolean }>(em, sql`select pg_is_in_recovery() as standby`))[0]!.standby;
    try {
      // The primary's failure inside a report read on the replica (analytics also looks at the primary) is the report's
      // error; the replica is not taken as gone, and the next report reads it.
      const reports = new ReadReplica(orms.replica, orms.primary, systemClock, log, 30_000);
      await expect(
        reports.report(orms.nowhere.em.fork(), async (read) => {
          expect(await standby(read.em)).toBe(true);
          return standby(orms.nowhere.em.fork());
        }),
      ).rejects.toThrow();
      expect(await reports.report(orms.primary.em.fork(), async (read) => read.fromReplica && (await standby(read.em)))).toBe(true);
      expect(lines.filter((l) => l.includes('cannot be reached'))).toEqual([]);

      // A run's statements read where the run was read, and on the primary when that replica has gone since.
      const gone = new ReadReplica(orms.nowhere, orms.primary, systemClock, log, 30_000);
      const onReplica = { em: orms.replica.em.fork(), asOf: new Date(), fromReplica: true };
      expect(await gone.readAgain(onReplica, orms.primary.em.fork(), standby)).toBe(true);
      const onGone = { em: orms.nowhere.em.fork(), asOf: new Date(), fromReplica: true };
      expect(await gone.readAgain(onGone, orms.primary.em.fork(), standby)).toBe(false);
      expect(lines.filter((l) => l.includes('the read replica cannot be reached'))).toHaveLength(1);
      expect(gone.reads).toEqual({ replica: 0, primary: 0 });

      // With the primary down, the replica's lag cannot be known: it is not blamed, and the log line says which is down.
      const mark = lines.length;
      const blind = new ReadReplica(orms.replica, orms.nowhere, systemClock, log, 30_000);
      await blind.report(orms.primary.em.fork(), async () => undefined);
      expect(lines.slice(mark).join('\n')).toMatch(/the primary does not answer \(.+\), so how far behind the read replica is cannot be known/);
      expect(lines.slice(mark).join('\n')).not.toMatch(/cannot be reached/);
    } finally {
      await Promise.all(Object.values(orms).map((orm) => orm.close()));
    }
  });

  it('behind and then gone, the replica sends reports to the primary with a line for each reason, and the answers go on', async () => {
    // Behind first: replay paused while the primary writes (anywhere on the server: its WAL position is the server's).
    await rowsOn(onServer(databaseUrl, server!.readUrl!), 'select pg_wal_replay_pause()');
    await rowsOn(server!.url, 'insert into replicated (n) values (2000)');
    const behindFrom = logs.length;
    await until('reports from the primary, the replica behind', async () => {
      ok(await graphql(hub!.gatewayUrl, RFM, {}, hq));
      return logs.slice(behindFrom).some((l) => /the read replica is \d+ s behind/.test(l));
    });
    // Then gone: reports were on the primary already, and the line logged last says why they stay there.
    const postmaster = readFileSync(join(server!.readDataDir!, 'postmaster.pid'), 'utf8').split('\n')[0]!;
    process.kill(Number(postmaster), 'SIGINT');
    await until(
      'the replica stopped',
      async () =>
        await rowsOn(server!.readUrl!, 'select 1').then(
          () => false,
          () => true,
        ),
    );
    const mark = logs.length;
    const rfm = await until('an answer from the primary', async () => {
      const answer = ok(await graphql(hub!.gatewayUrl, RFM, {}, hq)).rfm;
      return logs.slice(mark).some((l) => l.includes('the read replica cannot be reached')) ? answer : undefined;
    });
    expect(rfm.asOf).toMatch(/^2030-01-01/);
    expect(Math.abs(new Date(rfm.databaseAsOf).getTime() - Date.now())).toBeLessThan(5_000);
  });
});
