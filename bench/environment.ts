/**
 * What every benchmark runs against: a fresh embedded PostgreSQL in a
 * temporary directory, the real hub (three subgraphs and the gateway as
 * child processes, production mode), and a coalition set up through the
 * gateway with the contract's operations.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { ensureAppRole } from '../lib/database-roles.js';
import { ensureDatabase } from '../lib/database.js';
import { Hub, HubProcess, freePort, keyFileOf, startDatabaseServer, type DatabaseServer, type ProcessName } from '../scripts/processes.js';
import { GATEWAY_ASSERTION_HEADER, gatewayAssertions } from '../lib/auth.js';
import { systemClock } from '../lib/clock.js';
import { ISSUERS, KeyRing } from '../lib/keys.js';
import { createHqClient } from '../scripts/hq-client.js';
import { authenticate, setUpMerchant, type SetUpMerchant } from '../test/support/coalition.js';
import type { LoadResult } from './load.js';

/** `hive`: the second gateway, Hive Gateway over the same subgraphs, once started (NaN before). */
/** The other gateways the engines' comparison starts, by engine. */
export type OtherGateway = 'hive' | 'hive-router';
export type CpuSeconds = Record<'driver' | ProcessName | OtherGateway | 'postgres', number>;

export interface BenchEnvironment {
  databaseUrl: string;
  hub: Hub;
  payCodeSecret: string;
  hqToken: string;
  /** HQ's API client (the console's bench signs in with it). */
  hq: { clientId: string; clientSecret: string };
  /** Issues checkouts' value. */
  issuer: SetUpMerchant;
  /** Accepts the issuer's value at many stores, one terminal each. */
  acquirer: SetUpMerchant;
  subgraphUrl(name: Exclude<ProcessName, 'gateway'>): string;
  /** Starts a second gateway process with Hive Gateway as its engine, over the same subgraphs; its GraphQL URL. */
  /** A second gateway over the same subgraphs with another engine (gateway/hive-engine.ts); its GraphQL URL. */
  startOtherGateway(engine: OtherGateway): Promise<string>;
  /** Headers for calling a subgraph straight, as the gateway does: its current assertion. */
  asGateway(): Promise<Record<string, string>>;
  /** Peak RSS (kernel high-water mark) of each hub process and of PostgreSQL, in bytes. */
  peakMemory(): Promise<Record<string, number>>;
  /** CPU seconds used so far by this driver, each hub process and PostgreSQL (all its processes). */
  cpuSeconds(): CpuSeconds;
  stop(): Promise<void>;
}

