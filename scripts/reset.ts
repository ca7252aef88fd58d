/**
 * `npm run reset`: starts the demo over, the one way that works for every user. It deletes the state folder
 * (`.unicard/`, or UNICARD_STATE_DIR: keys, passwords, the demo's credentials, the database) and, as root with the
 * project in a folder the postgres user cannot enter, the stand-in folder where that database really lives
 * (lib/embedded-postgres.ts): deleting `.unicard/` alone left it behind, and `npm start` then found a database with
 * data and no demo credentials. It refuses while that database is running: stop `npm start` first.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT_RUNTIME_DIR, reachableDataDir } from '../lib/embedded-postgres.js';
import { projectPath } from '../lib/project-root.js';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes a state folder and its database's stand-in; answers what it deleted. */
export function resetState(stateDir: string, runtimeDir = ROOT_RUNTIME_DIR): string[] {
  const wanted = join(resolve(stateDir), 'pgdata');
  const dataDir = reachableDataDir(wanted, runtimeDir);
  const pidFile = join(dataDir, 'postmaster.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
  if (Number.isInteger(pid) && pid > 0 && running(pid)) {
    throw new Error(`the demo's database is running (PostgreSQL, process ${pid}): stop npm start first, then run npm run reset again`);
  }
  // The stand-in's folder holds its data and the server's password, and nothing of another clone's (named after ours).
  const folders = dataDir === wanted ? [resolve(stateDir)] : [resolve(stateDir), dirname(dataDir)];
  const deleted = folders.filter((folder) => existsSync(folder));
  for (const folder of deleted) rmSync(folder, { recursive: true, force: true });
  return deleted;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const deleted = resetState(process.env.UNICARD_STATE_DIR ?? projectPath('.unicard'));
    console.log(deleted.length === 0 ? 'Nothing to delete: the demo has not been started here.' : `Deleted ${deleted.join(' and ')}.`);
    console.log('The next npm start makes a new database with new demo data, keys and passwords.');
  } catch (error) {
    console.error(`npm run reset: ${(error as Error).message}`);
    process.exit(1);
  }
}
