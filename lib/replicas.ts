/**
 * UNICARD_REPLICAS=N: a process of the hub (a subgraph, the gateway) runs as N replicas behind its one address, with
 * Node's cluster module, as process managers (pm2's cluster mode) do. The process first started becomes the primary:
 * it serves no requests; it forks the N replicas, which share its listening port (the primary hands each new
 * connection to the next replica in turn), replaces one that dies, passes on the launcher's clock moves, serves the
 * replicas' metrics on the metrics port (lib/metrics.ts) and stops them when it is stopped.
 *
 * Nothing a replica must agree on lives in its memory: idempotency, rate limits and lock-outs, the outbox (SKIP
 * LOCKED, and the consumers' inboxes) and the jobs (graphile-worker) are held in PostgreSQL (docs/operations.md
 * "Replicas"). A replica knows it is one by `cluster.isWorker`; the rest of its code is the same.
 */
import type { ChildProcess } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import type { ClockMove, ClockMoved } from './clock.js';
import { whenLauncherGone } from './lifeline.js';
import { createLogger } from './logger.js';
import { metricsText, processFigures, serveMetrics, type Figures, type MetricsAnswer, type MetricsAsk } from './metrics.js';

export const MAX_REPLICAS = 32;

/** UNICARD_REPLICAS, 1 unless set. */
export function replicasFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.UNICARD_REPLICAS;
  if (raw === undefined || raw === '') return 1;
  const replicas = Number(raw);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS)
    throw new Error(`UNICARD_REPLICAS must be a whole number from 1 to ${MAX_REPLICAS}`);
  return replicas;
}

/**
 * Whether this process does at start what needs doing once, whoever does it (the wallet queues its catch-up jobs): a
 * process alone does; of replicas, the first the primary forked (one forked later to replace another joins a hub that
 * is running).
 */
export function catchesUpAtStart(env: NodeJS.ProcessEnv = process.env): boolean {
  return !cluster.isWorker || env.UNICARD_REPLICA_CATCHES_UP === '1';
}

/** What a primary tells its launcher whenever the replicas taking connections change (scripts/processes.ts). */
export interface ReplicasListening {
  type: 'unicard.replicas';
  pids: number[];
}

/** Runs `start` here, or, with UNICARD_REPLICAS above 1, makes this process the primary of that many replicas that run it. */
export async function runReplicated(name: string, start: () => Promise<unknown>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const replicas = replicasFromEnv(env);
  if (replicas === 1 || cluster.isWorker) {
    await start();
    return;
  }
  await new ReplicaSet(name, replicas, env).start();
}

/** Node's own messages between a cluster primary and a replica (lib/internal/cluster): a connection handed over, and the answer. */
interface ClusterMessage {
  cmd?: string;
  act?: string;
  seq?: number;
  ack?: number;
  accepted?: boolean;
}

/**
 * Hands on the connections a replica was given but never took. Node's primary keeps each connection it hands a
 * replica open until the replica answers that it took it (lib/internal/cluster/round_robin_handle.js in Node's
 * source). A replica killed before it answers never does: the connection stays open with no one to serve it, and its
 * client waits for ever (once in a kill under load, in test/replicas.test.ts; nodejs/node-v0.x-archive#7928). So the
 * primary notes each connection handed over until it is answered for, and once the replica is gone (and Node has taken
 * it out of the round), answers for it "not taken", Node's own message of a replica shutting down, on which Node hands
 * the connection to the next replica. With no replica left the round is gone too, and the connection is closed.
 *
 * This reads Node's internal cluster messages (`NODE_CLUSTER`, `newconn`, `ack`); test/replicas.test.ts's connection
 * churn across a kill fails if a Node upgrade changes them.
 */
