/**
 * `npm run archive-journal-month -- --month YYYY-MM [--out DIR]`: archives one month of the journal whose records are
 * older than the five years they are kept (docs/operations.md "Archiving a month"). As the database's owner
 * (MIGRATION_DATABASE_URL, else DATABASE_URL):
 *   1. wallet.detach_journal_month detaches the month's partitions, keeping what the ledger's checks need of it (its
 *      entries' sums per member, lot and account, and its counts), and refuses a month still kept, one with an earlier
 *      month attached, or one with movements and no finalised settlement;
 *   2. the detached tables are written to DIR (default .unicard/archive) as gzipped JSON lines, one file each, read back
 *      and counted against the month's counts, with a manifest holding each file's SHA-256;
 *   3. the detached tables are dropped;
 *   4. the month's key rows that nothing refers to any more are deleted, a batch at a time
 *      (wallet.drop_archived_journal_keys): what they held is in the transactions' file.
 * Run again after a failure, it goes on from where it stopped (a month detached and not yet dropped is written again;
 * one dropped has its key rows deleted, and its manifest is the answer).
 * The hub's clock (UNICARD_NOW) is the "now" the five years are counted from.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { clockFromEnv } from '../lib/clock.js';
import { projectPath } from '../lib/project-root.js';
import { commandLine } from './command-line.js';

/** Rows read and written at a time: a month of a large journal is millions of entries. */
const BATCH = 5_000;

export interface ArchivedMonth {
  month: string;
  transactions: number;
  entries: number;
  files: { table: string; file: string; rows: number; sha256: string }[];
  manifest: string;
  /** The month's key rows deleted, and those kept because something still refers to them (an open lot, say). */
  keyRows: { dropped: number; kept: number };
}

export async function archiveJournalMonth(
  ownerUrl: string,
  month: string,
  opts: { out: string; now: Date; progress?: (line: string) => void },
): Promise<ArchivedMonth> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`--month must be YYYY-MM, not ${month}`);
  const progress = opts.progress ?? (() => undefined);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const first = `${month}-01`;
    const state = await client.query<{ archived_at: Date | null }>('select archived_at from wallet.journal_month where month = $1::date', [first]);
    if (state.rowCount === 0) throw new Error(`there is no journal month ${month}`);
    const suffix = `_${month.replace('-', '_')}`;
    const tables = ['journal_transaction', 'journal_entry'].map((t) => `${t}${suffix}`);
    const manifest = join(opts.out, `journal${suffix}.manifest.json`);
    if (!state.rows[0]!.archived_at) {
      const detached = await client.query<{ detached: { transactions: number; entries: number } }>(
        'select wallet.detach_journal_month($1::date, $2) as detached',
        [first, opts.now],
      );
      progress(`${month}: detached, ${detached.rows[0]!.detached.transactions} transactions and ${detached.rows[0]!.detached.entries} entries`);
    } else {
      const left = await client.query('select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = any($2)', [
        'wallet',
        tables,
      ]);
      if (left.rowCount === 0) {
        // Archived, its tables dropped: what may be left is its key rows (a run stopped while deleting them).
        if (!existsSync(manifest)) throw new Error(`journal month ${month} is archived already`);
        const { transactions, entries, files } = JSON.parse(readFileSync(manifest, 'utf8')) as ArchivedMonth;
        return { month, transactions, entries, files, manifest, keyRows: await dropKeyRows(client, month, progress) };
      }
      progress(`${month}: detached before; writing it again`);
    }
    const counts = (
      await client.query<{ transactions: string; entries: string }>('select transactions, entries from wallet.journal_month where month = $1::date', [first])
    ).rows[0]!;
    mkdirSync(opts.out, { recursive: true });
    const files: ArchivedMonth['files'] = [];
    for (const [table, expected] of [
      [tables[0]!, Number(counts.transactions)],
      [tables[1]!, Number(counts.entries)],
    ] as const) {
      const file = join(opts.out, `${table}.jsonl.gz`);
      const written = await writeTable(client, table, file, (rows) => progress(`${month}: ${table} ${rows} of ${expected} rows written`));
      const read = await readBack(file);
      if (written.rows !== expected || read.rows !== expected || read.sha256 !== written.sha256)
        throw new Error(`${table}: ${expected} rows detached, ${written.rows} written, ${read.rows} read back; the table is kept`);
      files.push({ table: `wallet.${table}`, file, rows: expected, sha256: written.sha256 });
    }
    writeFileSync(
      manifest,
      `${JSON.stringify({ month, archivedAt: opts.now.toISOString(), transactions: files[0]!.rows, entries: files[1]!.rows, files }, null, 2)}\n`,
    );
    for (const table of tables) await client.query(`drop table wallet.${pg.escapeIdentifier(table)}`);
    progress(`${month}: archived to ${opts.out}, its tables dropped`);
    return { month, transactions: files[0]!.rows, entries: files[1]!.rows, files, manifest, keyRows: await dropKeyRows(client, month, progress) };
  } finally {
    await client.end();
  }
}

