/**
 * Points a campaign gives, funded by its owner (docs/marketing.md "Targeted campaigns"):
 * - GRANT_POINTS: each reached member is given the campaign's points, one
 *   CAMPAIGN_POINTS movement each (through the ledger's one path, with an
 *   idempotency key of campaign, member and occasion, so a grant interrupted
 *   by a crash is finished by the campaign-run job and never given twice);
 * - POINTS_MULTIPLIER: a checkout in the window, by a reached member, at
 *   the owner's stores (HQ's: anywhere), earns the extra points the
 *   multiplier adds (programme/earning.ts campaignExtraPoints).
 * HQ funds its campaigns' points from POINTS_GRANTED (its totals in
 * settlement); a merchant's are points it issues, Dr POINTS_EARNED at its
 * earning cost in force, so its settlement charges it for them like those
 * its customers earn.
 */
import { executeSql, sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordMovement, type LedgerDeps, type Posting, NO_DETAILS, termsInForce } from '../../ledger/index.js';
import { earningYearCredit } from '../../programme/index.js';

/**
 * What a campaign's points are debited to (a negative amount: what a refund takes back is credited): HQ's grants, or the
 * owner's issued points at its earning cost per 100 points.
 */
export function campaignFunding(ownerId: string | null, points: bigint, earnCostPer100Points: number | null): Posting {
  if (ownerId === null) return { account: 'POINTS_GRANTED', merchantId: null, lotId: null, amount: points };
  return { account: 'POINTS_EARNED', merchantId: ownerId, lotId: null, pointsRate: earnCostPer100Points!, amount: points };
}

/** The funding of a grant, at the owner's terms in force. */
async function fundingPosting(em: EntityManager, ownerId: string | null, points: bigint, at: Date): Promise<Posting> {
  return campaignFunding(ownerId, points, ownerId === null ? null : (await termsInForce(em, ownerId, at)).earnCostPer100Points);
}

/** Members granted per round: each is a movement of its own. */
const GRANT_BATCH = 200;

/** Grants the points of every reached member not yet given them; returns how many were granted. */
export async function grantPendingPoints(ledger: LedgerDeps, campaign: { id: string; ownerId: string | null; points: bigint | null }): Promise<number> {
  const points = campaign.points!;
  let granted = 0;
  for (;;) {
    const pending: { member_id: string; occasion: string }[] = await executeSql(
      ledger.em,
      sql`select member_id, occasion from wallet.campaign_member where campaign_id = ${campaign.id} and not held_out and points_granted is null
       order by member_id, occasion limit ${GRANT_BATCH}`,
    );
    if (pending.length === 0) return granted;
    for (const { member_id: memberId, occasion } of pending) {
      await ledger.em.transactional(async (em) => {
        await recordMovement(
          { ...ledger, em },
          {
            operation: 'campaignPoints',
            caller: { role: 'HQ', subject: `campaign:${campaign.id}` },
            idempotencyKey: `${memberId}:${occasion}`.slice(0, 100),
            input: { campaignId: campaign.id, memberId, occasion, points },
          },
          {
            replay: async () => undefined,
            prepare: async () => ({ memberId }),
            async plan(tx, _prepared, holder) {
              const occurredAt = ledger.clock.now();
              const member = earningYearCredit(holder, points, occurredAt, ledger.timeZone);
              return {
                header: { ...NO_DETAILS, kind: 'CAMPAIGN_POINTS', campaignId: campaign.id, campaignPoints: points },
                postings: [await fundingPosting(tx, campaign.ownerId, points, occurredAt), ...member.postings],
                earningYearLot: member.earningYearLot,
              };
            },
            answer: () => undefined,
          },
        );
        await executeSql(
          em,
          sql`update wallet.campaign_member set points_granted = ${points.toString()} where campaign_id = ${campaign.id} and member_id = ${memberId} and occasion = ${occasion}`,
        );
      });
      granted++;
    }
  }
}
