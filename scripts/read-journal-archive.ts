/**
 * `npm run read-journal-archive -- --manifest FILE [--schema journal_archive]`: loads an archived month of the journal
 * (scripts/archive-journal-month.ts) back into tables beside the ledger, for an audit or a regulator's question about
 * records past their five years (docs/operations.md "Reading an archived month"). As the database's owner
 * (MIGRATION_DATABASE_URL, else DATABASE_URL):
 *   1. each file is read and checked against the manifest (its lines' count and SHA-256) before anything is loaded;
 *   2. each table is made in SCHEMA (default journal_archive) with the journal's columns as they are now, and filled a
 *      batch at a time with progress (jsonb_populate_recordset: each value from PostgreSQL's own text, bigints exact; a
 *      column added since the month was archived is null);
 *   3. the tables' counts are checked against the manifest.
 * The ledger is not touched: the month stays archived, its sums stay in wallet.journal_archived_sum, and the verifier
 * does not read these tables. Run again, it loads the month afresh.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { readBack } from './archive-journal-month.js';
import { commandLine } from './command-line.js';

/** Lines loaded at a time. */
const BATCH = 5_000;

export interface ReadArchive {
  month: string;
  tables: { table: string; rows: number }[];
}

interface Manifest {
  month: string;
  files: { table: string; file: string; rows: number; sha256: string }[];
}

export async function readJournalArchive(
  ownerUrl: string,
  manifestPath: string,
  opts: { schema?: string; progress?: (line: string) => void } = {},
): Promise<ReadArchive> {
  const schema = opts.schema ?? 'journal_archive';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`--schema must be a plain lower-case name, not ${schema}`);
  const progress = opts.progress ?? (() => undefined);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  // A manifest names its files where they were written; moved together (restored from a backup), they are beside it.
  const fileOf = (file: string) => (existsSync(file) ? file : join(dirname(manifestPath), basename(file)));
  for (const f of manifest.files) {
    const read = await readBack(fileOf(f.file));
    if (read.rows !== f.rows || read.sha256 !== f.sha256)
      throw new Error(`${fileOf(f.file)}: ${read.rows} lines with SHA-256 ${read.sha256}, where the manifest says ${f.rows} and ${f.sha256}; nothing loaded`);
  }
  progress(`${manifest.month}: ${manifest.files.length} files match the manifest`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
    const tables: ReadArchive['tables'] = [];
    for (const f of manifest.files) {
      const [from, name] = f.table.split('.') as [string, string];
      const parent = name.replace(/_\d{4}_\d{2}$/, '');
      const table = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
      await client.query('begin');
      try {
        await client.query(`drop table if exists ${table}`);
        // The journal's columns and types as they are now, without its keys, checks or triggers: a record, not the ledger.
        await client.query(`create table ${table} as table ${pg.escapeIdentifier(from)}.${pg.escapeIdentifier(parent)} with no data`);
        let rows = 0;
        let batch: string[] = [];
        const load = async () => {
          await client.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [`[${batch.join(',')}]`]);
          rows += batch.length;
          batch = [];
          progress(`${manifest.month}: ${schema}.${name} ${rows} of ${f.rows} rows loaded`);
        };
        for await (const line of createInterface({ input: createReadStream(fileOf(f.file)).pipe(createGunzip()), crlfDelay: Infinity })) {
          batch.push(line);
          if (batch.length === BATCH) await load();
        }
        if (batch.length > 0) await load();
        const counted = Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
        if (counted !== f.rows) throw new Error(`${schema}.${name}: ${counted} rows loaded, where the manifest says ${f.rows}`);
        await client.query('commit');
        tables.push({ table: `${schema}.${name}`, rows: counted });
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    }
    return { month: manifest.month, tables };
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const usage = 'MIGRATION_DATABASE_URL=... npm run read-journal-archive -- --manifest FILE [--schema journal_archive]';
  const arg = commandLine({ manifest: { type: 'string' }, schema: { type: 'string' } }, usage);
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  const manifest = arg.manifest;
  if (!url || !manifest) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  try {
    const read = await readJournalArchive(url, manifest, { schema: arg.schema, progress: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${JSON.stringify(read)}\n`);
  } catch (error) {
    process.stderr.write(`read-journal-archive: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
