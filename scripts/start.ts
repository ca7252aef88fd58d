/**
 * `npm start`: the whole hub on one machine. Starts the embedded PostgreSQL
 * (or uses DATABASE_URL), the three subgraphs and the gateway, seeds a demo
 * coalition into an empty database, and prints how to try it. Ctrl-C stops
 * everything.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ensureDatabase } from '../lib/database.js';
import { Hub, startDatabaseServer, type DatabaseServer, type ProcessName } from './processes.js';
import { seedDemoIfEmpty, type DemoCredentials } from './seed-demo.js';

const STATE_DIR = new URL('../.unicard/', import.meta.url);
mkdirSync(STATE_DIR, { recursive: true });

function persistentSecret(): string {
  if (process.env.UNICARD_JWT_SECRET) return process.env.UNICARD_JWT_SECRET;
  const file = new URL('jwt-secret', STATE_DIR);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const say = (line: string) => process.stdout.write(`${line}\n`);

let embedded: DatabaseServer | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  say('starting embedded PostgreSQL in .unicard/pgdata ...');
  embedded = await startDatabaseServer({ dir: new URL('pgdata', STATE_DIR).pathname, port: Number(process.env.UNICARD_PG_PORT ?? 54320) });
  serverUrl = await ensureDatabase(embedded.url, 'unicard');
}
const databaseUrl = serverUrl;
const port = (name: string, fallback: number) => Number(process.env[`${name}_PORT`] ?? fallback);
const jwtSecret = persistentSecret();
const hub = new Hub({
  databaseUrl,
  jwtSecret,
  now: process.env.UNICARD_NOW,
  ports: { gateway: port('GATEWAY', 4000), member: port('MEMBER', 4001), wallet: port('WALLET', 4002), merchant: port('MERCHANT', 4003) },
  metricsPorts: { gateway: port('GATEWAY_METRICS', 9400), member: port('MEMBER_METRICS', 9401), wallet: port('WALLET_METRICS', 9402), merchant: port('MERCHANT_METRICS', 9403) },
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  onLog: (name: ProcessName, line: string) => process.stdout.write(`[${name}] ${line}\n`),
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('\nstopping ...');
  await hub.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  say('starting subgraphs and gateway ...');
  await hub.start();
  const credentials: DemoCredentials = await seedDemoIfEmpty(databaseUrl, new URL('demo-credentials.json', STATE_DIR), { jwtSecret, now: process.env.UNICARD_NOW, progress: say });
  say('');
  say(`Unicard is up. Gateway: ${hub.gatewayUrl}`);
  say('Demo clients (also in .unicard/demo-credentials.json):');
  for (const client of credentials.clients) say(`  ${client.kind.padEnd(8)} ${client.label.padEnd(28)} ${client.clientId}  ${client.clientSecret}`);
  const hq = credentials.clients.find((c) => c.kind === 'HQ')!;
  say('\nTry: authenticate as HQ, then run last month\'s settlement:');
  say(`  TOKEN=$(curl -s ${hub.gatewayUrl} -H 'content-type: application/json' \\`);
  say(`    -d '{"query":"mutation { authenticate(clientId: \\"${hq.clientId}\\", clientSecret: \\"${hq.clientSecret}\\") { token } }"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`);
  say(`  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`);
  say(`    -d '{"query":"mutation { runSettlement(period: \\"${credentials.lastPeriod}\\") { id status totals { crossRedemptions { amount } commission { amount } } statements { merchant { name } net { amount } } } }"}'`);
  say('\nCtrl-C stops everything.');
} catch (error) {
  console.error(error);
  await stop(1);
}
