/**
 * Points gifts (POINTS_GIFT, docs/benefits.md "Packs and gifts"): a member's gift for an occasion is one BENEFIT_POINTS
 * journal transaction, funded by the benefit's owner as campaign points are (HQ's from POINTS_GRANTED; a merchant's as
 * points it issues, at its earning cost in force), credited to the member's lot of the earning year (paying down a debt
 * first, as every credit does). The occasion's benefit_grant row, written in the same transaction, keeps it to once; a
 * budgeted benefit's month counts each gift at its points' burn value, and a gift that does not fit is not given at all
 * (its occasion is spent, with 0 points), in member order.
 * The job gives a month's gifts through the ledger's bulk path, a statement per range of members (givePointsGifts); a
 * member who comes to hold a gift by a movement is given it in that movement's transaction (givePointsGift).
 */
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { NO_DETAILS, inRange, recordBulkMovement, recordMovement, type BulkMovementResult, type LedgerDeps, type Period } from '../../ledger/index.js';
import { earningYearCredit, earningYearOf } from '../../programme/index.js';
import { fundingPosting, grantPostingsSql } from '../campaigns/campaign-points.js';
import type { BenefitRecord } from './benefit.js';
import { monthSpent } from './benefit-budget.js';

/** What points are worth when given away, for a benefit's budget and its cost: their burn value, rounded half away from zero. */
export function giftValue(points: bigint, pointsPerYuanBurn: number): Fen {
  return divideRoundHalfAwayFromZero(points * 100n, BigInt(pointsPerYuanBurn));
}

/** How many of a benefit's gifts of `value` the month's budget still has room for, after `spent`; null: no limit. */
function giftsWithinBudget(benefit: BenefitRecord, spent: Fen, value: Fen): bigint | null {
  if (benefit.monthlyBudget === null || value === 0n) return null;
  const room = (benefit.monthlyBudget - spent) / value;
  return room < 0n ? 0n : room;
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
    const room = benefit.monthlyBudget === null ? null : giftsWithinBudget(benefit, await monthSpent(em, benefit.id, month), value);
    const fits = room === null || room >= 1n;
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
          return {
            header: { ...NO_DETAILS, kind: 'BENEFIT_POINTS', benefitId: benefit.id },
            postings: [await fundingPosting(tx, benefit.ownerId, points, at), ...member.postings],
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

/** Members one statement gives a gift to, in a transaction of its own. */
const GIFT_BATCH = 20_000;

/**
 * Gives a gift's occasion to the members `holders` names (a select of member_id) who have not had it, through the
 * ledger's bulk path: a statement per range of members, each member's gift its own journal transaction, its grant row
 * naming it. In member order while the month's budget lasts; `onProgress` after each range.
 */
export async function givePointsGifts(
  ledger: LedgerDeps,
  benefit: BenefitRecord,
  holders: Sql,
  occasion: string,
  month: Period,
  pointsPerYuanBurn: number,
  onProgress: (sofar: BulkMovementResult) => void = () => undefined,
): Promise<BulkMovementResult> {
  const points = benefit.points!;
  const value = giftValue(points, pointsPerYuanBurn);
  const notHad = sql`not exists (select 1 from wallet.benefit_grant g where g.benefit_id = ${benefit.id}::uuid and g.member_id = h.member_id and g.occasion = ${occasion})`;
  return recordBulkMovement(
    ledger,
    {
      kind: 'BENEFIT_POINTS',
      clientId: `benefit:${benefit.id}`,
      requestHash: 'pointsGift',
      benefitId: benefit.id,
      candidates: sql`select h.member_id from (${holders}) h where ${notHad}`,
      earningYear: (at) => earningYearOf(at, ledger.timeZone),
      async postings(em, range, at) {
        // After the holders' locks, as a gift given in a movement takes them: the benefit's row, so its month's sum holds.
        let room: bigint | null = null;
        if (benefit.monthlyBudget !== null) {
          await executeSql(em, sql`select 1 from wallet.benefit where id = ${benefit.id} for update`);
          room = giftsWithinBudget(benefit, await monthSpent(em, benefit.id, month), value);
        }
        const funding = await fundingPosting(em, benefit.ownerId, points, at);
        const [p, v] = [points.toString(), value.toString()];
        return sql`due as (
            select h.member_id from (${holders}) h where ${inRange(sql`h.member_id`, range)} and ${notHad}),
          ranked as (
            select member_id, gen_random_uuid() as transaction_id,
              (${room?.toString() ?? null}::bigint is null or row_number() over (order by member_id) <= ${room?.toString() ?? null}::bigint) as fits
            from due),
          granted as (
            insert into wallet.benefit_grant (benefit_id, member_id, occasion, month, granted_at, coupons, value, points, transaction_id)
            select ${benefit.id}::uuid, member_id, ${occasion}, ${month.label + '-01'}::date, ${at}::timestamptz, 0,
              case when fits then ${v}::bigint else 0 end, case when fits then ${p}::bigint else 0 end, case when fits then transaction_id end
            from ranked
            on conflict do nothing
            returning member_id, transaction_id),
          movers as (
            select g.member_id, g.transaction_id, left(g.member_id::text || ':' || ${occasion}, 100) as idempotency_key, w.points_balance
            from granted g join wallet.wallet w using (member_id) where g.transaction_id is not null and ${inRange(sql`w.member_id`, range)}),
          postings as (${grantPostingsSql(funding, points)})`;
      },
    },
    GIFT_BATCH,
    onProgress,
  );
}
