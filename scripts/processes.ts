/**
 * Starts the hub's four processes as children, each configured only through
 * its environment, the way it would be deployed, and each running the
 * compiled JavaScript of `npm run build` (dist/), as production does. Used
 * by `npm start` (which also supervises them) and by the tests, whose hubs
 * mostly run the four servers in one process (HubConfig.inOneProcess).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKeyFile } from '../lib/keys.js';
import type { ClockMove, ClockMoved } from '../lib/clock.js';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT, projectPath } from '../lib/project-root.js';
import { replicasFromEnv, type ReplicasListening } from '../lib/replicas.js';

export type ProcessName = 'member' | 'wallet' | 'merchant' | 'gateway';
const PROCESS_NAMES: ProcessName[] = ['member', 'wallet', 'merchant', 'gateway'];

/** Each process's bundle (scripts/bundle.ts says why the processes run from bundles). */
const ENTRY: Record<ProcessName, string> = {
  member: 'dist/bundle/member.mjs',
  wallet: 'dist/bundle/wallet.mjs',
  merchant: 'dist/bundle/merchant.mjs',
  gateway: 'dist/bundle/gateway.mjs',
};
/** The four servers in one process (scripts/hub-in-one-process.ts). */
const IN_ONE_PROCESS_ENTRY = 'dist/bundle/hub-in-one-process.mjs';

/** The compiled entry of a process; a clear word instead of a stack trace when nothing was built. */
export function compiledEntry(relative: string): string {
  const path = projectPath(relative);
  if (!existsSync(path)) throw new Error(`${relative} is missing: run \`npm run build\` first (npm start and npm test do)`);
  return path;
}

export interface HubConfig {
  /** The owner role's URL: each process migrates its schema with it at start, then leaves it (lib/database-roles.ts). */
  databaseUrl: string;
  /** The app role's URL, which every process connects as to do its work (ensureAppRole makes the role). */
  appDatabaseUrl: string;
  /** A streaming replica of the database as the app role, for reports (DATABASE_READ_URL; lib/read-replica.ts). */
  readDatabaseUrl?: string;
  /** A folder with the key files of the three processes that sign (lib/keys.ts); made if missing. */
  keysDir: string;
  /** The wallet's pay-code secret (at least 32 characters). */
  payCodeSecret: string;
  ports: Record<ProcessName, number>;
  /** Where each process serves /metrics (loopback, apart from its public port). */
  metricsPorts?: Record<ProcessName, number>;
  /** UNICARD_NOW for every process (tests and demos). */
  now?: string;
  /** Where the children's JSON logs go. */
  onLog?: (name: ProcessName, line: string) => void;
  logLevel?: string;
  /**
   * Where each child writes a V8 CPU profile when it exits, named after its process (`npm run bench -- --profile`);
   * UNICARD_CPU_PROF_DIR sets it for every hub, the tests' too, to see where a run's CPU goes.
   */
  profileDir?: string;
  /** Extra environment for every child (limits, say), over the defaults below. */
  env?: Record<string, string>;
  /** V8 heap limit of each process, in MiB (--max-old-space-size): a leak or a huge request ends in a restart, not in swapping. */
  heapLimitMb?: number;
  /** More options for every child's `node` (the tests' own hubs turn V8's optimising compiler off: test/support/hub.ts). */
  nodeArgs?: string[];
  /**
   * Restart a process that crashes, with backoff, and stop the whole hub
   * when one is stopped on purpose (it exits 0 after SIGTERM or SIGINT).
   * `npm start` supervises; tests kill and restart processes themselves.
   */
  supervise?: { onStopRequested: (name: ProcessName) => void };
  /**
   * The four servers in one process, each on its own port with its own environment (scripts/hub-in-one-process.ts):
   * the tests' hubs, unless a test stops, kills or restarts one of them, or reads what one process alone is given.
   * Stopping or restarting any of them then stops or restarts them all. docs/decisions.md "A test hub in one process".
   */
  inOneProcess?: boolean;
  /**
   * More gateways in the one process (inOneProcess only), each serving the same subgraphs with another engine
   * (UNICARD_GATEWAY_ENGINE) on ports of its own: the tests' shared hub serves every project's engine so (one set of
   * subgraphs and one database for the run, not one per engine).
   */
  moreGateways?: Record<string, { port: number; metricsPort?: number }>;
}