function handOnUntakenConnections(worker: Worker, othersListening: () => boolean, handedOn: (connections: number) => void): void {
  const child = worker.process as ChildProcess & { send: (message: unknown, handle?: unknown, ...rest: unknown[]) => boolean };
  const untaken = new Map<number, { close(): void }>();
  const send = child.send;
  child.send = function (this: ChildProcess, message: unknown, handle?: unknown, ...rest: unknown[]) {
    const m = message as ClusterMessage;
    if (m?.cmd === 'NODE_CLUSTER' && m.act === 'newconn' && m.seq !== undefined) untaken.set(m.seq, handle as { close(): void });
    return send.call(this, message, handle, ...rest);
  };
  child.on('internalMessage', (m: ClusterMessage) => {
    if (m?.cmd === 'NODE_CLUSTER' && m.ack !== undefined) untaken.delete(m.ack);
  });
  const handOn = () => {
    if (untaken.size > 0) handedOn(untaken.size);
    for (const [seq, connection] of untaken) {
      if (othersListening()) child.emit('internalMessage', { cmd: 'NODE_CLUSTER', ack: seq, accepted: false } satisfies ClusterMessage);
      else connection.close();
    }
    untaken.clear();
  };
  // Node takes a replica out of the round when it has both exited and let go of its channel, in either order.
  worker.once('exit', () => (worker.isConnected() ? worker.once('disconnect', handOn) : handOn()));
}

/** A replica that dies is replaced after 0.5 s, 1 s, 2 s ... up to 30 s, the count starting over once one ran a minute. */
const MAX_RESTART_DELAY_MS = 30_000;
/** How long replicas have to finish their requests and stop before they are killed. */
const STOP_GRACE_MS = 15_000;
/** How long a replica has to answer its primary (a clock move, a metrics read). */
const ANSWER_MS = 10_000;

class ReplicaSet {
  private readonly log;
  private readonly listening = new Set<Worker>();
  private stopping = false;
  private everListened = false;
  private restarts = 0;
  private lastFork = 0;
  private forked = 0;
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private nextAsk = 0;
  /** The clock a replica forked from now on starts at (the launcher's last move), over the primary's own environment. */
  private readonly clockEnv: Record<string, string> = {};

  constructor(
    private readonly name: string,
    private readonly replicas: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.log = createLogger(name);
  }

  async start(): Promise<void> {
    process.on('SIGTERM', () => this.stop());
    process.on('SIGINT', () => this.stop());
    whenLauncherGone(() => this.stop());
    process.on('message', (message: Partial<ClockMove>) => {
      if (message?.type === 'unicard.clock.move' && typeof message.now === 'string' && typeof message.since === 'number')
        void this.moveClocks(message as ClockMove);
    });
    for (let i = 0; i < this.replicas; i++) this.fork();
    if (this.env.METRICS_PORT) await serveMetrics(Number(this.env.METRICS_PORT), this.env.HOST ?? '127.0.0.1', () => this.metrics());
    this.log.info({ replicas: this.replicas, primary: process.pid }, `${this.name}: ${this.replicas} replicas`);
  }

  private get workers(): Worker[] {
    return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  }

