/**
 * A real hub for a test file: its own database on the run's PostgreSQL, the
 * three subgraphs and the gateway (in one child process, each on its own
 * port, or as four: TestHubOptions.processes), and an HQ client.
 */
import { testDatabase } from './database.js';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { answersReady, Hub, keyFileOf, type ProcessName, type Signer } from '../../scripts/processes.js';
import { until } from './wait.js';
import { defaultTestHubProcesses } from './hub-processes.js';
import { GATEWAY_ASSERTION_HEADER, gatewayAssertions } from '../../lib/auth.js';
import { systemClock } from '../../lib/clock.js';
import { ISSUERS, KeyRing } from '../../lib/keys.js';
import { postJson, type GraphQLResponse } from './graphql.js';
import { createHqClient } from '../../scripts/hq-client.js';
import { APP_ROLE, urlAs } from '../../lib/database-roles.js';
import { expect, inject } from 'vitest';

/** What a hub has logged, as a failed test reads it (test/support/failure-logs.ts). */
export interface HubLog {
  name: string;
  /** A mark of how much it has written so far. */
  written(): number;
  /** What it has written since a mark (as much of it as is kept). */
  since(mark: number): string[];
}

/** The logs of the hubs the running file uses, so that a failed test can show them; forgotten at each file's start. */
export const hubLogsInUse = new Set<HubLog>();

