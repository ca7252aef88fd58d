import { randomUUID } from 'node:crypto';
import { requireRole } from '../../../lib/auth.js';
import { domainError, forbidden, userInputError } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import { parseAmount, type MoneyInput } from '../../../lib/money.js';
import { hasJoined, storeForCaller } from '../directory/directory.js';
import { checkIdempotencyKey, lockPeriodForMovement, postTransaction, priorResult, requestHash, type TransactionRecord } from '../ledger/transaction.js';
import { consumePayCode } from '../paycode/paycode.js';
import { termsInForce } from '../terms/terms.js';
import { lockWallet, type WalletRecord } from '../wallet/wallet.js';
import { timeZoneOf, updateBalance, walletAfter, type MovementDeps } from '../movement.js';

export interface TopUpInput {
  payCode?: string | null;
  memberId?: string | null;
  storeId: string;
  amount: MoneyInput;
  bonus?: MoneyInput | null;
  idempotencyKey: string;
}

export interface TopUpResult {
  transaction: TransactionRecord;
  wallet: WalletRecord;
}

/**
 * A member pays `amount` at a store of issuer I and gets a new lot of issuer
 * I worth amount + bonus (the bonus is funded by I).
 */
export async function topUp(deps: MovementDeps, input: TopUpInput): Promise<TopUpResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'MERCHANT', 'HQ');
  const key = checkIdempotencyKey(input.idempotencyKey);
  const principal = parseAmount(input.amount, 'amount');
  const bonus = input.bonus ? parseAmount(input.bonus, 'bonus', { allowZero: true }) : 0n;
  if (bonus > principal) throw userInputError('bonus cannot exceed the amount paid', 'bonus.amount');
  if (!!input.payCode === !!input.memberId) throw userInputError('give either payCode or memberId', input.payCode ? 'memberId' : 'payCode');
  if (caller.role === 'TERMINAL' && !input.payCode) throw userInputError('a terminal tops up by scanning a pay code', 'payCode');
  const memberIdInput = input.memberId ? requireUuid(input.memberId, 'memberId') : null;
  const hash = requestHash('topUp', { payCode: input.payCode, memberId: memberIdInput, storeId: input.storeId, principal, bonus });

  return deps.em.transactional(async (em) => {
    const prior = await priorResult(em, caller, key, hash);
    if (prior) return { transaction: prior, wallet: await walletAfter(em, prior) };

    const store = await storeForCaller(em, caller, input.storeId);
    const occurredAt = await lockPeriodForMovement(em, () => deps.clock.now(), timeZoneOf(deps));
    const terms = await termsInForce(em, store.merchantId, occurredAt);
    if (!terms.canIssue) throw domainError('ISSUING_NOT_ALLOWED', 'This merchant may not issue stored value');

    let memberId: string;
    if (input.payCode) {
      memberId = await consumePayCode(em, deps.payCodeKey, input.payCode, occurredAt);
    } else {
      memberId = memberIdInput!;
      if (caller.role === 'MERCHANT' && !(await hasJoined(em, memberId, store.merchantId))) throw forbidden('This member has not joined your merchant');
    }
    const wallet = await lockWallet(em, memberId);
    const total = principal + bonus;
    const transactionId = randomUUID();
    const lots: { id: string }[] = await em.execute(
      `insert into wallet.issuer_lot (member_id, issuer_id, top_up_id, created_at, principal, bonus, remaining)
       values (?, ?, ?, ?, ?, ?, ?) returning id`,
      [memberId, store.merchantId, transactionId, occurredAt, principal.toString(), bonus.toString(), total.toString()],
    );
    const lotId = String(lots[0]!.id);
    const balance = wallet.balance + total;
    const entries = [
      { account: 'ISSUER_CASH' as const, merchantId: store.merchantId, lotId: null, amount: principal },
      ...(bonus > 0n ? [{ account: 'ISSUER_BONUS' as const, merchantId: store.merchantId, lotId: null, amount: bonus }] : []),
      { account: 'STORED_VALUE' as const, merchantId: store.merchantId, lotId, amount: -total },
    ];
    const transaction = await postTransaction(
      em,
      {
        kind: 'TOP_UP', memberId, storeId: store.storeId, acquirerId: store.merchantId, occurredAt, amount: total, principal, bonus,
        orderAmount: null, amountDue: null, orderRef: null, refundOf: null, commissionBps: null, balanceAfter: balance,
        clientId: caller.subject, idempotencyKey: key, requestHash: hash,
      },
      entries,
      transactionId,
    );
    await updateBalance(em, memberId, balance);
    return { transaction, wallet: { ...wallet, balance } };
  });
}
