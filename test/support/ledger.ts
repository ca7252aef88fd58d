/** Reads the ledger straight from PostgreSQL, to prove what an operation did or did not change. */
import pg from 'pg';
import { verifyLedgerAt } from '../../scripts/verify-ledger.js';

export interface LedgerSnapshot {
  transactions: number;
  entries: number;
  lots: string;
  balances: string;
  pointsLots: string;
  /** Points balances / cycle growth / tier ranks / paid plans, summed over wallets. */
  standing: string;
  payCodesUsed: number;
  runs: number;
}

/**
 * The tests' own connections, one pool per database, each connection closed after a few idle seconds (so that none
 * outlives its file for long, nor stops a database from being copied or dropped). A new PostgreSQL connection costs some
 * 30-50 ms of this machine's CPU (a backend forked, authenticated and its caches filled), and the tests opened one per
 * read: 105 of bad-input's 171 connections, and some 90 s of a full run's CPU (docs/testing.md).
 */
const pools = new Map<string, pg.Pool>();
function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 8, idleTimeoutMillis: 3_000, allowExitOnIdle: true, application_name: 'unicard-tests' });
    // An idle connection the server ended (a test restarting PostgreSQL) is the pool's to drop, not the test's failure.
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

/**
 * Runs `work` on a connection of its own for the while: as a fresh session (DISCARD ALL after it, so that a setting, a
 * role or a lock taken in one test never reaches the next), and never handed on after a failure.
 */
export async function withDatabase<T>(url: string, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const client = await poolFor(url).connect();
  let reusable = false;
  try {
    const result = await work(client);
    reusable = await client.query('discard all').then(
      () => true,
      () => false,
    );
    return result;
  } finally {
    client.release(!reusable);
  }
}

/**
 * Counts and sums that any movement changes: equal before and after, nothing moved. On a hub shared with other test
 * files, give `members` (the file's own): only their movements are counted, and settlement runs (coalition-wide) not.
 */
export function ledgerSnapshot(url: string, scope?: { members: string[] }): Promise<LedgerSnapshot> {
  const mine = scope ? 'where member_id = any($1::uuid[])' : '';
  return withDatabase(url, async (db) => {
    const { rows } = await db.query(
      `select
      (select count(*)::int from wallet.journal_transaction ${mine}) as transactions,
      (select count(*)::int from wallet.journal_entry ${mine}) as entries,
      (select coalesce(sum(remaining), 0)::text from wallet.issuer_lot ${mine}) as lots,
      (select coalesce(sum(balance), 0)::text from wallet.wallet ${mine}) as balances,
      (select coalesce(sum(remaining), 0)::text from wallet.points_lot ${mine}) as "pointsLots",
      (select coalesce(sum(points_balance), 0)::text || '/' || coalesce(sum(cycle_growth), 0)::text || '/' || coalesce(sum(tier_rank), 0)::text
         || '/' || count(plan_code)::text from wallet.wallet ${mine}) as standing,
      (select count(*)::int from wallet.pay_code where used_at is not null ${scope ? 'and member_id = any($1::uuid[])' : ''}) as "payCodesUsed",
      ${scope ? '0' : '(select count(*)::int from wallet.settlement_run)'} as runs`,
      scope ? [scope.members] : [],
    );
    return rows[0] as LedgerSnapshot;
  });
}

/** What the ledger verifier (npm run verify-ledger) finds wrong; empty when every invariant holds. */
export async function ledgerViolations(url: string): Promise<string[]> {
  const checks = await verifyLedgerAt(url);
  return checks.flatMap((check) => check.violations.map((v) => `${check.name}: ${v}`));
}
