import { requireRole } from '../../../lib/auth.js';
import { domainError, forbidden, notFound } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../lib/money.js';
import { recordMovement } from '../ledger/movement.js';
import { findTransaction, type TransactionRecord } from '../ledger/transaction.js';
import type { WalletRecord } from '../wallet/wallet.js';
import { refillPlan, type LotMovement } from '../checkout/lot-allocation.js';
import { ledgerOf, walletAfter, type MovementDeps } from '../movement.js';

export interface RefundInput {
  transactionId: string;
  amount: MoneyInput;
  idempotencyKey: string;
}

export interface RefundResult {
  transaction: TransactionRecord;
  wallet: WalletRecord;
}

/**
 * Gives stored value of a checkout back to the lots (issuers) it came from.
 * It happens at the checkout's store and settles in the period it happens
 * in, at the commission rate of the checkout it refunds.
 */
export async function refund(deps: MovementDeps, input: RefundInput): Promise<RefundResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'MERCHANT', 'HQ');
  const checkoutId = requireUuid(input.transactionId, 'transactionId');
  const amount = parseAmount(input.amount, 'amount');

  return recordMovement(ledgerOf(deps), { operation: 'refund', caller, idempotencyKey: input.idempotencyKey, input: { checkoutId, amount } }, {
    replay: async (em, prior) => ({ transaction: prior, wallet: await walletAfter(em, prior) }),
    async prepare(em) {
      const original = await findTransaction(em, checkoutId);
      if (!original || original.kind !== 'CHECKOUT') throw notFound('Checkout');
      if (caller.role === 'TERMINAL' && caller.storeId !== original.storeId) throw forbidden('A terminal refunds checkouts of its own store');
      if (caller.role === 'MERCHANT' && caller.merchantId !== original.acquirerId) throw forbidden('A back office refunds checkouts at its own stores');
      // The holder's lock also serialises refunds of the same checkout.
      return { original, memberId: original.memberId };
    },
    async plan(em, { original }) {
      const movements: { transaction_id: string; lot_id: string; issuer_id: string; amount: string }[] = await em.execute(
        `select e.transaction_id, e.lot_id, e.merchant_id as issuer_id, e.amount from wallet.journal_entry e
         where e.account = 'STORED_VALUE' and (e.transaction_id = ? or e.transaction_id in (select id from wallet.journal_transaction where refund_of = ?))
         order by e.id`,
        [checkoutId, checkoutId],
      );
      const consumed: LotMovement[] = [];
      const refilled = new Map<string, Fen>();
      for (const m of movements) {
        const lotId = String(m.lot_id);
        if (m.transaction_id === checkoutId) consumed.push({ lotId, issuerId: m.issuer_id, amount: BigInt(m.amount) });
        else refilled.set(lotId, (refilled.get(lotId) ?? 0n) - BigInt(m.amount));
      }
      const alreadyRefunded = [...refilled.values()].reduce((a, b) => a + b, 0n);
      const refundable = original.amount - alreadyRefunded;
      if (amount > refundable) {
        throw domainError('REFUND_EXCEEDS_REMAINING', `At most ${refundable} fen of this checkout's stored value is left to refund`, { refundable: refundable.toString() });
      }
      return {
        header: {
          kind: 'REFUND', storeId: original.storeId, acquirerId: original.acquirerId, amount, principal: null, bonus: null,
          orderAmount: null, amountDue: null, orderRef: original.orderRef, refundOf: checkoutId, commissionBps: original.commissionBps,
        },
        postings: [
          ...refillPlan(consumed, refilled, amount).map((p) => ({ account: 'STORED_VALUE' as const, merchantId: p.issuerId, lotId: p.lotId, amount: -p.amount })),
          { account: 'ACQUIRER_SALES' as const, merchantId: original.acquirerId, lotId: null, amount },
        ],
      };
    },
    answer: (transaction, holder) => ({ transaction, wallet: holder }),
  });
}
