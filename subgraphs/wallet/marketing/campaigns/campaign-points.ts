/**
 * Points a campaign gives, funded by its owner (docs/marketing.md "Targeted campaigns"):
 * - GRANT_POINTS: each reached member is given the campaign's points, one
 *   CAMPAIGN_POINTS journal transaction each (through the ledger's bulk path,
 *   a statement per range of members, keyed by campaign, member and
 *   occasion, so a grant interrupted by a crash is finished by the
 *   campaign-run job and never given twice);
 * - POINTS_MULTIPLIER: a checkout in the window, by a reached member, at
 *   the owner's stores (HQ's: anywhere), earns the extra points the
 *   multiplier adds (programme/earning.ts campaignExtraPoints).
 * HQ funds its campaigns' points from POINTS_GRANTED (its totals in
 * settlement); a merchant's are points it issues, Dr POINTS_EARNED at its
 * earning cost in force, so its settlement charges it for them like those
 * its customers earn.
 */
import { sql, type Sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inRange, recordBulkMovement, type LedgerDeps, type Posting, termsInForce } from '../../ledger/index.js';
import { earningYearCreditSql, earningYearOf } from '../../programme/index.js';

/**
 * What a campaign's points are debited to (a negative amount: what a refund takes back is credited): HQ's grants, or the
 * owner's issued points at its earning cost per 100 points.
 */
export function campaignFunding(ownerId: string | null, points: bigint, earnCostPer100Points: number | null): Posting {
  if (ownerId === null) return { account: 'POINTS_GRANTED', merchantId: null, lotId: null, amount: points };
  return { account: 'POINTS_EARNED', merchantId: ownerId, lotId: null, pointsRate: earnCostPer100Points!, amount: points };
}

/** The funding of a grant, at the owner's terms in force. */
export async function fundingPosting(em: EntityManager, ownerId: string | null, points: bigint, at: Date): Promise<Posting> {
  return campaignFunding(ownerId, points, ownerId === null ? null : (await termsInForce(em, ownerId, at)).earnCostPer100Points);
}

/**
 * A grant's lines for a bulk movement, from its `movers` (transaction_id, member_id, points_balance): the funding's line,
 * and each member's credit of the earning year (a debt repaid first). A campaign's grant and a benefit's gift alike.
 */
export function grantPostingsSql(funding: Posting, points: bigint): Sql {
  return sql`select m.transaction_id, m.member_id, ${funding.account}::text as account, ${funding.merchantId}::uuid as merchant_id,
      null::bigint as points_lot_id, false as to_earning_year, ${points.toString()}::bigint as amount, ${funding.pointsRate ?? null}::int as points_rate
    from movers m
    union all
    ${earningYearCreditSql(sql`select transaction_id, member_id, points_balance from movers`, points)}`;
}

/** Members one statement grants to, in a transaction of its own. */
const GRANT_BATCH = 20_000;

/**
 * Grants the points of every reached member not yet given them, through the ledger's bulk path: a statement per range of
 * members, each member's grant its own CAMPAIGN_POINTS transaction, its campaign_member row marked granted in the same
 * statement (so a grant a crash interrupted is finished by the campaign-run job, never given twice). A member reached on
 * several occasions (an event campaign's) is granted one occasion a pass, in order. Returns how many were granted.
 */
export async function grantPendingPoints(ledger: LedgerDeps, campaign: { id: string; ownerId: string | null; points: bigint | null }): Promise<number> {
  const points = campaign.points!;
  const pending = sql`g.campaign_id = ${campaign.id}::uuid and not g.held_out and g.points_granted is null`;
  let granted = 0;
  for (;;) {
    const moved = await recordBulkMovement(
      ledger,
      {
        kind: 'CAMPAIGN_POINTS',
        clientId: `campaign:${campaign.id}`,
        requestHash: 'campaignPoints',
        campaignId: campaign.id,
        campaignPoints: points,
        candidates: sql`select g.member_id from wallet.campaign_member g where ${pending}`,
        earningYear: (at) => earningYearOf(at, ledger.timeZone),
        async postings(em, range, at) {
          const funding = await fundingPosting(em, campaign.ownerId, points, at);
          return sql`next as (
              select distinct on (g.member_id) g.member_id, g.occasion from wallet.campaign_member g
              where ${pending} and ${inRange(sql`g.member_id`, range)} order by g.member_id, g.occasion),
            marked as (
              update wallet.campaign_member g set points_granted = ${points.toString()}::bigint from next n
              where ${pending} and g.member_id = n.member_id and g.occasion = n.occasion and ${inRange(sql`g.member_id`, range)}
              returning g.member_id, g.occasion),
            movers as (
              select m.member_id, gen_random_uuid() as transaction_id, left(m.member_id::text || ':' || m.occasion, 100) as idempotency_key, w.points_balance
              from marked m join wallet.wallet w using (member_id) where ${inRange(sql`w.member_id`, range)}),
            postings as (${grantPostingsSql(funding, points)})`;
        },
      },
      GRANT_BATCH,
    );
    if (moved.members === 0) return granted;
    granted += moved.members;
  }
}
