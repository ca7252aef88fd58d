/** Reads the ledger straight from PostgreSQL, to prove what an operation did or did not change. */
import pg from 'pg';

export interface LedgerSnapshot {
  transactions: number;
  entries: number;
  lots: string;
  balances: string;
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
      (select count(*)::int from wallet.pay_code where used_at is not null) as "payCodesUsed",
      (select count(*)::int from wallet.settlement_run) as runs`);
    return rows[0] as LedgerSnapshot;
  });
}

/** The invariants every state of the ledger must satisfy; returns what is violated. */
export function ledgerViolations(url: string): Promise<string[]> {
  return withDatabase(url, async (db) => {
    const problems: string[] = [];
    const unbalanced = await db.query('select transaction_id from wallet.journal_entry group by transaction_id having sum(amount) <> 0');
    if (unbalanced.rowCount) problems.push(`unbalanced transactions: ${unbalanced.rows.map((r) => r.transaction_id).join(', ')}`);
    const negative = await db.query('select id from wallet.issuer_lot where remaining < 0');
    if (negative.rowCount) problems.push(`negative lots: ${negative.rowCount}`);
    const lotVsEntries = await db.query(`select l.id from wallet.issuer_lot l
      left join (select lot_id, -sum(amount) as value from wallet.journal_entry where lot_id is not null group by lot_id) e on e.lot_id = l.id
      where l.remaining <> coalesce(e.value, 0)`);
    if (lotVsEntries.rowCount) problems.push(`lots differing from their entries: ${lotVsEntries.rowCount}`);
    const walletVsLots = await db.query(`select w.member_id from wallet.wallet w
      left join (select member_id, sum(remaining) as value from wallet.issuer_lot group by member_id) l using (member_id)
      where w.balance <> coalesce(l.value, 0)`);
    if (walletVsLots.rowCount) problems.push(`wallets differing from their lots: ${walletVsLots.rowCount}`);
    return problems;
  });
}
