/** What every value-moving operation of the wallet needs, passed in explicitly. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../lib/auth.js';
import type { Clock } from '../../lib/clock.js';
import type { TransactionRecord } from './ledger/transaction.js';
import type { LedgerDeps } from './ledger/movement.js';
import { emptyWallet, walletsByMember, type WalletRecord } from './wallet/wallet.js';
import { COALITION_TIME_ZONE } from './ledger/accounting-period.js';
import { afterTierUpgrade } from './programme/tier-upgrade.js';
import { followMovement } from './after-movement.js';

export interface MovementDeps {
  em: EntityManager;
  clock: Clock;
  payCodeKey: Uint8Array;
  caller: Claims;
  timeZone?: string;
}

export const ledgerOf = (deps: MovementDeps): LedgerDeps => ({
  em: deps.em,
  clock: deps.clock,
  timeZone: deps.timeZone ?? COALITION_TIME_ZONE,
  onTierUpgrade: afterTierUpgrade,
  afterMovement: followMovement,
});

/** A replayed request answers with the balances as the original left them, and the member's standing as it is now. */
export async function walletAfter(em: EntityManager, transaction: TransactionRecord): Promise<WalletRecord> {
  const [wallet] = await walletsByMember(em, [transaction.memberId]);
  return { ...(wallet ?? emptyWallet(transaction.memberId)), balance: transaction.balanceAfter, pointsBalance: transaction.pointsAfter };
}
