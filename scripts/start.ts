/**
 * `npm start`: the whole hub on one machine. Starts the embedded PostgreSQL
 * (or uses DATABASE_URL), the three subgraphs and the gateway from the
 * compiled JavaScript, seeds a demo coalition into an empty database, and
 * prints how to try it. It supervises what it started: a process that
 * crashes is restarted with backoff; SIGTERM or SIGINT to the launcher, to
 * npm above it, or to any process it started stops everything.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../lib/project-root.js';
import { ensureDatabase } from '../lib/database.js';
import { APP_ROLE, ensureAppRole } from '../lib/database-roles.js';
import { Hub, onServer, startDatabaseServer, type DatabaseServer, type ProcessName } from './processes.js';
import { seedDemoIfEmpty, type DemoCredentials } from './seed-demo.js';

/** How many members the demo seeds (UNICARD_DEMO_MEMBERS, default 300). */
function demoMembers(): number | undefined {
  const raw = process.env.UNICARD_DEMO_MEMBERS;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error('UNICARD_DEMO_MEMBERS must be a whole number from 1 to 100000');
  return n;
}

const STATE_DIR = pathToFileURL(`${process.env.UNICARD_STATE_DIR ?? projectPath('.unicard')}/`);
mkdirSync(STATE_DIR, { recursive: true });

/** The wallet's pay-code secret, made once and kept in the state folder (UNICARD_PAYCODE_SECRET wins). */
/** A secret made at first start and kept in .unicard/, readable by its owner only. */
function persistentSecret(name: string): string {
  const file = new URL(name, STATE_DIR);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
const persistentPayCodeSecret = () => process.env.UNICARD_PAYCODE_SECRET ?? persistentSecret('paycode-secret');

const say = (line: string) => process.stdout.write(`${line}\n`);

let embedded: DatabaseServer | undefined;
let hub: Hub | undefined; // eslint-disable-line prefer-const -- set once started; stop() may run before
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nstopping ...');
  await hub?.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
  say(embedded ? 'stopped: the gateway, the subgraphs and PostgreSQL' : 'stopped: the gateway and the subgraphs');
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGHUP', () => void stop());
// npm passes a SIGTERM to the shell it started us with, and that shell dies without passing it on: we
// notice by being handed to another parent.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid !== parent && !stopping) {
    clearInterval(orphaned); // said once, not every half second while stopping
    say('the process that started npm start is gone; stopping');
    void stop();
  }
}, 500).unref();

const heapLimitMb = Number(process.env.UNICARD_HEAP_LIMIT_MB ?? 512);
let serverUrl = process.env.DATABASE_URL;
try {
  if (!serverUrl) {
    say(`starting embedded PostgreSQL in ${new URL('pgdata', STATE_DIR).pathname} ...`);
    embedded = await startDatabaseServer({
      dir: new URL('pgdata', STATE_DIR).pathname,
      port: Number(process.env.UNICARD_PG_PORT ?? 54320),
      // UNICARD_READ_REPLICA=1: a streaming replica beside it, on the next port, which reports read (docs/operations.md).
      readReplica: process.env.UNICARD_READ_REPLICA === '1',
      onUnexpectedExit: (code) => {
        say(`PostgreSQL stopped (exit code ${code}); stopping the hub`);
        void stop(code === 0 ? 0 : 1);
      },
    });
    if (embedded.dataDir !== new URL('pgdata', STATE_DIR).pathname)
      say(`(as root, its data is in ${embedded.dataDir}: the postgres user cannot enter this folder)`);
    serverUrl = await ensureDatabase(embedded.url, 'unicard');
  }
} catch (error) {
  say((error as Error).message);
  await stop(1);
}
const databaseUrl = serverUrl!;
// The processes connect as the app role, never as the owner (lib/database-roles.ts): made here with a password made at
// first start, unless APP_DATABASE_URL names one a database administrator made.
let appDatabaseUrl = process.env.APP_DATABASE_URL;
try {
  appDatabaseUrl ??= await ensureAppRole(databaseUrl, persistentSecret('app-role-password'));
} catch (error) {
  say(
    `Could not make the database role ${APP_ROLE} the hub runs as: ${(error as Error).message}. DATABASE_URL's user needs CREATEROLE, or set APP_DATABASE_URL to a role made for the hub.`,
  );
  await stop(1);
}
const port = (name: string, fallback: number) => Number(process.env[`${name}_PORT`] ?? fallback);
const payCodeSecret = persistentPayCodeSecret();
const keysDir = new URL('keys', STATE_DIR).pathname;
/** The settings each process reads (docs/operations.md "Configuration") that npm start hands on from its own environment. */
const PASSED_ON =
  /^UNICARD_(MAX_\w+|INTROSPECTION|RATE_LIMIT_\w+|JWKS_CACHE_SECONDS|GATEWAY_ENGINE|WEBHOOK_ALLOW_PRIVATE|REPLICAS|READ_REPLICA_MAX_LAG_SECONDS)$/;
