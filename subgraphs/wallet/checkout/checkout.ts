import { sqlArray } from '../../../lib/sql.js';
import { requireRole } from '../../../lib/auth.js';
import { domainError, userInputError } from '../../../lib/errors.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../lib/money.js';
import { storeForCaller } from '../directory/directory.js';
import { checkIdempotencyKey, lockPeriodForMovement, postTransaction, priorResult, requestHash, type TransactionRecord } from '../ledger/transaction.js';
import { consumePayCode } from '../paycode/paycode.js';
import { termsInForce } from '../terms/terms.js';
import { lockWallet, requireSpendable, type WalletRecord } from '../wallet/wallet.js';
import { timeZoneOf, updateBalance, walletAfter, type MovementDeps } from '../movement.js';
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
  const key = checkIdempotencyKey(input.idempotencyKey);
  const orderAmount = parseAmount(input.orderAmount, 'orderAmount');
  const storedValue = parseAmount(input.storedValue, 'storedValue', { allowZero: true });
  if (storedValue > orderAmount) throw userInputError('storedValue cannot exceed the order amount', 'storedValue.amount');
  const orderRef = input.orderRef?.trim() || null;
  if (orderRef && orderRef.length > 100) throw userInputError('orderRef must be at most 100 characters', 'orderRef');
  const hash = requestHash('checkout', { payCode: input.payCode, storeId: input.storeId, orderAmount, storedValue, orderRef });

  return deps.em.transactional(async (em) => {
    const prior = await priorResult(em, caller, key, hash);
    if (prior) return resultOf(prior, await walletAfter(em, prior));

    const store = await storeForCaller(em, caller, input.storeId);
    const occurredAt = await lockPeriodForMovement(em, () => deps.clock.now(), timeZoneOf(deps));
    const terms = await termsInForce(em, store.merchantId, occurredAt);
    if (storedValue > 0n && !terms.canAccept) throw domainError('ACCEPTING_NOT_ALLOWED', 'This merchant may not accept stored value');
    const memberId = await consumePayCode(em, deps.payCodeKey, input.payCode, occurredAt);
    const wallet = await lockWallet(em, memberId);
    if (storedValue > 0n) requireSpendable(wallet);
    if (storedValue > wallet.balance) throw domainError('INSUFFICIENT_FUNDS', 'The wallet does not hold that much stored value');

    let plan: ReturnType<typeof allocateLots> = [];
    if (storedValue > 0n) {
      const lots: { id: string; issuer_id: string; created_at: Date; remaining: string }[] = await em.execute(
        `select id, issuer_id, created_at, remaining from wallet.issuer_lot
         where member_id = ? and remaining > 0 order by (issuer_id = ?) desc, created_at, id for update`,
        [memberId, store.merchantId],
      );
      const spendable: SpendableLot[] = lots.map((l) => ({ id: String(l.id), issuerId: l.issuer_id, createdAt: new Date(l.created_at), remaining: BigInt(l.remaining) }));
      plan = allocateLots(spendable, store.merchantId, storedValue);
      await em.execute(
        `update wallet.issuer_lot l set remaining = l.remaining - v.used
         from (select unnest(?::bigint[]) as id, unnest(?::bigint[]) as used) v where l.id = v.id`,
        [sqlArray(plan.map((p) => p.lotId)), sqlArray(plan.map((p) => p.amount))],
      );
    }
    const balance = wallet.balance - storedValue;
    const entries = [
      ...plan.map((p) => ({ account: 'STORED_VALUE' as const, merchantId: p.issuerId, lotId: p.lotId, amount: p.amount })),
      ...(storedValue > 0n ? [{ account: 'ACQUIRER_SALES' as const, merchantId: store.merchantId, lotId: null, amount: -storedValue }] : []),
    ];
    const transaction = await postTransaction(
      em,
      {
        kind: 'CHECKOUT', memberId, storeId: store.storeId, acquirerId: store.merchantId, occurredAt, amount: storedValue, principal: null, bonus: null,
        orderAmount, amountDue: orderAmount - storedValue, orderRef, refundOf: null, commissionBps: terms.commissionBps, balanceAfter: balance,
        clientId: caller.subject, idempotencyKey: key, requestHash: hash,
      },
      entries,
    );
    if (storedValue > 0n) await updateBalance(em, memberId, balance);
    return resultOf(transaction, { ...wallet, balance });
  });
}
