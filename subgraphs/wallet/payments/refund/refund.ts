import { executeSql, sql } from '../../../../lib/sql.js';
import { requireRole } from '../../../../lib/auth.js';
import { domainError, forbidden, notFound } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../../lib/money.js';
import {
  recordMovement,
  type Posting,
  NO_DETAILS,
  findTransaction,
  type TransactionRecord,
  type WalletRecord,
  ledgerOf,
  walletAfter,
  type MovementDeps,
  lockPointsLots,
} from '../../ledger/index.js';
import {
  memberPointsPostings,
  earningYearOf,
  PointsPurse,
  burnStillOut,
  type PointsTaken,
  programmeInForce,
  presentStanding,
  standingAfter,
} from '../../programme/index.js';
import { refillPlan, type LotMovement } from '../checkout/lot-allocation.js';
import { refundShare } from './refund-proportion.js';
import { couponsByIds, campaignFunding } from '../../marketing/index.js';

export interface RefundInput {
  transactionId: string;
  /** The part of the order amount returned: the price of the goods brought back. */
  orderAmount: MoneyInput;
  idempotencyKey: string;
}

export interface RefundResult {
  transaction: TransactionRecord;
  storedValueBack: Fen;
  couponRestored: boolean;
  memberDiscountBack: Fen;
  pointsRestored: bigint;
  pointsTakenBack: bigint;
  amountDueBack: Fen;
  /** What the refund took from the cycle's growth (its transaction records the change, negative). */
  growthTakenBack: bigint;
  wallet: WalletRecord;
}

const resultOf = (transaction: TransactionRecord, wallet: WalletRecord): RefundResult => ({
  transaction,
  wallet,
  storedValueBack: transaction.amount,
  couponRestored: transaction.couponRestored ?? false,
  memberDiscountBack: transaction.memberDiscount ?? 0n,
  amountDueBack: transaction.amountDue ?? 0n,
  pointsRestored: transaction.pointsRestored ?? 0n,
  pointsTakenBack: (transaction.pointsTakenBack ?? 0n) + (transaction.campaignPoints ?? 0n),
  growthTakenBack: -transaction.growth,
});

/**
 * Gives back every tender of a checkout in proportion to the part of the
 * order returned (refund-proportion.ts): stored value to the lots it came
 * from, last used first; burned points to their lots, last burned first;
 * earned points and growth taken back; the amount paid outside reported for
 * the till to hand back. The refund that completes the whole order gives the
 * coupon back, if the checkout used one and it is still valid, and reverses
 * its funding lines. A member discount's reimbursement follows every refund:
 * each funder's share comes back by f(c) on that share (docs/benefits.md). It happens at the checkout's store and settles in
 * the period it happens in, at the rates of the checkout it refunds.
 */
