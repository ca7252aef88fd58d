/**
 * One real PostgreSQL for the whole run: DATABASE_URL's server if set, else
 * an embedded one in a throw-away folder, run as a child process (see
 * scripts/database-server.ts for why not in this process). Each test file
 * makes its own database on it.
 */
import { chmodSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort, Hub, startDatabaseServer, urlOf, type ProcessName } from '../../scripts/processes.js';
import { ensureDatabase } from '../../lib/database.js';
import { APP_ROLE, ensureAppRole, urlAs } from '../../lib/database-roles.js';
import { openMigratedSchemas } from '../../scripts/seed-demo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    /** A database with every subgraph's migrations run, which each test file's database copies. */
    databaseTemplate: string;
    /** The app role's password for this run (lib/database-roles.ts): hubs connect as it, migrate as the server's user. */
    databaseAppPassword: string;
    /** The run's shared hub, through this project's engine's gateway, for files needing nothing of their own (sharedTestHub). */
    sharedHub: SharedHubAddress;
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

/** The app role every hub of this run connects as, with a password made for the run. */
async function appRoleFor(serverUrl: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await ensureAppRole(serverUrl, password);
  return password;
}

interface RunDatabase {
  serverUrl: string;
  template: string;
  appPassword: string;
  stop: () => Promise<void>;
}

async function startRunDatabase(): Promise<RunDatabase> {
  if (process.env.DATABASE_URL) {
    const template = await migratedTemplate(process.env.DATABASE_URL);
    return { serverUrl: process.env.DATABASE_URL, template: template.name, appPassword: await appRoleFor(process.env.DATABASE_URL), stop: template.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'unicard-test-pg-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const server = await startDatabaseServer({ dir: join(dir, 'data'), ephemeral: true, notDurable: true });
  return {
    serverUrl: server.url,
    template: (await migratedTemplate(server.url)).name,
    appPassword: await appRoleFor(server.url),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Every project (Apollo's gateway and Hive's two engines, vitest.config.ts) shares the run's one server and its one
// shared hub: vitest loads this file once per project, so they are counted on the process, not in the module.
const shared = globalThis as typeof globalThis & {
  unicardRunDatabase?: { database: Promise<RunDatabase>; sharedHub?: Promise<SharedHub>; users: number };
};

/** Where the shared hub of a project is: its database, its keys and each process's URL (known before it is ready). */
export interface SharedHubAddress {
  databaseUrl: string;
  appDatabaseUrl: string;
  keysDir: string;
  processUrls: Record<ProcessName, string>;
  metricsUrls: Record<ProcessName, string>;
  /** Where its processes' log lines go, for a failure to point at. */
  logFile: string;
}

/** The run's shared hub: where each engine's gateway is, and how to stop it. */
interface SharedHub {
  addressFor(engine: string): SharedHubAddress;
  stop(): Promise<void>;
}

/**
 * One hub for the whole run, on its own database, with the real clock and the default settings, and a gateway for each
 * engine the run's projects use (the first's as the hub's own, the others beside it in the same process, over the same
 * subgraphs: HubConfig.moreGateways): the files that neither move the clock, nor kill processes, nor read logs, nor
 * need settings of their own share it, each with its own merchants, members and HQ client, through its project's
 * engine. Started without waiting: the URLs are known at once, and a file waits for its gateway's readiness when it
 * first needs it (sharedTestHub), so the start overlaps the first files.
 */
async function startSharedHub(database: RunDatabase, engines: string[]): Promise<SharedHub> {
  const [first, ...others] = engines;
  const databaseUrl = await ensureDatabase(database.serverUrl, `unicard_shared_${randomBytes(4).toString('hex')}`, { template: database.template });
  const keysDir = mkdtempSync(join(tmpdir(), 'unicard-shared-keys-'));
  const logFile = join(tmpdir(), `unicard-shared-hub-${process.pid}.log`);
  const log = createWriteStream(logFile);
  const moreGateways: Record<string, { port: number; metricsPort: number }> = {};
  for (const engine of others) moreGateways[engine] = { port: await freePort(), metricsPort: await freePort() };
  const hub = new Hub({
    databaseUrl,
    appDatabaseUrl: urlAs(databaseUrl, APP_ROLE, database.appPassword),
    keysDir,
    payCodeSecret: randomBytes(32).toString('base64url'),
    ports: await Hub.allocatePorts(),
    metricsPorts: await Hub.allocatePorts(),
    logLevel: 'warn',
    // Its servers in one process, as the files' own hubs (test/support/hub.ts TestHubOptions.processes), whatever
    // UNICARD_TEST_HUB_PROCESSES says: its further gateways run beside the first in that process.
    inOneProcess: true,
    moreGateways,
    env: first === 'apollo' ? {} : { UNICARD_GATEWAY_ENGINE: first! },
    onLog: (name, line) => log.write(`[${name}] ${line}\n`),
  });
  const started = hub.start().catch((error: unknown) => log.write(`[shared hub] did not start: ${(error as Error).message}\n`));
  const names = Object.keys(hub.processes) as ProcessName[];
  const urls = (of: (name: ProcessName) => string) => Object.fromEntries(names.map((n) => [n, of(n)])) as Record<ProcessName, string>;
  return {
    addressFor: (engine) => {
      const more = moreGateways[engine];
      return {
        databaseUrl,
        appDatabaseUrl: urlAs(databaseUrl, APP_ROLE, database.appPassword),
        keysDir,
        logFile,
        processUrls: urls((n) => (n === 'gateway' && more ? urlOf(more.port) : hub.processes[n].url)),
        metricsUrls: urls((n) => (n === 'gateway' && more ? `${urlOf(more.metricsPort)}/metrics` : hub.processes[n].metricsUrl)),
      };
    },
    stop: async () => {
      await started;
      await hub.stop();
      log.end();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  // The projects of this run (a --project filter leaves some out) name the engines the shared hub serves.
  const engines = project.vitest.projects.map((p) => p.name);
  shared.unicardRunDatabase ??= { database: startRunDatabase(), users: 0 };
  const run = shared.unicardRunDatabase;
  run.users += 1;
  const database = await run.database;
  project.provide('databaseServerUrl', database.serverUrl);
  project.provide('databaseTemplate', database.template);
  project.provide('databaseAppPassword', database.appPassword);
  run.sharedHub ??= startSharedHub(database, engines);
  // The project's name is its gateway engine (vitest.config.ts).
  project.provide('sharedHub', (await run.sharedHub).addressFor(project.name));
  return async () => {
    run.users -= 1;
    if (run.users === 0) {
      shared.unicardRunDatabase = undefined;
      await (await run.sharedHub)?.stop();
      await database.stop();
    }
  };
}
