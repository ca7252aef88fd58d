/**
 * Points gifts (POINTS_GIFT, docs/benefits.md "Packs and gifts"): a member's gift for an occasion is one BENEFIT_POINTS
 * movement through the ledger's one path, funded by the benefit's owner as campaign points are (HQ's from
 * POINTS_GRANTED; a merchant's as points it issues, at its earning cost in force), credited to the member's lot of the
 * earning year (paying down a debt first, as every credit does). The occasion's benefit_grant row, written in the same
 * transaction, keeps it to once; a budgeted benefit's month counts each gift at its points' burn value, and a gift that
 * does not fit is not given at all (its occasion is spent, with 0 points).
 */
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import { executeSql, sql } from '../../../../lib/sql.js';
import { NO_DETAILS, recordMovement, termsInForce, type LedgerDeps, type Period } from '../../ledger/index.js';
import { earningYearCredit } from '../../programme/index.js';
import { campaignFunding } from '../campaigns/campaign-points.js';
import type { BenefitRecord } from './benefit.js';
import { monthSpent } from './benefit-budget.js';

/** What points are worth when given away, for a benefit's budget and its cost: their burn value, rounded half away from zero. */
export function giftValue(points: bigint, pointsPerYuanBurn: number): Fen {
  return divideRoundHalfAwayFromZero(points * 100n, BigInt(pointsPerYuanBurn));
}

/**
 * Gives a member a gift's points for an occasion, once: false if it had it already, or the month's budget had no room
 * for it. `ledger.em` may be inside a movement's transaction (a tier reached, a plan bought): the gift is then a
 * second movement of the same member in it, under the lock the first already holds.
 */
export async function givePointsGift(
  ledger: LedgerDeps,
  benefit: BenefitRecord,
  memberId: string,
  occasion: string,
  month: Period,
  pointsPerYuanBurn: number,
): Promise<boolean> {
  const points = benefit.points!;
  const value = giftValue(points, pointsPerYuanBurn);
  return ledger.em.transactional(async (em) => {
    // A budgeted benefit's gifts queue on its row, so the month's sum holds; an unbudgeted one's never wait on each other.
    if (benefit.monthlyBudget !== null) await executeSql(em, sql`select 1 from wallet.benefit where id = ${benefit.id} for update`);
    const fits = benefit.monthlyBudget === null || value + (await monthSpent(em, benefit.id, month)) <= benefit.monthlyBudget;
    const granted: { member_id: string }[] = await executeSql(
      em,
      sql`insert into wallet.benefit_grant (benefit_id, member_id, occasion, month, granted_at, coupons, value, points)
       values (${benefit.id}, ${memberId}, ${occasion}, ${month.label + '-01'}::date, ${ledger.clock.now()}, 0, ${fits ? value : 0n}, ${fits ? points : 0n})
       on conflict do nothing returning member_id`,
    );
    if (granted.length === 0 || !fits) return false;
    const transactionId = await recordMovement(
      { ...ledger, em },
      {
        operation: 'pointsGift',
        caller: { role: 'HQ', subject: `benefit:${benefit.id}` },
        idempotencyKey: `${memberId}:${occasion}`.slice(0, 100),
        input: { benefitId: benefit.id, memberId, occasion, points },
      },
      {
        replay: async (_, prior) => prior.id,
        prepare: async () => ({ memberId }),
        async plan(tx, _prepared, holder) {
          const at = ledger.clock.now();
          const member = earningYearCredit(holder, points, at, ledger.timeZone);
          const earnCost = benefit.ownerId === null ? null : (await termsInForce(tx, benefit.ownerId, at)).earnCostPer100Points;
          return {
            header: { ...NO_DETAILS, kind: 'BENEFIT_POINTS', benefitId: benefit.id },
            postings: [campaignFunding(benefit.ownerId, points, earnCost), ...member.postings],
            earningYearLot: member.earningYearLot,
          };
        },
        answer: (transaction) => transaction.id,
      },
    );
    // The grant names its movement: the tier it was given at counts its cost (benefit-usage.ts).
    await executeSql(
      em,
      sql`update wallet.benefit_grant set transaction_id = ${transactionId} where benefit_id = ${benefit.id} and member_id = ${memberId} and occasion = ${occasion}`,
    );
    return true;
  });
}