/**
 * A port to give a process that will listen on it soon. Not "port 0 and
 * close it": that port comes from the kernel's ephemeral range, where any
 * outgoing connection may take it before the process listens. These come
 * from below that range (20000-31999), a slice per test worker so parallel
 * test files never pick the same one, handed out in turn from a random
 * start (never the same one twice in a process), each checked free.
 */
const PORT_SLICE = 1_500;
let nextPort = randomInt(PORT_SLICE);
export async function freePort(): Promise<number> {
  const base = 20_000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 8) * PORT_SLICE;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = base + (nextPort++ % PORT_SLICE);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port found below the ephemeral range');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}

/** The processes that sign tokens, each with a key file of its own. */
export const SIGNERS = ['merchant', 'member', 'wallet', 'gateway'] as const;
export type Signer = (typeof SIGNERS)[number];
export const keyFileOf = (keysDir: string, signer: Signer) => join(keysDir, `${signer}.jwks.json`);

/** The key files of the processes that sign, each with a first key (the folder is made private to its owner). */
export async function ensureKeyFiles(keysDir: string): Promise<void> {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  for (const signer of SIGNERS) await ensureKeyFile(keyFileOf(keysDir, signer));
}

export const urlOf = (port: number) => `http://127.0.0.1:${port}`;

/** Whether the server at `url` answers its readiness check now (not reachable, or not ready: false). */
export const answersReady = (url: string): Promise<boolean> =>
  fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

/**
 * When each hub's UNICARD_NOW held, in real time, the same for all its processes: each would otherwise start its clock
 * when it started, and a process started a second later would run a second behind (a member registered "after" the
 * wallet's now).
 */
const nowSince = new WeakMap<HubConfig, number>();
const sinceOf = (config: HubConfig) => {
  if (!nowSince.has(config)) nowSince.set(config, Date.now());
  return nowSince.get(config)!;
};

export function processEnv(name: ProcessName, config: HubConfig): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The database client's settings, from the launcher's own environment (docs/operations.md).
    ...(process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.DB_POOL_SIZE } : {}),
    ...(process.env.DB_PREPARED_STATEMENTS ? { DB_PREPARED_STATEMENTS: process.env.DB_PREPARED_STATEMENTS } : {}),
    NODE_ENV: 'production',
    LOG_LEVEL: config.logLevel ?? process.env.LOG_LEVEL ?? 'info',
    PORT: String(config.ports[name]),
    ...(config.metricsPorts ? { METRICS_PORT: String(config.metricsPorts[name]) } : {}),
    DATABASE_URL: config.appDatabaseUrl,
    ...(config.readDatabaseUrl ? { DATABASE_READ_URL: config.readDatabaseUrl } : {}),
    MIGRATION_DATABASE_URL: config.databaseUrl,
    // Each signing key only to the process that signs with it; the pay-code secret only to the wallet.
    UNICARD_SIGNING_KEYS: keyFileOf(config.keysDir, name),
    ...(name === 'wallet' ? { UNICARD_PAYCODE_SECRET: config.payCodeSecret } : {}),
    GATEWAY_URL: urlOf(config.ports.gateway),
    MEMBER_URL: urlOf(config.ports.member),
    WALLET_URL: urlOf(config.ports.wallet),
    MERCHANT_URL: urlOf(config.ports.merchant),
    ...(config.now ? { UNICARD_NOW: config.now, UNICARD_NOW_SINCE: String(sinceOf(config)) } : {}),
    ...config.env,
  };
}

/**
 * What one process of the hub's is given when the four servers run in it: what every server's environment has in common
 * (a library may read it from the process's own environment), and each server's own in UNICARD_HUB_ENVIRONMENTS.
 */
export function inOneProcessEnv(config: HubConfig): NodeJS.ProcessEnv {
  const each = Object.fromEntries(PROCESS_NAMES.map((name) => [name, processEnv(name, config)])) as Record<ProcessName, NodeJS.ProcessEnv>;
  const common = Object.fromEntries(Object.entries(each.gateway).filter(([key, value]) => PROCESS_NAMES.every((name) => each[name][key] === value)));
  const moreGateways = Object.entries(config.moreGateways ?? {}).map(([engine, at]) => ({
    ...each.gateway,
    UNICARD_GATEWAY_ENGINE: engine,
    PORT: String(at.port),
    ...(at.metricsPort ? { METRICS_PORT: String(at.metricsPort) } : {}),
  }));
  return {
    ...common,
    UNICARD_HUB_ENVIRONMENTS: JSON.stringify(each),
    ...(moreGateways.length > 0 ? { UNICARD_HUB_MORE_GATEWAYS: JSON.stringify(moreGateways) } : {}),
  };
}

