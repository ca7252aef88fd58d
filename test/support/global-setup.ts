/**
 * One real PostgreSQL for the whole run: DATABASE_URL's server if set, else
 * an embedded one in a throw-away folder, run as a child process (see
 * scripts/database-server.ts for why not in this process). Each test file
 * makes its own database on it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startDatabaseServer } from '../../scripts/processes.js';
import { ensureDatabase } from '../../lib/database.js';
import { openMigratedSchemas } from '../../scripts/seed-demo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    /** A database with every subgraph's migrations run, which each test file's database copies. */
    databaseTemplate: string;
  }
}

/** Migrates a template database once per run: each hub then starts on a copy instead of migrating anew (seconds per file). */
async function migratedTemplate(serverUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `unicard_template_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(serverUrl, name);
  // No connection may stay open on a template that databases are copied from.
  await Promise.all(Object.values(await openMigratedSchemas(url, 1)).map((orm) => orm.close()));
  return {
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}"`).finally(() => client.end());
    },
  };
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    const template = await migratedTemplate(process.env.DATABASE_URL);
    project.provide('databaseServerUrl', process.env.DATABASE_URL);
    project.provide('databaseTemplate', template.name);
    return template.drop;
  }
  const dir = mkdtempSync(join(tmpdir(), 'unicard-test-pg-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const server = await startDatabaseServer({ dir: join(dir, 'data'), ephemeral: true });
  project.provide('databaseServerUrl', server.url);
  project.provide('databaseTemplate', (await migratedTemplate(server.url)).name);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
