/**
 * `npm run verify-ledger`: checks the live ledger's invariants (see
 * subgraphs/wallet/settlement/verifier.ts), prints what it checked with counts,
 * names offending rows, and exits 1 on any violation. Reads only.
 */
import { IsolationLevel } from '@mikro-orm/postgresql';
import { createOrm, requireDatabaseUrl } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { verifyLedger, type LedgerCheck } from '../subgraphs/wallet/settlement/index.js';

export async function verifyLedgerAt(databaseUrl: string): Promise<LedgerCheck[]> {
  const orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  try {
    // One snapshot for all checks, so concurrent traffic cannot produce false alarms.
    return await orm.em.fork().transactional((em) => verifyLedger(em), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  } finally {
    await orm.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await verifyLedgerAt(requireDatabaseUrl());
  let violations = 0;
  for (const check of results) {
    violations += check.violations.length;
    console.log(
      `${check.violations.length === 0 ? 'ok  ' : 'FAIL'} ${check.name} (${check.checked} checked${check.violations.length ? `, ${check.violations.length} violations` : ''})`,
    );
    for (const line of check.violations) console.log(`       ${line}`);
  }
  console.log(violations === 0 ? 'ledger verified: no violations' : `ledger NOT verified: ${violations} violations`);
  process.exit(violations === 0 ? 0 : 1);
}
