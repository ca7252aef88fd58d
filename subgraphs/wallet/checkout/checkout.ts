import { requireRole } from '../../../lib/auth.js';
import { domainError, userInputError } from '../../../lib/errors.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../lib/money.js';
import { storeForCaller } from '../directory/directory.js';
import { recordMovement, type Posting } from '../ledger/movement.js';
import type { TransactionRecord } from '../ledger/transaction.js';
import { consumePayCode } from '../paycode/paycode.js';
import { termsInForce } from '../terms/terms.js';
import { requireSpendable, type WalletRecord } from '../wallet/wallet.js';
import { ledgerOf, walletAfter, type MovementDeps } from '../movement.js';
import { allocateLots, type SpendableLot } from './lot-allocation.js';

export interface CheckoutInput {
  payCode: string;
  storeId: string;
  orderAmount: MoneyInput;
  storedValue: MoneyInput;
  orderRef?: string | null;
  idempotencyKey: string;
}

export interface CheckoutResult {
  transaction: TransactionRecord;
  storedValueUsed: Fen;
  amountDue: Fen;
  wallet: WalletRecord;
}

const resultOf = (transaction: TransactionRecord, wallet: WalletRecord): CheckoutResult => ({
  transaction, wallet, storedValueUsed: transaction.amount, amountDue: transaction.amountDue ?? 0n,
});

/**
 * A terminal scans the member's pay code and pays part or all of an order
 * with stored value; the rest (amountDue) is paid outside the hub.
 */
export async function checkout(deps: MovementDeps, input: CheckoutInput): Promise<CheckoutResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'HQ');
  const orderAmount = parseAmount(input.orderAmount, 'orderAmount');
  const storedValue = parseAmount(input.storedValue, 'storedValue', { allowZero: true });
  if (storedValue > orderAmount) throw userInputError('storedValue cannot exceed the order amount', 'storedValue.amount');
  const orderRef = input.orderRef?.trim() || null;
  if (orderRef && orderRef.length > 100) throw userInputError('orderRef must be at most 100 characters', 'orderRef');

  return recordMovement(ledgerOf(deps), {
    operation: 'checkout', caller, idempotencyKey: input.idempotencyKey,
    input: { payCode: input.payCode, storeId: input.storeId, orderAmount, storedValue, orderRef },
  }, {
    replay: async (em, prior) => resultOf(prior, await walletAfter(em, prior)),
    async prepare(em, occurredAt) {
      const store = await storeForCaller(em, caller, input.storeId);
      const terms = await termsInForce(em, store.merchantId, occurredAt);
      if (storedValue > 0n && !terms.canAccept) throw domainError('ACCEPTING_NOT_ALLOWED', 'This merchant may not accept stored value');
      return { store, terms, memberId: await consumePayCode(em, deps.payCodeKey, input.payCode, occurredAt) };
    },
    async plan(em, { store, terms }, holder) {
      const postings: Posting[] = [];
      if (storedValue > 0n) {
        requireSpendable(holder);
        if (storedValue > holder.balance) throw domainError('INSUFFICIENT_FUNDS', 'The wallet does not hold that much stored value');
        const lots: { id: string; issuer_id: string; created_at: Date; remaining: string }[] = await em.execute(
          `select id, issuer_id, created_at, remaining from wallet.issuer_lot
           where member_id = ? and remaining > 0 order by (issuer_id = ?) desc, created_at, id for update`,
          [holder.memberId, store.merchantId],
        );
        const spendable: SpendableLot[] = lots.map((l) => ({ id: String(l.id), issuerId: l.issuer_id, createdAt: new Date(l.created_at), remaining: BigInt(l.remaining) }));
        for (const used of allocateLots(spendable, store.merchantId, storedValue)) {
          postings.push({ account: 'STORED_VALUE', merchantId: used.issuerId, lotId: used.lotId, amount: used.amount });
        }
        postings.push({ account: 'ACQUIRER_SALES', merchantId: store.merchantId, lotId: null, amount: -storedValue });
      }
      return {
        header: {
          kind: 'CHECKOUT', storeId: store.storeId, acquirerId: store.merchantId, amount: storedValue, principal: null, bonus: null,
          orderAmount, amountDue: orderAmount - storedValue, orderRef, refundOf: null, commissionBps: terms.commissionBps,
        },
        postings,
      };
    },
    answer: (transaction, holder) => resultOf(transaction, holder),
  });
}
