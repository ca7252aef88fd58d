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

export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
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
