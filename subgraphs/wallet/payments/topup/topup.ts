import { requireRole } from '../../../../lib/auth.js';
import { domainError, forbidden, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { parseAmount, type MoneyInput } from '../../../../lib/money.js';
import {
  hasJoined,
  NEW_LOT,
  recordMovement,
  NO_DETAILS,
  type TransactionRecord,
  openAtStore,
  type WalletRecord,
  ledgerOf,
  walletAfter,
  type MovementDeps,
  type Posting,
} from '../../ledger/index.js';
import { giftPoints, hqGrantPostings, presentStanding, programmeInForceSql, programmeReadAlongside, standingAfter } from '../../programme/index.js';
import { growthOfTopUp } from './topup-growth.js';

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
  /** Growth its principal earned (the transaction records it). */
  growthEarned: bigint;
  wallet: WalletRecord;
}

/**
 * A member pays `amount` at a store of issuer I and gets a new lot of issuer
 * I worth amount + bonus (the bonus is funded by I).
 */
export async function topUp(deps: MovementDeps, input: TopUpInput): Promise<TopUpResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'MERCHANT', 'HQ');
  const principal = parseAmount(input.amount, 'amount');
  const bonus = input.bonus ? parseAmount(input.bonus, 'bonus', { allowZero: true }) : 0n;
  if (bonus > principal) throw userInputError('bonus cannot exceed the amount paid', 'bonus.amount');
  if (!!input.payCode === !!input.memberId) throw userInputError('give either payCode or memberId', input.payCode ? 'memberId' : 'payCode');
  if (caller.role === 'TERMINAL' && !input.payCode) throw userInputError('a terminal tops up by scanning a pay code', 'payCode');
  const memberIdInput = input.memberId ? requireUuid(input.memberId, 'memberId') : null;
  const ledger = ledgerOf(deps);

  return recordMovement(
    ledger,
    {
      operation: 'topUp',
      caller,
      idempotencyKey: input.idempotencyKey,
      input: { payCode: input.payCode, memberId: memberIdInput, storeId: input.storeId, principal, bonus },
    },
    {
      replay: async (em, prior) => ({ transaction: prior, growthEarned: prior.growth, wallet: await walletAfter(em, prior) }),
      // Its read at the store (openAtStore) carries the movement's opening (the key's and the period's locks): no round trip of its own.
      carriesOpening: true,
      async prepare(em, occurredAt, opening) {
        // One statement: the store and its terms, the pay code used up (if the till scanned one), the programme in force.
        const opened = await openAtStore(em, caller, input.storeId, occurredAt, {
          opening,
          session: deps.session,
          payCode: input.payCode ? { code: input.payCode, key: deps.payCodeKey } : undefined,
          alongside: programmeInForceSql(occurredAt),
        });
        const programme = programmeReadAlongside(em, occurredAt, opened.alongside);
        const { store, terms } = opened.store();
        if (!terms.canIssue) throw domainError('ISSUING_NOT_ALLOWED', 'This merchant may not issue stored value');
        if (input.payCode) return { store, programme, occurredAt, memberId: await opened.payCodeMember() };
        if (caller.role === 'MERCHANT' && !(await hasJoined(em, memberIdInput!, store.merchantId))) throw forbidden('This member has not joined your merchant');
        return { store, programme, occurredAt, memberId: memberIdInput! };
      },
      async plan(em, { store, programme, occurredAt }, holder) {
        const value: Posting[] = [
          { account: 'ISSUER_CASH', merchantId: store.merchantId, lotId: null, amount: principal },
          ...(bonus > 0n ? [{ account: 'ISSUER_BONUS' as const, merchantId: store.merchantId, lotId: null, amount: bonus }] : []),
          { account: 'STORED_VALUE', merchantId: store.merchantId, lotId: NEW_LOT, amount: -(principal + bonus) },
        ];
        const header = {
          ...NO_DETAILS,
          kind: 'TOP_UP' as const,
          storeId: store.storeId,
          acquirerId: store.merchantId,
          amount: principal + bonus,
          principal,
          bonus,
        };
        const growth = growthOfTopUp(principal, programme.growthPerYuanTopUp);
        // No growth (the default): the top-up moves stored value only, as it always has.
        if (growth === 0n) return { header, newLot: { issuerId: store.merchantId, principal, bonus }, postings: value };
        // Growth upgrades at once, with the reached tiers' gifts, as a checkout's does (docs/programme.md "Growth").
        const timeZone = ledger.timeZone;
        const present = await presentStanding(em, holder, programme, occurredAt, timeZone);
        const standing = await standingAfter(em, holder.memberId, present, programme, growth);
        const gifts = hqGrantPostings(holder, giftPoints(standing), occurredAt, timeZone);
        return {
          header: { ...header, growth: standing.cycleGrowth - present.cycleGrowth },
          newLot: { issuerId: store.merchantId, principal, bonus },
          postings: [...value, ...gifts.postings],
          earningYearLot: gifts.earningYearLot,
          standing,
        };
      },
      answer: (transaction, holder) => ({ transaction, growthEarned: transaction.growth, wallet: holder }),
    },
  );
}