/** The shared hub's log file, read from a byte offset (it is every file's, so only the test's own stretch is shown). */
function fileLog(name: string, path: string): HubLog {
  const size = () => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    name,
    written: size,
    since: (mark) => {
      const length = size() - mark;
      if (length <= 0) return [];
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        readSync(fd, buffer, 0, length, mark);
        return buffer.toString('utf8').split('\n').filter(Boolean);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** What a test needs of a hub, its own or the shared one: where to call, its database, its keys, an HQ client. */
export interface HubAccess {
  gatewayUrl: string;
  /** The owner role's URL (migrations; the tests' own reads and writes). */
  databaseUrl: string;
  /** The app role's URL, which the hub's processes connect as. */
  appDatabaseUrl: string;
  hq: { clientId: string; clientSecret: string };
  /** The key files of the processes that sign (tests sign with them to show what each may do). */
  keysDir: string;
  /** Where a process answers (for calls straight to a subgraph). */
  urlOf(process: ProcessName): string;
  /** Where a process serves its metrics. */
  metricsUrlOf(process: ProcessName): string;
  /** What its processes have logged (the shared hub logs warnings and errors only, of every file that uses it). */
  logLines(): string[];
}

/**
 * The run's shared hub, through the gateway of this project's engine (global-setup.ts), for a file that neither moves
 * the clock, nor kills or restarts processes, nor reads logs, nor needs settings of its own. It isolates itself by its
 * data: its own merchants, members and HQ client (made here, named after the file), and assertions on its own ids,
 * never on coalition-wide totals (ledgerSnapshot with its members). The hub runs on the real clock.
 */
export async function sharedTestHub(file: string): Promise<HubAccess> {
  const shared = inject('sharedHub');
  const gatewayUrl = `${shared.processUrls.gateway}/graphql`;
  await until(`the shared hub to be ready (its log: ${shared.logFile})`, () => answersReady(shared.processUrls.gateway), { timeoutMs: 90_000 });
  await expectEngine(shared.metricsUrls.gateway);
  const log = fileLog(`the shared hub (every file's lines, ${shared.logFile})`, shared.logFile);
  hubLogsInUse.add(log);
  return {
    gatewayUrl,
    databaseUrl: shared.databaseUrl,
    appDatabaseUrl: shared.appDatabaseUrl,
    hq: await createHqClient(shared.databaseUrl, `HQ of ${file}`),
    keysDir: shared.keysDir,
    urlOf: (name) => shared.processUrls[name],
    metricsUrlOf: (name) => shared.metricsUrls[name],
    logLines: () => log.since(0),
  };
}

export interface TestHub extends HubAccess {
  hub: Hub;
  /**
   * Restarts the processes whose start after downtime a file tests, on their ports, with the clock set to `now` (an ISO
   * instant); the others' clocks move there without a restart (Hub.restart). (To let time pass, moveClockTo.)
   */
  restartAt(now: string, processes: ProcessName[]): Promise<void>;
  /**
   * Moves every process's clock to `now` without a restart (scripts/processes.ts Hub.moveClock): the wallet queues its
   * start jobs, as after a restart. For a file that needs time to pass, not a process's start (jobs.test.ts catches up
   * after downtime and keeps restarting). The hub must have started with `now`.
   */
  moveClockTo(now: string): Promise<void>;
  stop(): Promise<void>;
  logs: string[];
  /** Its processes' lines, marked and read from a mark (`logs` keeps the last 5,000). */
  log: HubLog;
}

export interface TestHubOptions {
  now?: string;
  env?: Record<string, string>;
  /**
   * What the processes log: warnings and errors unless the file reads their other lines (a job's report, a request's
   * line). A line a second per request per process was 4-5% of a busy gateway's CPU, and as much again in the test.
   */
  logLevel?: 'info' | 'warn';
  /** Fills the database before the processes start (the demo's seed, which needs the hub's pay-code secret). */
  seed?: (databaseUrl: string, payCodeSecret: string) => Promise<void>;
  /**
   * 'one' (the default): the four servers in one process (scripts/hub-in-one-process.ts), each on its own port, which
   * starts and serves in some half the CPU of four; a restart restarts them all. 'four': a process each, as deployed,
   * for a file that stops, kills or restarts one of them while the others run, or reads what one process is given
   * (its environment, its own metrics). docs/decisions.md "A test hub in one process".
   */
  processes?: 'one' | 'four';
}

/**
 * V8's options for a file's own hub. Such a hub lives for one file, some seconds to a minute, and its code never gets
 * hot enough for TurboFan's optimised code to repay compiling it: with V8 stopping at its baseline compiler
 * (Sparkplug), hostile, programme and analytics took 22-29 s of their hubs' CPU against 26-30 s, in five pairs of
 * runs taken in turn (docs/testing.md). What the processes do is the same; only how V8 compiles it differs. The
 * shared hub lives for the whole run and keeps V8's defaults, as `npm start` does. Files that build their own `Hub`
 * (faults, read-replica) pass these too.
 */
export const OWN_HUB_NODE_ARGS = ['--max-opt=1'];

export async function startTestHub(opts: TestHubOptions = {}): Promise<TestHub> {
  // The gateway's engine: Apollo unless the project (vitest.config.ts's hive) or the developer chose Hive.
  const engine = process.env.UNICARD_GATEWAY_ENGINE;
  // Named after the test file, so that a database (or a process's CPU, or a slow query in PostgreSQL's log) says whose it is.
  const file = basename(expect.getState().testPath ?? 'unknown', '.test.ts')
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase();
  const databaseUrl = await testDatabase(`unicard_${engine ? `${engine.replace('-', '_')}_` : ''}${file}`);
  const appDatabaseUrl = urlAs(databaseUrl, APP_ROLE, inject('databaseAppPassword'));
  const keysDir = mkdtempSync(join(tmpdir(), 'unicard-test-keys-'));
  const payCodeSecret = randomBytes(32).toString('base64url');
  const logs: string[] = [];
  let logged = 0;
  const log: HubLog = {
    name: `the hub of ${file}`,
    written: () => logged,
    since: (mark) => logs.slice(Math.max(0, logs.length - (logged - mark))),
  };
  hubLogsInUse.add(log);
  const env = { ...(engine ? { UNICARD_GATEWAY_ENGINE: engine } : {}), ...opts.env };
  const hub = new Hub({
    databaseUrl,
    appDatabaseUrl,
    keysDir,
    payCodeSecret,
    now: opts.now,
    env,
    nodeArgs: OWN_HUB_NODE_ARGS,
    inOneProcess: (opts.processes ?? defaultTestHubProcesses()) === 'one',
    ports: await Hub.allocatePorts(),
    metricsPorts: await Hub.allocatePorts(),
    logLevel: opts.logLevel ?? 'warn',
    onLog: (name, line) => {
      logs.push(`[${name}] ${line}`);
      logged++;
      if (logs.length > 5000) logs.shift();
    },
  });
  await opts.seed?.(databaseUrl, payCodeSecret);
  await hub.start();
  await expectEngine(hub.processes.gateway.metricsUrl, env.UNICARD_GATEWAY_ENGINE);
  const hq = await createHqClient(databaseUrl);
  const testHub: TestHub = {
    hub,
    databaseUrl,
    appDatabaseUrl,
    hq,
    keysDir,
    logs,
    log,
    gatewayUrl: hub.gatewayUrl,
    urlOf: (name) => hub.processes[name].url,
    metricsUrlOf: (name) => hub.processes[name].metricsUrl,
    logLines: () => logs,
    restartAt: (now: string, processes: ProcessName[]) => hub.restart(processes, now),
    moveClockTo: (now: string) => hub.moveClock(now),
    stop: async () => {
      await hub.stop();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
  return testHub;
}

/**
 * That the gateway at `metricsUrl` runs the engine this project's files are for (vitest.config.ts's projects; the
 * gateway names it on its metrics port): else a wiring mistake would run Apollo's gateway under every project's name.
 */
async function expectEngine(metricsUrl: string, engine = process.env.UNICARD_GATEWAY_ENGINE ?? 'apollo'): Promise<void> {
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) })).text();
  const serving = /^unicard_gateway_engine_info\{engine="([^"]+)"\}/m.exec(text)?.[1];
  if (serving !== engine) throw new Error(`the hub's gateway runs ${serving ?? 'no engine it names'}, and this project is for ${engine}`);
}

/** Signs with one of the hub's key files, as that process would (for showing what a key may and may not do). */
export function keysOf(hub: Pick<HubAccess, 'keysDir'>, signer: Signer): KeyRing {
  return new KeyRing(ISSUERS[signer], keyFileOf(hub.keysDir, signer));
}

/**
 * A GraphQL call straight to a subgraph with the gateway's credential, as
 * the gateway (or another router holding its key) would send it: for tests
 * of what a subgraph does with whatever reaches it.
 */
export async function subgraphCall(
  hub: HubAccess,
  subgraph: 'member' | 'wallet' | 'merchant',
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse> {
  const assertion = await gatewayAssertions(keysOf(hub, 'gateway'), systemClock)();
  return postJson<GraphQLResponse>(
    `${hub.urlOf(subgraph)}/graphql`,
    { query, variables },
    { [GATEWAY_ASSERTION_HEADER]: assertion, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  );
}
