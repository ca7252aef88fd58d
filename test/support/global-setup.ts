/**
 * One real PostgreSQL for the whole run: DATABASE_URL's server if set, else
 * an embedded one in a throw-away folder, run as a child process (see
 * scripts/database-server.ts for why not in this process). Each test file
 * makes its own database on it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDatabaseServer } from '../../scripts/processes.js';

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
  const server = await startDatabaseServer({ dir: join(dir, 'data'), ephemeral: true });
  project.provide('databaseServerUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
