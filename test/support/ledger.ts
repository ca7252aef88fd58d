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

export function ledgerSnapshot(url: string): Promise<LedgerSnapshot> {
  return withDatabase(url, async (db) => {
    const { rows } = await db.query(`select
      (select count(*)::int from wallet.journal_transaction) as transactions,
      (select count(*)::int from wallet.journal_entry) as entries,
      (select coalesce(sum(remaining), 0)::text from wallet.issuer_lot) as lots,
      (select coalesce(sum(balance), 0)::text from wallet.wallet) as balances,
      (select coalesce(sum(remaining), 0)::text from wallet.points_lot) as "pointsLots",
      (select coalesce(sum(points_balance), 0)::text || '/' || coalesce(sum(cycle_growth), 0)::text || '/' || coalesce(sum(tier_rank), 0)::text
         || '/' || count(plan_code)::text from wallet.wallet) as standing,
      (select count(*)::int from wallet.pay_code where used_at is not null) as "payCodesUsed",
      (select count(*)::int from wallet.settlement_run) as runs`);
    return rows[0] as LedgerSnapshot;
  });
}

/** What the ledger verifier (npm run verify-ledger) finds wrong; empty when every invariant holds. */
export async function ledgerViolations(url: string): Promise<string[]> {
  const checks = await verifyLedgerAt(url);
  return checks.flatMap((check) => check.violations.map((v) => `${check.name}: ${v}`));
}
