/** What every value-moving operation of the wallet needs, passed in explicitly. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import type { Clock } from '../../../../lib/clock.js';
import type { CallerSession } from '../../../../lib/session-end.js';
import type { TransactionRecord } from '../journal/transaction.js';
import type { LedgerDeps, MovementHooks } from '../journal/movement.js';
import { emptyWallet, walletsByMember, type WalletRecord } from './wallet.js';
import { COALITION_TIME_ZONE } from '../journal/accounting-period.js';

export interface MovementDeps {
  em: EntityManager;
  clock: Clock;
  payCodeKey: Uint8Array;
  caller: Claims;
  timeZone?: string;
  /** The request's check of its caller's session, which a till's movement may carry in its first statement (openAtStore). */
  session?: CallerSession;
  /** What follows each movement (marketing/follow-up/hooks.ts MOVEMENT_HOOKS): given once, where the deps are made. */
  hooks: MovementHooks;
}

export const ledgerOf = (deps: MovementDeps): LedgerDeps => ({
  em: deps.em,
  clock: deps.clock,
  timeZone: deps.timeZone ?? COALITION_TIME_ZONE,
  hooks: deps.hooks,
});

/** A replayed request answers with the balances as the original left them, and the member's standing as it is now. */
export async function walletAfter(em: EntityManager, transaction: TransactionRecord): Promise<WalletRecord> {
  const [wallet] = await walletsByMember(em, [transaction.memberId]);
  return { ...(wallet ?? emptyWallet(transaction.memberId)), balance: transaction.balanceAfter, pointsBalance: transaction.pointsAfter };
}
