/**
 * Starts the hub's four processes as children, each configured only through
 * its environment, the way it would be deployed. Used by `npm start` and by
 * the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export type ProcessName = 'member' | 'wallet' | 'merchant' | 'gateway';

const ENTRY: Record<ProcessName, string> = {
  member: 'subgraphs/member/main.ts',
  wallet: 'subgraphs/wallet/main.ts',
  merchant: 'subgraphs/merchant/main.ts',
  gateway: 'gateway/main.ts',
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface HubConfig {
  databaseUrl: string;
  jwtSecret: string;
  ports: Record<ProcessName, number>;
  /** Where each process serves /metrics (loopback, apart from its public port). */
  metricsPorts?: Record<ProcessName, number>;
  /** UNICARD_NOW for every process (tests and demos). */
  now?: string;
  /** Where the children's JSON logs go. */
  onLog?: (name: ProcessName, line: string) => void;
  logLevel?: string;
  /** Extra node flags for every child, e.g. --cpu-prof for benchmarks. */
  nodeArgs?: string[];
  /** Extra environment for every child (limits, say), over the defaults below. */
  env?: Record<string, string>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export const urlOf = (port: number) => `http://127.0.0.1:${port}`;

export function processEnv(name: ProcessName, config: HubConfig): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: config.logLevel ?? process.env.LOG_LEVEL ?? 'info',
    PORT: String(config.ports[name]),
    ...(config.metricsPorts ? { METRICS_PORT: String(config.metricsPorts[name]) } : {}),
    DATABASE_URL: config.databaseUrl,
    UNICARD_JWT_SECRET: config.jwtSecret,
    MEMBER_URL: urlOf(config.ports.member),
    WALLET_URL: urlOf(config.ports.wallet),
    MERCHANT_URL: urlOf(config.ports.merchant),
    ...(config.now ? { UNICARD_NOW: config.now } : {}),
    ...config.env,
  };
}

export class HubProcess {
  child?: ChildProcess;
  exited?: Promise<number | null>;
  /** The last lines it wrote, for saying why it died during start-up. */
  private readonly lastLines: string[] = [];

  constructor(readonly name: ProcessName, private readonly config: HubConfig) {}

  start(): void {
    // The IPC channel is only a lifeline: a child shuts down when it closes (lib/http.ts).
    const child = spawn(process.execPath, [...(this.config.nodeArgs ?? []), '--import', 'tsx', ENTRY[this.name]], { cwd: ROOT, env: processEnv(this.name, this.config), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    for (const output of [child.stdout!, child.stderr!]) {
      createInterface({ input: output }).on('line', (line) => {
        this.lastLines.push(line);
        if (this.lastLines.length > 20) this.lastLines.shift();
        this.config.onLog?.(this.name, line);
      });
    }
  }

  get url(): string {
    return urlOf(this.config.ports[this.name]);
  }

  get metricsUrl(): string {
    if (!this.config.metricsPorts) throw new Error('this hub was started without metrics ports');
    return `${urlOf(this.config.metricsPorts[this.name])}/metrics`;
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited?.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`${this.name} exited (code ${exitCode}) during start-up; its last output:\n${this.lastLines.join('\n')}`);
      const ok = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

export class Hub {
  readonly processes: Record<ProcessName, HubProcess>;

  constructor(readonly config: HubConfig) {
    this.processes = {
      member: new HubProcess('member', config),
      wallet: new HubProcess('wallet', config),
      merchant: new HubProcess('merchant', config),
      gateway: new HubProcess('gateway', config),
    };
  }

  static async allocatePorts(): Promise<Record<ProcessName, number>> {
    return { member: await freePort(), wallet: await freePort(), merchant: await freePort(), gateway: await freePort() };
  }

  get gatewayUrl(): string {
    return `${this.processes.gateway.url}/graphql`;
  }

  /**
   * All four at once: the gateway needs no subgraph to start (its supergraph
   * is a file) and reports ready only when every subgraph is.
   */
  async start(): Promise<void> {
    const all = Object.values(this.processes);
    for (const p of all) p.start();
    await Promise.all(all.map((p) => p.waitReady()));
  }

  async stop(): Promise<void> {
    await this.processes.gateway.stop();
    await Promise.all([this.processes.member.stop(), this.processes.wallet.stop(), this.processes.merchant.stop()]);
  }
}

export interface DatabaseServer {
  url: string;
  stop(): Promise<void>;
}

/** The embedded PostgreSQL in a child process (scripts/database-server.ts). */
export async function startDatabaseServer(opts: { dir: string; port?: number; ephemeral?: boolean }): Promise<DatabaseServer> {
  const args = ['--import', 'tsx', 'scripts/database-server.ts', '--dir', opts.dir];
  if (opts.port) args.push('--port', String(opts.port));
  if (opts.ephemeral) args.push('--ephemeral');
  const server = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    server.once('exit', (code) => reject(new Error(`database server exited with ${code}`)));
    createInterface({ input: server.stdout! }).once('line', (line) => resolveUrl((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    stop: async () => {
      server.kill('SIGTERM');
      await exited;
    },
  };
}