  private fork(): void {
    this.forked++;
    this.lastFork = Date.now();
    // A CPU profile of each replica, under a name of its own (npm run bench -- --profile names one per process).
    cluster.setupPrimary({
      execArgv: process.execArgv.map((arg) => (arg.startsWith('--cpu-prof-name=') ? arg.replace(/(\.cpuprofile)?$/, `-replica${this.forked}$1`) : arg)),
    });
    const worker = cluster.fork({ ...this.clockEnv, UNICARD_REPLICA_CATCHES_UP: this.forked === 1 ? '1' : '0' });
    worker.on('listening', () => {
      this.listening.add(worker);
      this.everListened = true;
      this.report();
    });
    worker.on('exit', (code, signal) => this.onExit(worker, code, signal));
    handOnUntakenConnections(
      worker,
      () => this.listening.size > 0,
      (connections) => this.log.warn({ replica: worker.id, connections }, `connections handed to a ${this.name} replica as it died were handed on`),
    );
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    this.listening.delete(worker);
    this.report();
    if (this.stopping) {
      if (this.workers.length === 0) process.exit(0);
      return;
    }
    // A replica that fails before any has ever served would fail again: the process fails to start, as one alone would.
    if (!this.everListened) {
      this.log.error({ code, signal }, `a ${this.name} replica failed to start; stopping`);
      for (const other of this.workers) other.process.kill('SIGTERM');
      process.exit(1);
    }
    if (Date.now() - this.lastFork > 60_000) this.restarts = 0;
    const inMs = Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** this.restarts++);
    this.log.warn({ replica: worker.id, pid: worker.process.pid, code, signal, inMs }, `a ${this.name} replica exited; another starts`);
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      if (!this.stopping) this.fork();
    }, inMs);
    this.restartTimers.add(timer);
  }

  /** Tells the launcher which replicas take connections (a test waits for all of them, and kills one). */
  private report(): void {
    if (!process.connected) return;
    process.send?.({ type: 'unicard.replicas', pids: [...this.listening].map((w) => w.process.pid!) } satisfies ReplicasListening);
  }

  private stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.restartTimers) clearTimeout(timer);
    const workers = this.workers;
    if (workers.length === 0) process.exit(0);
    // Each finishes its requests and stops (lib/http.ts shutdownOnSignals); the primary exits when the last has.
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of this.workers) worker.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  }

  /** Sends `message` to a replica and waits for the answer `matches` picks; undefined if it exits or does not answer in time. */
  private ask<A>(worker: Worker, message: object, matches: (answer: Partial<A>) => boolean): Promise<A | undefined> {
    return new Promise((done) => {
      const finish = (answer?: A) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        done(answer);
      };
      const onMessage = (answer: Partial<A>) => {
        if (matches(answer)) finish(answer as A);
      };
      const onExit = () => finish();
      const timer = setTimeout(() => finish(), ANSWER_MS);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      if (worker.isConnected()) worker.send(message);
      else finish();
    });
  }

  /**
   * The launcher's clock move (lib/clock.ts), made by every replica and caught up after by one (the oldest), so that the
   * catch-up jobs are queued once; answered once all have moved, as one process answers.
   */
  private async moveClocks(move: ClockMove): Promise<void> {
    this.clockEnv.UNICARD_NOW = move.now;
    this.clockEnv.UNICARD_NOW_SINCE = String(move.since);
    const workers = this.workers.sort((a, b) => a.id - b.id);
    const answers = await Promise.all(
      workers.map(async (worker, i) => {
        const answer = await this.ask<ClockMoved>(
          worker,
          { ...move, catchUp: i === 0 } satisfies ClockMove,
          (a) => a?.type === 'unicard.clock.moved' && a.now === move.now,
        );
        // A replica that exited meanwhile is replaced at the moved clock; one that is there and silent has not moved.
        if (answer === undefined && !worker.isDead()) return `replica ${worker.process.pid} did not move its clock`;
        return answer?.failure;
      }),
    );
    const failure = answers.find((a) => a !== undefined);
    process.send?.({ type: 'unicard.clock.moved', now: move.now, ...(failure ? { failure } : {}) } satisfies ClockMoved);
  }

  /** The replicas' figures, each one's and their sums (with the primary's own memory in the sums). */
  private async metrics(): Promise<string> {
    const id = ++this.nextAsk;
    const answers = await Promise.all(
      [...this.listening].map(async (worker) => {
        const answer = await this.ask<MetricsAnswer>(
          worker,
          { type: 'unicard.metrics.ask', id } satisfies MetricsAsk,
          (a) => a?.type === 'unicard.metrics' && a.id === id,
        );
        return answer ? ([String(worker.id), answer.figures] as [string, Figures]) : undefined;
      }),
    );
    const byReplica = answers.filter((a) => a !== undefined);
    const sums: Figures = { ...processFigures({}), unicard_replicas: byReplica.length };
    for (const [, figures] of byReplica) for (const [name, value] of Object.entries(figures)) sums[name] = (sums[name] ?? 0) + value;
    return metricsText(sums, byReplica);
  }
}