export async function startBenchEnvironment(opts: {
  terminals: number;
  logLevel: string;
  /** Where each hub process writes a CPU profile (scripts/processes.ts HubConfig.profileDir). */
  profileDir?: string;
  /** Each subgraph and the gateway as this many replicas (UNICARD_REPLICAS; lib/replicas.ts). */
  replicas?: number;
  progress: (line: string) => void;
}): Promise<BenchEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'unicard-bench-'));
  opts.progress(`starting embedded PostgreSQL in ${dir}`);
  const database: DatabaseServer = await startDatabaseServer({ dir, ephemeral: true });
  const databaseUrl = await ensureDatabase(database.url, 'unicard_bench');
  const payCodeSecret = randomBytes(32).toString('base64url');
  const keysDir = mkdtempSync(join(tmpdir(), 'unicard-bench-keys-'));
  const hub = new Hub({
    databaseUrl,
    appDatabaseUrl: await ensureAppRole(databaseUrl, randomBytes(24).toString('base64url')),
    keysDir,
    payCodeSecret,
    ports: await Hub.allocatePorts(),
    metricsPorts: await Hub.allocatePorts(),
    logLevel: opts.logLevel,
    profileDir: opts.profileDir,
    // A few tills send the whole load: the limiter still counts every request (its cost is measured), but never refuses.
    env: {
      UNICARD_RATE_LIMIT_TERMINAL: '100000000',
      UNICARD_RATE_LIMIT_HQ: '100000000',
      UNICARD_RATE_LIMIT_MERCHANT: '100000000',
      ...(opts.replicas ? { UNICARD_REPLICAS: String(opts.replicas) } : {}),
    },
    onLog: (name, line) => {
      // Errors, and anything not a JSON log line (a crash before the logger starts).
      if (/"level":(50|60)/.test(line) || !line.startsWith('{')) opts.progress(`[${name}] ${line}`);
    },
  });
  opts.progress('starting subgraphs and gateway');
  await hub.start();
  const assertion = gatewayAssertions(new KeyRing(ISSUERS.gateway, keyFileOf(keysDir, 'gateway')), systemClock);
  const hq = await createHqClient(databaseUrl);
  const hqToken = await authenticate(hub.gatewayUrl, hq);
  opts.progress(`setting up an issuer and an acquirer with ${opts.terminals} terminals`);
  const issuer = await setUpMerchant(hub.gatewayUrl, hqToken, {
    name: 'Bench Issuer',
    kind: 'BRAND',
    stores: ['Issuer HQ store'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  const acquirer = await setUpMerchant(hub.gatewayUrl, hqToken, {
    name: 'Bench Acquirer',
    kind: 'ALLY',
    stores: Array.from({ length: opts.terminals }, (_, i) => `Till ${i + 1}`),
    terms: { canIssue: false, canAccept: true, commissionBps: 150 },
  });
  const others: Partial<Record<OtherGateway, HubProcess>> = {};
  const processes = () => ({ ...hub.processes, ...others });
  return {
    databaseUrl,
    hub,
    payCodeSecret,
    hqToken,
    hq,
    issuer,
    acquirer,
    subgraphUrl: (name) => `${hub.processes[name].url}/graphql`,
    async startOtherGateway(engine) {
      const config = hub.config;
      const gateway = new HubProcess('gateway', {
        ...config,
        ports: { ...config.ports, gateway: await freePort() },
        metricsPorts: { ...config.metricsPorts!, gateway: await freePort() },
        env: { ...config.env, UNICARD_GATEWAY_ENGINE: engine },
      });
      others[engine] = gateway;
      gateway.start();
      await gateway.waitReady();
      return `${gateway.url}/graphql`;
    },
    asGateway: async () => ({ [GATEWAY_ASSERTION_HEADER]: await assertion() }),
    async peakMemory() {
      const peaks: Record<string, number> = {};
      for (const [name, process] of Object.entries(processes())) {
        const metrics = await fetch(process.metricsUrl).then((r) => r.text());
        peaks[name] = Number(/^process_max_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN);
      }
      const postgres = postgresProcesses(dir);
      const highWaterMark = (pid: string) => {
        try {
          return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
        } catch {
          return 0; // the process ended while we looked
        }
      };
      const postmaster = postgres.postmaster ? highWaterMark(postgres.postmaster) : 0;
      const largestBackend = Math.max(0, ...postgres.children.map(highWaterMark));
      peaks['postgres (postmaster)'] = postmaster;
      peaks['postgres (largest backend)'] = largestBackend;
      return peaks;
    },
    cpuSeconds() {
      const driverUsage = process.cpuUsage();
      const seconds = { driver: (driverUsage.user + driverUsage.system) / 1e6 } as CpuSeconds;
      seconds.hive = NaN;
      seconds['hive-router'] = NaN;
      const cpuOrZero = (pid: string, withEndedChildren = false) => {
        try {
          return cpuSecondsOf(pid, withEndedChildren);
        } catch {
          return 0; // the process ended while we looked
        }
      };
      // A process with replicas: its primary's and its replicas' (lib/replicas.ts).
      for (const [name, child] of Object.entries(processes()))
        seconds[name as ProcessName | OtherGateway] = child.child?.pid
          ? cpuSecondsOf(String(child.child.pid)) + child.replicaPids.reduce((sum, pid) => sum + cpuOrZero(String(pid)), 0)
          : NaN;
      const postgres = postgresProcesses(dir);
      seconds.postgres = (postgres.postmaster ? cpuOrZero(postgres.postmaster, true) : 0) + postgres.children.reduce((sum, pid) => sum + cpuOrZero(pid), 0);
      return seconds;
    },
    async stop() {
      await Promise.all(Object.values(others).map((gateway) => gateway.stop()));
      await hub.stop();
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(keysDir, { recursive: true, force: true }); // private keys: nothing of a run stays in the temporary folder
    },
  };
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, after
 * the parenthesised name); with its ended children's (16 and 17) for the
 * postmaster, whose backends come and go with connections.
 */
function cpuSecondsOf(pid: string, withEndedChildren = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return (withEndedChildren ? own + Number(fields[13]) + Number(fields[14]) : own) / CLOCK_TICKS;
}

/**
 * PostgreSQL's processes: the postmaster (the `postgres` binary started on
 * this data directory; not the Node process that launched it, whose command
 * line names the directory too) and its children.
 */
function postgresProcesses(dir: string): { postmaster?: string; children: string[] } {
  const parentOf = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
  let postmaster: string | undefined;
  const others: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args[0]!.endsWith('/bin/postgres') && args.includes(dir)) postmaster = pid;
      else if (args[0]!.startsWith('postgres: ')) others.push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  const children = others.filter((pid) => {
    try {
      return parentOf(pid) === postmaster;
    } catch {
      return false;
    }
  });
  return { postmaster, children };
}

/** Runs a load and adds the CPU each process spent per request during it. */
export async function measuringCpu(env: BenchEnvironment, load: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = env.cpuSeconds();
  const result = await load();
  const after = env.cpuSeconds();
  const cpuMsPerRequest = Object.fromEntries(
    Object.keys(after).map((name) => {
      const key = name as keyof CpuSeconds;
      return [name, +(((after[key] - before[key]) * 1000) / result.requests).toFixed(3)];
    }),
  );
  return { ...result, cpuMsPerRequest };
}