export async function refund(deps: MovementDeps, input: RefundInput): Promise<RefundResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'MERCHANT', 'HQ');
  const checkoutId = requireUuid(input.transactionId, 'transactionId');
  const returned = parseAmount(input.orderAmount, 'orderAmount');
  const ledger = ledgerOf(deps);

  return recordMovement(
    ledger,
    { operation: 'refund', caller, idempotencyKey: input.idempotencyKey, input: { checkoutId, orderAmount: returned } },
    {
      replay: async (em, prior) => resultOf(prior, await walletAfter(em, prior)),
      async prepare(em, occurredAt) {
        const original = await findTransaction(em, checkoutId);
        if (!original || original.kind !== 'CHECKOUT') throw notFound('Checkout');
        if (caller.role === 'TERMINAL' && caller.storeId !== original.storeId) throw forbidden('A terminal refunds checkouts of its own store');
        if (caller.role === 'MERCHANT' && caller.merchantId !== original.acquirerId) throw forbidden('A back office refunds checkouts at its own stores');
        // The holder's lock also serialises refunds of the same checkout.
        return { original, occurredAt, programme: await programmeInForce(em, occurredAt), memberId: original.memberId };
      },
      async plan(em, { original, occurredAt, programme }, holder) {
        const earlier: { returned: string; restored: string }[] = await executeSql(
          em,
          sql`select coalesce(sum(order_amount), 0) as returned, coalesce(sum(points_restored), 0) as restored
         from wallet.journal_transaction where refund_of = ${checkoutId} and occurred_at >= ${original.occurredAt}`,
        );
        const total = original.orderAmount!;
        const before = BigInt(earlier[0]!.returned);
        const after = before + returned;
        if (after > total) {
          const left = total - before;
          throw domainError('REFUND_EXCEEDS_REMAINING', `At most ${left} fen of this order is left to refund`, { refundable: left.toString() });
        }
        const share = (part: bigint | null, rounding: 'HALF_AWAY' | 'FLOOR') => refundShare(part ?? 0n, total, before, after, rounding);
        const storedValueBack = share(original.amount, 'HALF_AWAY');
        const amountDueBack = share(original.amountDue, 'HALF_AWAY');
        const pointsRestored = share(original.pointsUsed, 'FLOOR');
        const pointsTakenBack = share(original.pointsEarned, 'FLOOR');
        // A campaign multiplier's extra points go back to whoever funded them, in the same proportion.
        const campaignBack = share(original.campaignPoints, 'FLOOR');
        const growthBack = share(original.growth, 'FLOOR');

        // The checkout's lines (and earlier refunds' stored value), to know which lots to give back to.
        const lines: {
          transaction_id: string;
          account: string;
          lot_id: string | null;
          points_lot_id: string | null;
          merchant_id: string | null;
          amount: string;
        }[] = await executeSql(
          em,
          sql`select e.transaction_id, e.account, e.lot_id, e.points_lot_id, e.merchant_id, e.amount from wallet.journal_entry e
         where e.occurred_at >= ${original.occurredAt} and (
            (e.transaction_id = ${checkoutId} and e.account in ('STORED_VALUE', 'MEMBER_POINTS', 'COUPON_FUNDED', 'COUPON_DISCOUNT', 'BENEFIT_FUNDED'))
            or (e.account = 'STORED_VALUE' and e.transaction_id in (select id from wallet.journal_transaction
                where refund_of = ${checkoutId} and occurred_at >= ${original.occurredAt})))
         order by e.id`,
        );
        const postings: Posting[] = [];
        let couponRestored = false;
        if (original.couponId && after === total) {
          const [coupon] = await couponsByIds(em, [original.couponId]);
          if (coupon && occurredAt < coupon.validUntil) {
            couponRestored = true;
            for (const line of lines.filter((l) => l.transaction_id === checkoutId && (l.account === 'COUPON_FUNDED' || l.account === 'COUPON_DISCOUNT'))) {
              postings.push({
                account: line.account as 'COUPON_FUNDED' | 'COUPON_DISCOUNT',
                merchantId: line.merchant_id,
                lotId: null,
                amount: -BigInt(line.amount),
              });
            }
          }
        }
        // Each funder's share of the member discount, back in proportion (the store's own share too: it nets to nothing).
        let benefitBack = 0n;
        for (const line of lines.filter((l) => l.transaction_id === checkoutId && l.account === 'BENEFIT_FUNDED')) {
          const funded = BigInt(line.amount);
          const back = funded < 0n ? -share(-funded, 'HALF_AWAY') : share(funded, 'HALF_AWAY');
          if (back === 0n) continue;
          postings.push({ account: 'BENEFIT_FUNDED', merchantId: line.merchant_id, lotId: null, amount: -back });
          benefitBack += back;
        }
        if (benefitBack !== 0n) postings.push({ account: 'BENEFIT_GIVEN', merchantId: original.acquirerId, lotId: null, amount: benefitBack });
        // What the till is told it gave back of the discount: f(c) on the whole.
        const memberDiscountBack = share(original.memberDiscount, 'HALF_AWAY');
        if (storedValueBack > 0n) {
          const consumed: LotMovement[] = [];
          const refilled = new Map<string, Fen>();
          for (const line of lines.filter((l) => l.account === 'STORED_VALUE')) {
            const lotId = String(line.lot_id);
            if (line.transaction_id === checkoutId) consumed.push({ lotId, issuerId: line.merchant_id!, amount: BigInt(line.amount) });
            else refilled.set(lotId, (refilled.get(lotId) ?? 0n) - BigInt(line.amount));
          }
          for (const back of refillPlan(consumed, refilled, storedValueBack)) {
            postings.push({ account: 'STORED_VALUE', merchantId: back.issuerId, lotId: back.lotId, amount: -back.amount });
          }
          postings.push({ account: 'ACQUIRER_SALES', merchantId: original.acquirerId, lotId: null, amount: storedValueBack });
        }

        const points = lines.filter((l) => l.transaction_id === checkoutId && l.account === 'MEMBER_POINTS' && l.points_lot_id !== null);
        const burned: PointsTaken[] = points
          .filter((l) => BigInt(l.amount) > 0n)
          .map((l) => ({ pointsLotId: String(l.points_lot_id), amount: BigInt(l.amount) }));
        const earnedInto = points.find((l) => BigInt(l.amount) < 0n)?.points_lot_id ?? null;
        const purse = new PointsPurse(
          pointsRestored > 0n || pointsTakenBack + campaignBack > 0n
            ? await lockPointsLots(
                em,
                holder.memberId,
                burned.map((b) => b.pointsLotId),
              )
            : [],
          holder.pointsBalance,
          occurredAt,
        );
        if (pointsRestored > 0n) {
          purse.giveBack(pointsRestored, burnStillOut(burned, BigInt(earlier[0]!.restored)));
          postings.push({
            account: 'POINTS_BURNED',
            merchantId: original.acquirerId,
            lotId: null,
            pointsRate: original.burnValuePer100Points!,
            amount: pointsRestored,
          });
          const expired = purse.expiredAgain.reduce((sum, e) => sum + e.amount, 0n);
          if (expired > 0n) postings.push({ account: 'POINTS_EXPIRED', merchantId: null, lotId: null, amount: -expired });
        }
        if (pointsTakenBack + campaignBack > 0n) purse.takeBack(pointsTakenBack + campaignBack, earnedInto === null ? null : String(earnedInto));
        if (pointsTakenBack > 0n) {
          postings.push({
            account: 'POINTS_EARNED',
            merchantId: original.acquirerId,
            lotId: null,
            pointsRate: original.earnCostPer100Points!,
            amount: -pointsTakenBack,
          });
        }
        if (campaignBack > 0n) {
          const owner: { owner_id: string | null }[] = await executeSql(em, sql`select owner_id from wallet.campaign where id = ${original.campaignId}`);
          postings.push(campaignFunding(owner[0]!.owner_id, -campaignBack, original.earnCostPer100Points));
        }
        const member = memberPointsPostings(purse, earningYearOf(occurredAt, ledger.timeZone));

        const present = await presentStanding(em, holder, programme, occurredAt, ledger.timeZone);
        const standing = await standingAfter(em, holder.memberId, present, programme, -growthBack);
        return {
          header: {
            ...NO_DETAILS,
            kind: 'REFUND',
            storeId: original.storeId,
            acquirerId: original.acquirerId,
            amount: storedValueBack,
            orderAmount: returned,
            amountDue: amountDueBack,
            orderRef: original.orderRef,
            refundOf: checkoutId,
            commissionBps: original.commissionBps,
            pointsRestored,
            pointsTakenBack,
            growth: standing.cycleGrowth - present.cycleGrowth,
            pointsPerYuan: original.pointsPerYuan,
            earnCostPer100Points: original.earnCostPer100Points,
            burnValuePer100Points: original.burnValuePer100Points,
            couponRestored,
            campaignId: campaignBack > 0n ? original.campaignId : null,
            campaignPoints: campaignBack > 0n ? campaignBack : null,
            benefitId: memberDiscountBack > 0n ? original.benefitId : null,
            memberDiscount: memberDiscountBack > 0n ? memberDiscountBack : null,
          },
          postings: [...postings, ...member.postings],
          earningYearLot: member.earningYearLot,
          standing,
          coupon: couponRestored ? { id: original.couponId!, change: 'GIVE_BACK' } : undefined,
        };
      },
      answer: (transaction, holder) => resultOf(transaction, holder),
    },
  );
}