/** A line of the one process's log, by the server that wrote it (lib/logger.ts names each line's service). */
function serverOf(line: string, fallback: ProcessName): ProcessName {
  const service = /"service":"([a-z]+)"/.exec(line)?.[1] as ProcessName | undefined;
  return service && PROCESS_NAMES.includes(service) ? service : fallback;
}

/**
 * One of the hub's four servers, by name, and the process it runs in: its own, or with HubConfig.inOneProcess the
 * gateway's, which runs all four (`runsIn`). Stopping, restarting or moving the clock of a server that runs in another's
 * process does so to that process.
 */
export class HubProcess {
  private ownChild?: ChildProcess;
  private ownExited?: Promise<number | null>;
  /** The last lines it wrote, for saying why it died during start-up. */
  private readonly lastLines: string[] = [];
  private stopping = false;
  private restarts = 0;
  private startedAt = 0;
  private restartTimer?: NodeJS.Timeout;
  /** With UNICARD_REPLICAS, the replicas taking connections, as the primary last said (lib/replicas.ts). */
  replicaPids: number[] = [];

  constructor(
    readonly name: ProcessName,
    private readonly config: HubConfig,
    /** The process this server runs in when it is not its own (HubConfig.inOneProcess). */
    readonly runsIn?: HubProcess,
  ) {}

  /** The process that serves this server: its own, or the one it runs in. */
  get process(): HubProcess {
    return this.runsIn ?? this;
  }

  get child(): ChildProcess | undefined {
    return this.runsIn ? this.runsIn.child : this.ownChild;
  }

  get exited(): Promise<number | null> | undefined {
    return this.runsIn ? this.runsIn.exited : this.ownExited;
  }

