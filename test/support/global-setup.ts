/**
 * One real PostgreSQL for the whole run: DATABASE_URL's server if set, else
 * an embedded one in a throw-away folder. Each test file makes its own
 * database on it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../lib/database.js';
import { freePort } from '../../scripts/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('databaseServerUrl', process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'unicard-test-pg-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'data'), port: await freePort(), persistent: false });
  project.provide('databaseServerUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