// The demo runs on one machine, and its webhook receiver (scripts/webhook-receiver.ts) listens on loopback: webhooks
// may reach private addresses here, unless UNICARD_WEBHOOK_ALLOW_PRIVATE=0. Said at the start, never silently.
const webhooksAllowPrivate = (process.env.UNICARD_WEBHOOK_ALLOW_PRIVATE ?? '1') === '1';
if (webhooksAllowPrivate)
  say('Demo setting: webhooks may target loopback and private addresses (UNICARD_WEBHOOK_ALLOW_PRIVATE=1; set it to 0 for production behaviour).');
// Reports read from a replica: the embedded one's (the same database and app role, on the replica's port), or the one
// DATABASE_READ_URL names beside a DATABASE_URL of the user's.
const readDatabaseUrl = embedded?.readUrl ? onServer(appDatabaseUrl!, embedded.readUrl) : process.env.DATABASE_READ_URL;
if (readDatabaseUrl) say(`Reports (RFM, analytics) read from the read replica on port ${new URL(readDatabaseUrl).port}.`);
hub = new Hub({
  readDatabaseUrl,
  env: {
    UNICARD_WEBHOOK_ALLOW_PRIVATE: webhooksAllowPrivate ? '1' : '0',
    ...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => PASSED_ON.test(entry[0]) && entry[1] !== undefined)),
  },
  databaseUrl,
  appDatabaseUrl: appDatabaseUrl!,
  keysDir,
  payCodeSecret,
  now: process.env.UNICARD_NOW,
  ports: { gateway: port('GATEWAY', 4000), member: port('MEMBER', 4001), wallet: port('WALLET', 4002), merchant: port('MERCHANT', 4003) },
  metricsPorts: {
    gateway: port('GATEWAY_METRICS', 9400),
    member: port('MEMBER_METRICS', 9401),
    wallet: port('WALLET_METRICS', 9402),
    merchant: port('MERCHANT_METRICS', 9403),
  },
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  heapLimitMb,
  onLog: (name: ProcessName, line: string) => process.stdout.write(`[${name}] ${line}\n`),
  supervise: {
    onStopRequested: (name) => {
      say(`${name} was stopped; stopping the hub`);
      void stop();
    },
  },
});

try {
  // Seeded before the processes start: the seed delivers its events itself, and a
  // running subgraph's relay would otherwise take them (SKIP LOCKED) and deliver
  // them later than the seed's next step needs them.
  const credentials: DemoCredentials = await seedDemoIfEmpty(databaseUrl, new URL('demo-credentials.json', STATE_DIR), {
    payCodeSecret,
    now: process.env.UNICARD_NOW,
    progress: say,
    members: demoMembers(),
  });
  say('starting subgraphs and gateway ...');
  await hub.start();
  say('');
  const replicas = hub.processes.gateway.replicas;
  say(`Unicard is up. Gateway (${process.env.UNICARD_GATEWAY_ENGINE ?? 'apollo'}): ${hub.gatewayUrl}`);
  if (replicas > 1) say(`Each subgraph and the gateway run as ${replicas} replicas behind their addresses (UNICARD_REPLICAS).`);
  say(`Console for HQ and merchants: ${hub.consoleUrl} (sign in with a client below)`);
  say(`Demo clients (also in ${new URL('demo-credentials.json', STATE_DIR).pathname}):`);
  for (const client of credentials.clients) say(`  ${client.kind.padEnd(8)} ${client.label.padEnd(28)} ${client.clientId}  ${client.clientSecret}`);
  const hq = credentials.clients.find((c) => c.kind === 'HQ')!;
  say("\nTry: authenticate as HQ, then run last month's settlement:");
  say(`  TOKEN=$(curl -s ${hub.gatewayUrl} -H 'content-type: application/json' \\`);
  say(
    `    -d '{"query":"mutation { authenticate(clientId: \\"${hq.clientId}\\", clientSecret: \\"${hq.clientSecret}\\") { token } }"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
  );
  say(`  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`);
  say(
    `    -d '{"query":"mutation { runSettlement(period: \\"${credentials.lastPeriod}\\") { id status totals { crossRedemptions { amount } commission { amount } pointsIssued pointsRedeemed hqIncome { amount } pointsOutstanding } statements { merchant { name } pointsIssued pointsRedeemed net { amount } } } }"}'`,
  );
  if (credentials.example) {
    const { phone, memberId, store, storeId, merchant } = credentials.example;
    say(`\nA member to try things with: ${phone} (member ${memberId}), who joined at ${store} (store ${storeId}).`);
    say(`  A till of that store (its TERMINAL client above) serves it; a member session is ${merchant.split(' ')[0]}'s back office's to open:`);
    say(`  createMemberSession(memberId: "${memberId}") as that MERCHANT client, then issuePayCode with the session's token, then checkout at the till.`);
  } else {
    say('\n(This demo was seeded before it named a member to try: npm run reset, then npm start, seeds one that does.)');
  }
  say('The operations clients run (contract v4) are in contract/v4/.');
  say('To watch webhook deliveries: run `WEBHOOK_SECRET=<signingSecret> node dist/scripts/webhook-receiver.js`, then as a back office');
  say('  setWebhook(input: { url: "http://127.0.0.1:4090/hooks", events: [COUPON_ISSUED, CAMPAIGN_NOTIFICATION, TIER_UPGRADED, POINTS_EXPIRING] }).');
  say('\nCtrl-C stops everything.');
} catch (error) {
  say(`the hub could not start: ${(error as Error).message}`);
  await stop(1);
}
