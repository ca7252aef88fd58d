/** What every value-moving operation of the wallet needs, passed in explicitly. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../lib/auth.js';
import type { Clock } from '../../lib/clock.js';
import type { TransactionRecord } from './ledger/transaction.js';
import type { LedgerDeps } from './ledger/movement.js';
import type { WalletRecord, WalletStatus } from './wallet/wallet.js';
import { COALITION_TIME_ZONE } from './ledger/accounting-period.js';

export interface MovementDeps {
  em: EntityManager;
  clock: Clock;
  payCodeKey: Uint8Array;
  caller: Claims;
  timeZone?: string;
}

export const ledgerOf = (deps: MovementDeps): LedgerDeps => ({ em: deps.em, clock: deps.clock, timeZone: deps.timeZone ?? COALITION_TIME_ZONE });

/** A replayed request answers with the wallet as the original left it. */
export async function walletAfter(em: EntityManager, transaction: TransactionRecord): Promise<WalletRecord> {
  const rows: { status: WalletStatus; tier_rank: number }[] = await em.execute('select status, tier_rank from wallet.wallet where member_id = ?', [transaction.memberId]);
  return { memberId: transaction.memberId, status: rows[0]?.status ?? 'ACTIVE', balance: transaction.balanceAfter, tierRank: rows[0]?.tier_rank ?? 0 };
}
