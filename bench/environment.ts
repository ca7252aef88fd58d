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
import { ensureDatabase } from '../lib/database.js';
import { Hub, startDatabaseServer, type DatabaseServer, type ProcessName } from '../scripts/processes.js';
import { createHqClient } from '../scripts/hq-client.js';
import { authenticate, setUpMerchant, type SetUpMerchant } from '../test/support/coalition.js';

export interface BenchEnvironment {
  databaseUrl: string;
  hub: Hub;
  jwtSecret: string;
  hqToken: string;
  /** Issues checkouts' value. */
  issuer: SetUpMerchant;
  /** Accepts the issuer's value at many stores, one terminal each. */
  acquirer: SetUpMerchant;
  subgraphUrl(name: Exclude<ProcessName, 'gateway'>): string;
  /** Peak RSS (kernel high-water mark) of each hub process and of PostgreSQL, in bytes. */
  peakMemory(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startBenchEnvironment(opts: { terminals: number; logLevel: string; nodeArgs?: string[]; progress: (line: string) => void }): Promise<BenchEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'unicard-bench-'));
  opts.progress(`starting embedded PostgreSQL in ${dir}`);
  const database: DatabaseServer = await startDatabaseServer({ dir, ephemeral: true });
  const databaseUrl = await ensureDatabase(database.url, 'unicard_bench');
  const jwtSecret = randomBytes(32).toString('base64url');
  const hub = new Hub({
    databaseUrl, jwtSecret, ports: await Hub.allocatePorts(), logLevel: opts.logLevel, nodeArgs: opts.nodeArgs,
    onLog: (name, line) => {
      if (/"level":(50|60)/.test(line)) opts.progress(`[${name}] ${line}`);
    },
  });
  opts.progress('starting subgraphs and gateway');
  await hub.start();
  const hq = await createHqClient(databaseUrl);
  const hqToken = await authenticate(hub.gatewayUrl, hq);
  opts.progress(`setting up an issuer and an acquirer with ${opts.terminals} terminals`);
  const issuer = await setUpMerchant(hub.gatewayUrl, hqToken, { name: 'Bench Issuer', kind: 'BRAND', stores: ['Issuer HQ store'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
  const acquirer = await setUpMerchant(hub.gatewayUrl, hqToken, {
    name: 'Bench Acquirer', kind: 'ALLY', stores: Array.from({ length: opts.terminals }, (_, i) => `Till ${i + 1}`), terms: { canIssue: false, canAccept: true, commissionBps: 150 },
  });
  return {
    databaseUrl, hub, jwtSecret, hqToken, issuer, acquirer,
    subgraphUrl: (name) => `${hub.processes[name].url}/graphql`,
    async peakMemory() {
      const peaks: Record<string, number> = {};
      for (const [name, process] of Object.entries(hub.processes)) {
        const metrics = await fetch(`${process.url}/metrics`).then((r) => r.text());
        peaks[name] = Number(/^process_max_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN);
      }
      // PostgreSQL: the postmaster and its backends, found by the data directory on their command line.
      let postmaster = 0;
      let largestBackend = 0;
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
          if (cmdline.includes(dir) && cmdline.startsWith('/')) postmaster = Math.max(postmaster, hwm);
          else if (/^postgres: /.test(cmdline) && readFileSync(`/proc/${pid}/stat`, 'utf8').length > 0 && isChildOfPostmasterIn(pid, dir)) largestBackend = Math.max(largestBackend, hwm);
        } catch {
          // the process ended while we looked
        }
      }
      peaks['postgres (postmaster)'] = postmaster;
      peaks['postgres (largest backend)'] = largestBackend;
      return peaks;
    },
    async stop() {
      await hub.stop();
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function isChildOfPostmasterIn(pid: string, dir: string): boolean {
  const ppid = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
  if (!ppid) return false;
  try {
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false;
  }
}
