/**
 * A read replica of the embedded PostgreSQL (issue 26, item 3; lib/embedded-postgres.ts startEmbeddedReplica): a base
 * backup through PostgreSQL's low-level backup functions, then streaming replication from a slot. What the primary
 * commits reaches it; it refuses writes; it says how far it has replayed; stopped and started again with its primary it
 * starts from the folder it has, from its slot, and streams again.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startDatabaseServer, type DatabaseServer } from '../scripts/processes.js';
import { withDatabase } from './support/ledger.js';
import { until } from './support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'unicard-read-replica-'));
chmodSync(dir, 0o755);
let server: DatabaseServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOn = (url: string, sql: string, values: unknown[] = []) => withDatabase(url, async (db) => (await db.query(sql, values)).rows);

describe('the read replica', () => {
  it('is made from the running primary and streams what it commits; it refuses writes and tells its replay instant', async () => {
    const port = await freePort();
    server = await startDatabaseServer({ dir: join(dir, 'data'), port, readReplica: true });
    const readUrl = server.readUrl!;
    expect(readUrl).toBeTruthy();
    expect(new URL(readUrl).port).toBe(String(port + 1));
    expect(await rowsOn(readUrl, 'select pg_is_in_recovery() as standby')).toEqual([{ standby: true }]);
    expect(await rowsOn(server.url, 'select pg_is_in_recovery() as standby')).toEqual([{ standby: false }]);
    // Streaming, from its slot.
    const [sender] = await rowsOn(server.url, "select state, application_name from pg_stat_replication where application_name = 'unicard_read_replica'");
    expect(sender).toMatchObject({ state: 'streaming' });
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
