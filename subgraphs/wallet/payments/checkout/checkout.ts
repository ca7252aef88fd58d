import { sql } from '../../../../lib/sql.js';
import { requireRole } from '../../../../lib/auth.js';
import { domainError, userInputError } from '../../../../lib/errors.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../../lib/money.js';
import { requireUuid } from '../../../../lib/ids.js';
import {
  applyCoupon,
  fundedPostings,
  BENEFIT_LINES,
  COUPON_LINES,
  couponForCheckoutOf,
  couponForCheckoutSql,
  campaignFunding,
  multiplierOf,
  multiplierSql,
  spendMultiplierBudget,
  discountsHeldAt,
  discountsHeldSql,
  discountsOf,
  holdingAt,
  memberDiscountOf,
  type BenefitRecord,
} from '../../marketing/index.js';
import {
  recordMovement,
  type Posting,
  NO_DETAILS,
  type TransactionRecord,
  openAtStore,
  requireSpendable,
  type WalletRecord,
  ledgerOf,
  walletAfter,
  type MovementDeps,
  type CompletedTask,
} from '../../ledger/index.js';
import {
  earningLotId,
  memberPointsPostings,
  earningYearOf,
  PointsPurse,
  campaignExtraPoints,
  growthEarned,
  pointsEarned,
  pointsValue,
  programmeInForceSql,
  programmeReadAlongside,
  giftPoints,
  presentStanding,
  standingAfter,
} from '../../programme/index.js';
import { allocateLots } from './lot-allocation.js';

export interface CheckoutInput {
  payCode: string;
  storeId: string;
  orderAmount: MoneyInput;
  /** Default true: the member's DISCOUNT benefit applies first (false: not on this order). */
  memberDiscount?: boolean | null;
  /** A coupon of the member's, applied after the member discount. */
  couponId?: string | null;
  /** Points to burn, after the coupon and before stored value. */
  points?: number | null;
  storedValue: MoneyInput;
  orderRef?: string | null;
  idempotencyKey: string;
}

export interface CheckoutResult {
  transaction: TransactionRecord;
  memberDiscount: Fen;
  memberDiscountBenefitId: string | null;
  /** The benefit that gave the member discount, as the checkout read it (a replay leaves it to be loaded). */
  memberDiscountBenefit?: BenefitRecord | null;
  couponDiscount: Fen;
  pointsUsed: bigint;
  pointsValue: Fen;
  storedValueUsed: Fen;
  amountDue: Fen;
  pointsEarned: bigint;
  growthEarned: bigint;
  wallet: WalletRecord;
  /** What followed the checkout, as its transaction worked it out (a replay leaves both to be read). */
  tasksCompleted?: CompletedTask[];
  referralConverted?: boolean;
}

const resultOf = (transaction: TransactionRecord, wallet: WalletRecord): CheckoutResult => ({
  transaction,
  wallet,
  memberDiscount: transaction.memberDiscount ?? 0n,
  memberDiscountBenefitId: transaction.benefitId,
  couponDiscount: transaction.couponDiscount ?? 0n,
  storedValueUsed: transaction.amount,
  amountDue: transaction.amountDue ?? 0n,
  pointsUsed: transaction.pointsUsed ?? 0n,
  pointsValue: transaction.pointsValue ?? 0n,
  pointsEarned: (transaction.pointsEarned ?? 0n) + (transaction.campaignPoints ?? 0n),
  growthEarned: transaction.growth,
});

/** More points than anyone holds is a typo or an attack. */
const MAX_POINTS = 1_000_000_000;

/**
 * A terminal scans the member's pay code. The order is paid in docs/ledger.md's
 * order: the member discount (docs/benefits.md), the coupon's discount on what
 * that leaves, points burned (worth a whole number of fen), then stored value;
 * the rest (amountDue) is paid outside the hub. What the member paid (stored
 * value and amount due) earns growth, and points at the merchant's rate and
 * the member's multiplier when the checkout starts; growth reaching a higher
 * tier upgrades the member at once, with the tier's gift.
 *
 * Postings: Dr BENEFIT_FUNDED (each funder's share) / Cr BENEFIT_GIVEN; Dr COUPON_FUNDED (each funder's share) / Cr COUPON_DISCOUNT;
 * Dr STORED_VALUE (lots) / Cr ACQUIRER_SALES; Dr MEMBER_POINTS
 * (lots, soonest-expiring first) / Cr POINTS_BURNED; Dr POINTS_EARNED and
 * Dr POINTS_GRANTED (gifts) / Cr MEMBER_POINTS (the earning year's lot), and
 * a campaign multiplier's extra points, funded by its owner (marketing/campaigns/campaign-points.ts).
 */
