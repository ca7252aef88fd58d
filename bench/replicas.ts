/**
 * The bench's replicas part (issue 26, item 1): checkout throughput through the gateway with each subgraph and the
 * gateway as 1 and as N replicas (UNICARD_REPLICAS; lib/replicas.ts), each count on a hub and PostgreSQL of its own
 * started afresh, so that both are measured the same way in the same run. Where it saturates: the client count past
 * which throughput stops growing, and how much of the machine's cores the whole run (driver, hub, PostgreSQL) kept
 * busy there.
 */
import { cpus } from 'node:os';
import { startBenchEnvironment } from './environment.js';
import { CheckoutBench, fundMembers } from './checkout.js';
import type { LoadResult } from './load.js';

export interface ReplicaPoint {
  replicas: number;
  clients: number;
  result: LoadResult;
  /** CPU seconds of every process measured, over the point's wall seconds and the machine's cores: 1 is every core busy. */
  coresBusy: number;
}

/** Throughput grows by less than this from one client count to the next: saturated. */
const SATURATED_GAIN = 1.1;

export async function measureReplicas(opts: {
  replicaCounts: number[];
  clientCounts: number[];
  members: number;
  checkouts: (clients: number) => number;
  warmup: number;
  progress: (line: string) => void;
}): Promise<{ points: ReplicaPoint[]; saturation: { replicas: number; clients: number; perSecond: number; coresBusy: number }[] }> {
  const cores = cpus().length;
  const points: ReplicaPoint[] = [];
  for (const replicas of opts.replicaCounts) {
    opts.progress(`replicas: a hub with ${replicas} replica${replicas === 1 ? '' : 's'} of each process`);
    const env = await startBenchEnvironment({ terminals: 32, logLevel: 'warn', replicas, progress: opts.progress });
    try {
      const bench = new CheckoutBench(env, await fundMembers(env, opts.members, opts.progress));
      await bench.init();
      await bench.point('gateway', 8, opts.warmup);
      for (const clients of opts.clientCounts) {
        const result = await bench.point('gateway', clients, opts.checkouts(clients));
        const cpuMs = Object.values(result.cpuMsPerRequest ?? {}).reduce((sum, ms) => sum + (Number.isFinite(ms) ? ms : 0), 0);
        const coresBusy = (cpuMs * result.requests) / 1000 / result.seconds / cores;
        points.push({ replicas, clients, result, coresBusy });
        opts.progress(
          `  ${replicas} replica${replicas === 1 ? ' ' : 's'}, ${String(clients).padStart(2)} clients: ${result.perSecond.toFixed(0)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${(coresBusy * 100).toFixed(0)}% of ${cores} cores busy, ${result.errors} errors`,
        );
      }
    } finally {
      await env.stop();
    }
  }
  // Where each count saturates: the first client count whose next one gains less than 10%, or the last.
  const saturation = opts.replicaCounts.map((replicas) => {
    const own = points.filter((p) => p.replicas === replicas);
    const at = own.find((p, i) => i === own.length - 1 || own[i + 1]!.result.perSecond < p.result.perSecond * SATURATED_GAIN)!;
    return { replicas, clients: at.clients, perSecond: at.result.perSecond, coresBusy: at.coresBusy };
  });
  return { points, saturation };
}