  start(): void {
    if (this.runsIn) return this.runsIn.start();
    this.stopping = false;
    const inOne = this.config.inOneProcess === true;
    const profileDir = this.config.profileDir ?? process.env.UNICARD_CPU_PROF_DIR;
    const profileName = `${inOne ? 'hub-in-one-process' : this.name}-${process.pid}-${Date.now()}.cpuprofile`;
    const nodeArgs = [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`] : []),
      ...(this.config.heapLimitMb ? [`--max-old-space-size=${this.config.heapLimitMb}`] : []),
      ...(this.config.nodeArgs ?? []),
    ];
    if (inOne && this.replicas > 1) throw new Error('UNICARD_REPLICAS needs the four processes: a hub in one process has no replicas');
    // The IPC channel is only a lifeline: a child shuts down when it closes (lib/http.ts).
    const child = spawn(process.execPath, [...nodeArgs, compiledEntry(inOne ? IN_ONE_PROCESS_ENTRY : ENTRY[this.name])], {
      cwd: PROJECT_ROOT,
      env: inOne ? inOneProcessEnv(this.config) : processEnv(this.name, this.config),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.ownChild = child;
    this.replicaPids = [];
    child.on('message', (message: Partial<ReplicasListening>) => {
      if (message?.type === 'unicard.replicas' && Array.isArray(message.pids)) this.replicaPids = message.pids;
    });
    this.startedAt = Date.now();
    this.ownExited = new Promise((done) => child.once('exit', (code) => done(code)));
    child.once('exit', (code, signal) => this.onExit(code, signal));
    for (const output of [child.stdout!, child.stderr!]) {
      createInterface({ input: output }).on('line', (line) => {
        this.lastLines.push(line);
        if (this.lastLines.length > 20) this.lastLines.shift();
        this.config.onLog?.(inOne ? serverOf(line, this.name) : this.name, line);
      });
    }
  }

  /**
   * Supervision: a clean exit (0) is a stop someone asked for (a signal to
   * this process); anything else is a crash, restarted after 0.5 s, 1 s,
   * 2 s ... up to 30 s, the count starting over once a run lasted a minute.
   */
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const supervise = this.config.supervise;
    if (!supervise || this.stopping) return;
    if (code === 0) {
      this.config.onLog?.(this.name, JSON.stringify({ supervisor: 'stopped on request', process: this.name }));
      supervise.onStopRequested(this.name);
      return;
    }
    if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
    const delayMs = Math.min(30_000, 500 * 2 ** this.restarts++);
    this.config.onLog?.(
      this.name,
      JSON.stringify({ supervisor: 'crashed, restarting', process: this.name, code, signal, restart: this.restarts, inMs: delayMs }),
    );
    this.restartTimer = setTimeout(() => {
      if (!this.stopping) this.start();
    }, delayMs);
  }

  get url(): string {
    return urlOf(this.config.ports[this.name]);
  }

  get metricsUrl(): string {
    if (!this.config.metricsPorts) throw new Error('this hub was started without metrics ports');
    return `${urlOf(this.config.metricsPorts[this.name])}/metrics`;
  }

  /** How many replicas it runs as (UNICARD_REPLICAS): 1 is the process itself. */
  get replicas(): number {
    return this.runsIn ? 1 : replicasFromEnv(processEnv(this.name, this.config));
  }

  /** Ready: it answers its readiness check, and with replicas every one of them takes connections. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const replicas = this.replicas;
    let exitCode: number | null | undefined;
    void this.exited?.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined)
        throw new Error(`${this.name} exited (code ${exitCode}) during start-up; its last output:\n${this.process.lastLines.join('\n')}`);
      const ok = await answersReady(this.url);
      if (ok && (replicas === 1 || this.replicaPids.length === replicas)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `${this.name} not ready after ${timeoutMs} ms${replicas > 1 ? ` (${this.replicaPids.length} of its ${replicas} replicas take connections)` : ''}`,
    );
  }

  /** Sends a clock move through the IPC channel and waits for the process to say it has moved (Hub.moveClock). */
  moveClock(move: ClockMove, timeoutMs = 10_000): Promise<void> {
    if (this.runsIn) return this.runsIn.moveClock(move, timeoutMs);
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error(`${this.name} is not running`));
    return new Promise((done, fail) => {
      const timer = setTimeout(() => finish(new Error(`${this.name} did not move its clock within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (message: Partial<ClockMoved>) => {
        if (message?.type !== 'unicard.clock.moved' || message.now !== move.now) return;
        finish(message.failure ? new Error(`${this.name} moved its clock, then failed: ${message.failure}`) : undefined);
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        if (error) fail(error);
        else done();
      };
      child.on('message', onMessage);
      child.send(move);
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.runsIn) return this.runsIn.stop(signal);
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

export class Hub {
  readonly processes: Record<ProcessName, HubProcess>;

  constructor(readonly config: HubConfig) {
    if (config.moreGateways && !config.inOneProcess) throw new Error('moreGateways needs the hub in one process (HubConfig.inOneProcess)');
    const gateway = new HubProcess('gateway', config);
    const runsIn = config.inOneProcess ? gateway : undefined;
    this.processes = {
      member: new HubProcess('member', config, runsIn),
      wallet: new HubProcess('wallet', config, runsIn),
      merchant: new HubProcess('merchant', config, runsIn),
      gateway,
    };
  }

  /** The operating-system processes that serve these servers: one each, or one for all (HubConfig.inOneProcess). */
  private processesOf(names: ProcessName[]): HubProcess[] {
    return [...new Set(names.map((name) => this.processes[name].process))];
  }

  static async allocatePorts(): Promise<Record<ProcessName, number>> {
    return { member: await freePort(), wallet: await freePort(), merchant: await freePort(), gateway: await freePort() };
  }

  get gatewayUrl(): string {
    return `${this.processes.gateway.url}/graphql`;
  }

  /** The web console, which the gateway serves (lib/static-site.ts). */
  get consoleUrl(): string {
    return `${this.processes.gateway.url}/console/`;
  }

  /**
   * All four at once: the gateway needs no subgraph to start (its supergraph
   * is a file) and reports ready only when every subgraph is.
   */
  async start(): Promise<void> {
    await ensureKeyFiles(this.config.keysDir);
    for (const p of this.processesOf(PROCESS_NAMES)) p.start();
    await this.waitReady();
  }

  /** Every server ready, and every further gateway (HubConfig.moreGateways) answering its readiness check. */
  private async waitReady(timeoutMs = 60_000): Promise<void> {
    await Promise.all(Object.values(this.processes).map((p) => p.waitReady(timeoutMs)));
    const deadline = Date.now() + timeoutMs;
    for (const [engine, at] of Object.entries(this.config.moreGateways ?? {})) {
      while (!(await answersReady(urlOf(at.port)))) {
        if (Date.now() > deadline) throw new Error(`the ${engine} gateway not ready after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /**
   * Moves every process's clock to `now` (an ISO instant) without restarting it (lib/clock.ts), as a restart with that
   * UNICARD_NOW would: the wallet queues the jobs it runs at start. Resolves once every process has moved; a process
   * restarted later starts at the moved clock. Only for a hub started with `now`: the system clock does not move.
   */
  async moveClock(now: string): Promise<void> {
    await this.moveClockOf(this.processesOf(PROCESS_NAMES), now);
  }

  /** Sets the hub's clock to `now` (what a process started from here on starts at) and moves these running processes' there. */
  private async moveClockOf(processes: HubProcess[], now: string): Promise<void> {
    if (!this.config.now) throw new Error('this hub runs on the system clock, which does not move');
    const since = Date.now();
    this.config.now = now;
    nowSince.set(this.config, since);
    await Promise.all(processes.map((p) => p.moveClock({ type: 'unicard.clock.move', now, since })));
  }

  /**
   * Restarts the named processes with the clock at `now`, moving the others' clocks there without a restart: what a
   * start after downtime does is each process's own (the wallet's jobs, the gateway's rate limits), and the others
   * need not pay a start of their own for it. Same ports, so the gateway finds a restarted subgraph where it was. In
   * one process (HubConfig.inOneProcess) that is every server.
   */
  async restart(names: ProcessName[], now: string): Promise<void> {
    // Refused before anything stops: a hub on the system clock cannot be restarted at another instant.
    if (!this.config.now) throw new Error('this hub runs on the system clock, which does not move');
    const restarted = this.processesOf(names);
    await Promise.all(restarted.map((p) => p.stop()));
    await this.moveClockOf(
      this.processesOf(PROCESS_NAMES).filter((p) => !restarted.includes(p)),
      now,
    );
    for (const p of restarted) p.start();
    await this.waitReady();
  }

  async stop(): Promise<void> {
    await this.processes.gateway.stop();
    await Promise.all(this.processesOf(['member', 'wallet', 'merchant']).map((p) => p.stop()));
  }
}

/** `url` (its role, its database) on the server `server` names: the same database on a streaming replica. */
export function onServer(url: string, server: string): string {
  const moved = new URL(url);
  const at = new URL(server);
  moved.hostname = at.hostname;
  moved.port = at.port;
  return moved.toString();
}

export interface DatabaseServer {
  url: string;
  /** With readReplica: its streaming replica's URL (read-only, same superuser) and data folder. */
  readUrl?: string;
  readDataDir?: string;
  /** Where its data is (as root, possibly a stand-in under /var/lib/unicard for a folder the postgres user cannot reach). */
  dataDir: string;
  stop(): Promise<void>;
}

/** The embedded PostgreSQL in a child process (scripts/database-server.ts). */
export async function startDatabaseServer(opts: {
  dir: string;
  port?: number;
  ephemeral?: boolean;
  notDurable?: boolean;
  /** Also a streaming replica of it, for reads (scripts/database-server.ts --read-replica). */
  readReplica?: boolean;
  env?: Record<string, string>;
  onUnexpectedExit?: (code: number | null) => void;
}): Promise<DatabaseServer> {
  const args = [compiledEntry('dist/scripts/database-server.js'), '--dir', opts.dir];
  if (opts.port) args.push('--port', String(opts.port));
  if (opts.ephemeral) args.push('--ephemeral');
  if (opts.notDurable) args.push('--not-durable');
  if (opts.readReplica) args.push('--read-replica');
  const server = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  let stopping = false;
  const started = await new Promise<string>((resolveUrl, reject) => {
    server.once('exit', (code) => reject(new Error(`the database server stopped during start-up (exit code ${code}); its reason is above`)));
    createInterface({ input: server.stdout! }).once('line', (line) => resolveUrl(line));
  });
  const { url, dataDir, readUrl, readDataDir } = JSON.parse(started) as { url: string; dataDir: string; readUrl?: string; readDataDir?: string };
  server.once('exit', (code) => {
    if (!stopping) opts.onUnexpectedExit?.(code);
  });
  return {
    url,
    dataDir,
    ...(readUrl ? { readUrl, readDataDir } : {}),
    stop: async () => {
      stopping = true;
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}