export async function checkout(deps: MovementDeps, input: CheckoutInput): Promise<CheckoutResult> {
  const caller = requireRole(deps.caller, 'TERMINAL', 'HQ');
  const orderAmount = parseAmount(input.orderAmount, 'orderAmount');
  const storedValue = parseAmount(input.storedValue, 'storedValue', { allowZero: true });
  const points = input.points ?? 0;
  if (!Number.isInteger(points) || points < 0 || points > MAX_POINTS) throw userInputError(`points must be a whole number from 0 to ${MAX_POINTS}`, 'points');
  const burn = BigInt(points);
  const couponId = input.couponId == null ? null : requireUuid(input.couponId, 'couponId');
  const orderRef = input.orderRef?.trim() || null;
  // Left out of the request's fingerprint unless the till turned it off, so requests made before it existed replay alike.
  const withoutMemberDiscount = input.memberDiscount === false;
  if (orderRef && orderRef.length > 100) throw userInputError('orderRef must be at most 100 characters', 'orderRef');
  const ledger = ledgerOf(deps);
  // The member discount's benefit, from the plan to the answer (the plan runs again if the movement is retried).
  let givenBenefit: BenefitRecord | null = null;

  return recordMovement(
    ledger,
    {
      operation: 'checkout',
      caller,
      idempotencyKey: input.idempotencyKey,
      input: {
        payCode: input.payCode,
        storeId: input.storeId,
        orderAmount,
        couponId,
        points: burn,
        storedValue,
        orderRef,
        ...(withoutMemberDiscount ? { memberDiscount: false } : {}),
      },
    },
    {
      replay: async (em, prior) => resultOf(prior, await walletAfter(em, prior)),
      // Its read at the store (openAtStore) carries the movement's opening (the key's and the period's locks): no round trip of its own.
      carriesOpening: true,
      async prepare(em, occurredAt, opening) {
        // One statement: the store and its terms, the pay code used up, the programme in force; refused in this order.
        const opened = await openAtStore(em, caller, input.storeId, occurredAt, {
          opening,
          session: deps.session,
          payCode: { code: input.payCode, key: deps.payCodeKey },
          alongside: programmeInForceSql(occurredAt),
        });
        const programme = programmeReadAlongside(em, occurredAt, opened.alongside);
        const burnValue = pointsValue(burn, programme.pointsPerYuanBurn);
        if (burnValue === null) throw userInputError(`points must be worth a whole number of fen (${programme.pointsPerYuanBurn} points are ¥1)`, 'points');
        if (burnValue > orderAmount) throw userInputError('points cannot be worth more than the order amount', 'points');
        if (storedValue > orderAmount - burnValue) throw userInputError('storedValue cannot exceed what the order leaves after points', 'storedValue.amount');
        const { store, terms } = opened.store();
        if (storedValue > 0n && !terms.canAccept) throw domainError('ACCEPTING_NOT_ALLOWED', 'This merchant may not accept stored value');
        return { store, terms, programme, burnValue, occurredAt, memberId: await opened.payCodeMember() };
      },
      // A campaign's multiplier for this member at this store, the member discounts it holds here, and the coupon it applies
      // (locked), read with the holder's lock.
      readAlongside: ({ memberId, store, occurredAt, programme }) =>
        sql`select json_build_object('multiplier', (${multiplierSql(memberId, store.merchantId, occurredAt)}),
          'discounts', (${discountsHeldSql(programme, store.merchantId, occurredAt)}), 'coupon', ${couponId ? couponForCheckoutSql(couponId) : sql`null`})`,
      // The lots it may spend, locked with the holder: stored value's if it pays with it, points' if it burns (and, then, earns
      // to the earning year's lot by id).
      lotsToHold: () => ({ issuerLots: storedValue > 0n, pointsLots: burn > 0n }),
      async plan(em, { store, terms, programme, burnValue, occurredAt }, holder, alongside, lots) {
        const postings: Posting[] = [];
        if (storedValue > 0n || burn > 0n || couponId) requireSpendable(holder);
        const present = await presentStanding(em, holder, programme, occurredAt, ledger.timeZone);
        // The member discount first, by itself: the largest of the DISCOUNT benefits held (at the tier the checkout starts
        // at, and a valid plan's) and honoured at this store (marketing/benefits/member-discount.ts).
        const read = alongside as { multiplier: unknown; discounts: unknown; coupon: unknown };
        // As read with the lock, unless the checkout ended a lapsed cycle just now (a lower tier): then read again.
        const held = withoutMemberDiscount
          ? []
          : present.rank === holder.tierRank
            ? discountsOf(read.discounts)
            : await discountsHeldAt(em, holdingAt(programme, present, occurredAt), store.merchantId);
        const member = memberDiscountOf(held, orderAmount, store.merchantId);
        const memberDiscount = member?.discount ?? 0n;
        givenBenefit = member?.benefit.record ?? null;
        if (member) postings.push(...fundedPostings(BENEFIT_LINES, memberDiscount, member.benefit.funders, store.merchantId));
        let discount = 0n;
        if (couponId) {
          // The coupon's threshold and percentage apply to what the member discount leaves.
          const applied = applyCoupon(couponForCheckoutOf(read.coupon), {
            memberId: holder.memberId,
            merchantId: store.merchantId,
            orderAmount: orderAmount - memberDiscount,
            at: occurredAt,
          });
          discount = applied.discount;
          postings.push(...fundedPostings(COUPON_LINES, discount, applied.template.funders, store.merchantId));
        }
        const left = orderAmount - memberDiscount - discount;
        if (burnValue > left) throw userInputError('points cannot be worth more than the order leaves after the discounts', 'points');
        if (storedValue > left - burnValue)
          throw userInputError('storedValue cannot exceed what the order leaves after the discounts and points', 'storedValue.amount');
        if (storedValue > 0n) {
          if (storedValue > holder.balance) throw domainError('INSUFFICIENT_FUNDS', 'The wallet does not hold that much stored value');
          // Every lot the member could spend, locked with the holder (in one order); which of them this checkout spends is the
          // spending order's alone (allocateLots, lot-allocation.ts), not the lock's.
          for (const used of allocateLots(lots.issuerLots ?? [], store.merchantId, storedValue)) {
            postings.push({ account: 'STORED_VALUE', merchantId: used.issuerId, lotId: used.lotId, amount: used.amount });
          }
          postings.push({ account: 'ACQUIRER_SALES', merchantId: store.merchantId, lotId: null, amount: -storedValue });
        }

        const year = earningYearOf(occurredAt, ledger.timeZone);
        const purse = new PointsPurse(lots.pointsLots ?? [], holder.pointsBalance, occurredAt);
        if (burn > 0n) {
          if (burn > purse.spendable())
            throw domainError(
              'INSUFFICIENT_POINTS',
              holder.pointsBalance < 0n ? 'Points are owed after a refund; no burning until repaid' : 'The member does not hold that many points',
            );
          purse.burn(burn);
          postings.push({ account: 'POINTS_BURNED', merchantId: store.merchantId, lotId: null, pointsRate: terms.burnValuePer100Points, amount: -burn });
        }

        const paid = left - burnValue;
        const growth = growthEarned(paid, programme.growthPerYuan);
        const earned = pointsEarned(paid, terms.pointsPerYuan, present.multiplierBps);
        const standing = await standingAfter(em, holder.memberId, present, programme, growth);
        const gifts = giftPoints(standing);
        const lotId = earningLotId(lots.pointsLots ?? [], year);
        if (earned > 0n) {
          purse.credit(earned, lotId);
          postings.push({ account: 'POINTS_EARNED', merchantId: store.merchantId, lotId: null, pointsRate: terms.earnCostPer100Points, amount: earned });
        }
        // A campaign's multiplier (a double-points day) adds points, funded by its owner, within what its budget has left.
        const multiplier = paid > 0n ? multiplierOf(read.multiplier) : null;
        let extra = multiplier ? campaignExtraPoints(paid, terms.pointsPerYuan, present.multiplierBps, multiplier.multiplierBps) : 0n;
        if (multiplier?.budgeted && extra > 0n) extra = await spendMultiplierBudget(em, multiplier.campaignId, extra);
        if (extra > 0n) {
          purse.credit(extra, lotId);
          postings.push(campaignFunding(multiplier!.ownerId, extra, terms.earnCostPer100Points));
        }
        if (gifts > 0n) {
          purse.credit(gifts, lotId);
          postings.push({ account: 'POINTS_GRANTED', merchantId: null, lotId: null, amount: gifts });
        }
        const memberPoints = memberPointsPostings(purse, year);
        return {
          header: {
            ...NO_DETAILS,
            kind: 'CHECKOUT',
            tierRank: present.rank,
            storeId: store.storeId,
            acquirerId: store.merchantId,
            amount: storedValue,
            orderAmount,
            amountDue: paid - storedValue,
            orderRef,
            commissionBps: terms.commissionBps,
            pointsUsed: burn,
            pointsValue: burnValue,
            pointsEarned: earned,
            growth: standing.cycleGrowth - present.cycleGrowth,
            pointsPerYuan: terms.pointsPerYuan,
            earnCostPer100Points: terms.earnCostPer100Points,
            burnValuePer100Points: terms.burnValuePer100Points,
            couponId,
            couponDiscount: couponId ? discount : null,
            campaignId: extra > 0n ? multiplier!.campaignId : null,
            campaignPoints: extra > 0n ? extra : null,
            benefitId: member?.benefit.id ?? null,
            memberDiscount: member ? memberDiscount : null,
          },
          postings: [...postings, ...memberPoints.postings],
          earningYearLot: memberPoints.earningYearLot,
          standing,
          coupon: couponId ? { id: couponId, change: 'USE' } : undefined,
        };
      },
      answer: (transaction, holder, followed) => ({ ...resultOf(transaction, holder), memberDiscountBenefit: givenBenefit, ...followed }),
    },
  );
}
