/**
 * A service benefit used at a till (服务权益, docs/benefits.md "Services"): parking, a priority lane, a refill. A terminal
 * scans the member's pay code; the use is checked in this order: a frozen wallet (WALLET_FROZEN), a benefit the member
 * does not hold now or that this store does not honour (BENEFIT_NOT_APPLICABLE), then the month's quota
 * (BENEFIT_EXHAUSTED). Uses are counted per calendar month in the coalition's time zone, under the member's lock, so
 * concurrent uses never pass the quota; uses stand when the benefit is lost and held again in the month. A use is final
 * (no refund) and its declared cost is reimbursed to the store by the benefit's funders, as a member discount is:
 *   Dr BENEFIT_FUNDED (each funder's share) / Cr BENEFIT_GIVEN (the store's merchant)
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '../../../../lib/auth.js';
import { domainError, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { executeSql, sql } from '../../../../lib/sql.js';
import {
  openAtStore,
  ledgerOf,
  NO_DETAILS,
  periodOf,
  recordMovement,
  requireSpendable,
  walletAfter,
  type MovementDeps,
  type Posting,
  type TransactionRecord,
  type WalletRecord,
} from '../../ledger/index.js';
import { presentStanding, programmeInForceSql, programmeReadAlongside } from '../../programme/index.js';
import { BENEFIT_LINES, fundedPostings } from '../coupons/coupon-funding.js';
import { benefitsByIds, holdingAt, holdsBenefit, type BenefitRecord } from './benefit.js';

export interface RedeemBenefitInput {
  payCode: string;
  storeId: string;
  benefitId: string;
  idempotencyKey: string;
}

export interface RedeemBenefitResult {
  transaction: TransactionRecord;
  benefitId: string;
  /** The uses the member has left of it in the month of this use, after it. */
  usesLeftThisMonth: number;
  wallet: WalletRecord;
}

const notApplicable = (why: string) => domainError('BENEFIT_NOT_APPLICABLE', why, { field: 'benefitId' });

/** A member's uses of a service benefit in the month of `at` (read under the member's lock in a movement). */
async function usesInMonth(em: EntityManager, memberId: string, benefitId: string, at: Date, timeZone: string): Promise<number> {
  const rows: { uses: number }[] = await executeSql(
    em,
    sql`select uses from wallet.benefit_use_month where member_id = ${memberId} and benefit_id = ${benefitId} and month = ${periodOf(at, timeZone).label + '-01'}::date`,
  );
  return rows[0]?.uses ?? 0;
}

const exhausted = (benefit: BenefitRecord) => domainError('BENEFIT_EXHAUSTED', `This benefit's ${benefit.usesPerMonth} uses this month are spent`);

/** Counts one use; the table's CHECK refuses one past the quota even if the count above were wrong (the movement rolls back). */
async function countUse(em: EntityManager, memberId: string, benefit: BenefitRecord, at: Date, timeZone: string): Promise<void> {
  await executeSql(
    em,
    sql`insert into wallet.benefit_use_month (member_id, benefit_id, month, uses, allowed)
     values (${memberId}, ${benefit.id}, ${periodOf(at, timeZone).label + '-01'}::date, 1, ${benefit.usesPerMonth})
     on conflict (member_id, benefit_id, month) do update set uses = benefit_use_month.uses + 1`,
  ).catch((error: unknown) => {
    throw (error as { code?: string }).code === '23514' ? exhausted(benefit) : error;
  });
}

export async function redeemBenefit(deps: MovementDeps, input: RedeemBenefitInput): Promise<RedeemBenefitResult> {
  const caller = requireRole(deps.caller, 'TERMINAL');
  const benefitId = requireUuid(input.benefitId, 'benefitId');
  const ledger = ledgerOf(deps);
  // What the use leaves of the month's quota: worked out by the plan; a replay counts the uses of its month up to it.
  let usesLeftThisMonth = 0;
  const replayed = async (em: EntityManager, transaction: TransactionRecord): Promise<RedeemBenefitResult> => {
    const [benefit] = await benefitsByIds(em, [benefitId]);
    const rows: { uses: string }[] = await executeSql(
      em,
      sql`select count(*) as uses from wallet.journal_transaction where kind = 'BENEFIT_USE' and member_id = ${transaction.memberId}
       and benefit_id = ${benefitId} and occurred_at >= ${periodOf(transaction.occurredAt, ledger.timeZone).startsAt} and occurred_at <= ${transaction.occurredAt}`,
    );
    const left = Math.max(0, benefit!.usesPerMonth! - Number(rows[0]!.uses));
    return { transaction, benefitId, wallet: await walletAfter(em, transaction), usesLeftThisMonth: left };
  };

  return recordMovement(
    ledger,
    { operation: 'redeemBenefit', caller, idempotencyKey: input.idempotencyKey, input: { payCode: input.payCode, storeId: input.storeId, benefitId } },
    {
      replay: replayed,
      // Its read at the store (openAtStore) carries the movement's opening (the key's and the period's locks): no round trip of its own.
      carriesOpening: true,
      async prepare(em, occurredAt, opening) {
        const [found] = await benefitsByIds(em, [benefitId]);
        if (found && found.kind !== 'SERVICE') throw userInputError(`a ${found.kind} benefit is not redeemed at a till: only a SERVICE is`, 'benefitId');
        // One statement: the store, the pay code used up, the programme in force; refused in this order.
        const opened = await openAtStore(em, caller, input.storeId, occurredAt, {
          opening,
          payCode: { code: input.payCode, key: deps.payCodeKey },
          alongside: programmeInForceSql(occurredAt),
        });
        const { store } = opened.store();
        const programme = programmeReadAlongside(em, occurredAt, opened.alongside);
        return { benefit: found, store, programme, occurredAt, memberId: await opened.payCodeMember() };
      },
      async plan(em, { benefit, store, programme, occurredAt }, holder) {
        requireSpendable(holder);
        const present = await presentStanding(em, holder, programme, occurredAt, ledger.timeZone);
        if (!benefit || !(await holdsBenefit(em, benefit.id, holdingAt(programme, present, occurredAt))))
          throw notApplicable('The member does not hold this benefit');
        if (!benefit.acceptedBy.includes(store.merchantId)) throw notApplicable("This benefit is not honoured at this merchant's stores");
        const used = await usesInMonth(em, holder.memberId, benefit.id, occurredAt, ledger.timeZone);
        if (used >= benefit.usesPerMonth!) throw exhausted(benefit);
        await countUse(em, holder.memberId, benefit, occurredAt, ledger.timeZone);
        usesLeftThisMonth = benefit.usesPerMonth! - used - 1;

        const cost = benefit.costPerUse!;
        const postings: Posting[] = cost > 0n ? fundedPostings(BENEFIT_LINES, cost, benefit.funders, store.merchantId) : [];
        return { header: { ...NO_DETAILS, kind: 'BENEFIT_USE', storeId: store.storeId, acquirerId: store.merchantId, benefitId: benefit.id }, postings };
      },
      answer: (transaction, wallet) => ({ transaction, benefitId, wallet, usesLeftThisMonth }),
    },
  );
}