/** Deletes the archived month's key rows that nothing refers to, a batch at a time; how many went and how many stay. */
async function dropKeyRows(client: pg.Client, month: string, progress: (line: string) => void): Promise<{ dropped: number; kept: number }> {
  let dropped = 0;
  for (;;) {
    const batch = await client.query<{ n: number }>('select wallet.drop_archived_journal_keys($1::date, $2) as n', [`${month}-01`, BATCH]);
    dropped += batch.rows[0]!.n;
    if (batch.rows[0]!.n < BATCH) break;
    progress(`${month}: ${dropped} key rows deleted`);
  }
  const kept = await client.query<{ n: number }>(
    `select count(*)::int as n from wallet.journal_transaction_key k join wallet.journal_month m on m.month = $1::date
      where k.occurred_at >= m.starts_at and k.occurred_at < m.ends_at`,
    [`${month}-01`],
  );
  progress(`${month}: ${dropped} key rows deleted, ${kept.rows[0]!.n} kept (something still refers to them)`);
  return { dropped, kept: kept.rows[0]!.n };
}

/** The table's rows as JSON lines, gzipped, in key order, a batch at a time; the count and the lines' SHA-256. */
async function writeTable(client: pg.Client, table: string, file: string, onBatch: (rows: number) => void): Promise<{ rows: number; sha256: string }> {
  const gzip = createGzip();
  const done = once(gzip.pipe(createWriteStream(file)), 'finish');
  const hash = createHash('sha256');
  // Both are read in id order (an entry's id is a sequence's, a transaction's a UUID), after the last id written.
  const idType = table.startsWith('journal_entry') ? 'bigint' : 'uuid';
  let rows = 0;
  let after: unknown = null;
  for (;;) {
    // Each value as PostgreSQL's own text (to_jsonb): bigints and instants exactly as stored, never through a float.
    const batch = await client.query<{ key: unknown; line: unknown }>(
      `select id as key, to_jsonb(t) as line from wallet.${pg.escapeIdentifier(table)} t
       where $1::text is null or id > ($1::text)::${idType} order by id limit ${BATCH}`,
      [after === null ? null : String(after)],
    );
    for (const row of batch.rows) {
      const line = `${JSON.stringify(row.line)}\n`;
      hash.update(line);
      if (!gzip.write(line)) await once(gzip, 'drain');
    }
    rows += batch.rows.length;
    if (batch.rows.length > 0) onBatch(rows);
    if (batch.rows.length < BATCH) break;
    after = batch.rows[batch.rows.length - 1]!.key;
  }
  gzip.end();
  await done;
  return { rows, sha256: hash.digest('hex') };
}

/** A written file's lines, counted and hashed (read-journal-archive.ts checks an archive against its manifest the same way). */
export async function readBack(file: string): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })) {
    hash.update(`${line}\n`);
    rows++;
  }
  return { rows, sha256: hash.digest('hex') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const usage = 'MIGRATION_DATABASE_URL=... npm run archive-journal-month -- --month YYYY-MM [--out DIR]';
  const arg = commandLine({ month: { type: 'string' }, out: { type: 'string' } }, usage);
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  const month = arg.month;
  if (!url || !month) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  try {
    const archived = await archiveJournalMonth(url, month, {
      out: arg.out ?? projectPath('.unicard', 'archive'),
      now: clockFromEnv().now(),
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(archived)}\n`);
  } catch (error) {
    // PostgreSQL's refusal says why (a month still kept, an earlier month attached ...): that line, not a stack.
    process.stderr.write(`archive-journal-month: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
