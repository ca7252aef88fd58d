/**
 * A campaign's results (docs/marketing.md "Targeted campaigns"): for the days after
 * each member was first reached (or held out: the instant it would have been;
 * a recurring or event campaign reaches members at different instants),
 * the reached members against the held-out control group: members,
 * buyers (members with a purchase), purchases and the amount paid (stored
 * value and outside the hub, net of what refunds in the window paid back),
 * at the owner's stores for a merchant's campaign, coalition-wide for HQ's.
 * Uplift is the difference in the share of buyers, in basis points:
 * 10,000 × (buyers/members reached − buyers/members held out), rounded half
 * away from zero; none while either group is empty.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { divideRoundHalfAwayFromZero, type Fen } from '../../../../lib/money.js';
import { sqlArray, executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { CampaignRecord } from './campaigns.js';
import { paidIn } from '../../ledger/index.js';

export interface CampaignGroupRecord {
  members: number;
  buyers: number;
  purchases: number;
  paid: Fen;
}
export interface CampaignResultRecord {
  days: number;
  reached: CampaignGroupRecord;
  control: CampaignGroupRecord;
  upliftBps: number | null;
}
export interface CampaignCountsRecord {
  reached: number;
  heldOut: number;
  couponsRedeemed: number;
  pointsGranted: bigint;
}

/** The windows results are given for, in days after the run. */
export const RESULT_WINDOWS = [7, 30] as const;

/** Each campaign's counts, for a DataLoader: one statement however many campaigns a request shows. */
export async function campaignCountsByIds(em: EntityManager, ids: readonly string[]): Promise<CampaignCountsRecord[]> {
  const rows: { campaign_id: string; reached: string; held_out: string; redeemed: string; points: string }[] = await executeSql(
    em,
    sql`select c.id as campaign_id,
       (select count(distinct g.member_id) from wallet.campaign_member g where g.campaign_id = c.id and not g.held_out) as reached,
       (select count(distinct g.member_id) from wallet.campaign_member g where g.campaign_id = c.id and g.held_out) as held_out,
       (select count(*) from wallet.coupon k where k.campaign_id = c.id and k.redemptions > k.restorations) as redeemed,
       (select coalesce(sum(case when t.kind = 'REFUND' then -t.campaign_points else t.campaign_points end), 0)
        from wallet.journal_transaction t where t.campaign_id = c.id) as points
     from unnest(${sqlArray(ids)}::uuid[]) as c(id)`,
  );
  const byId = new Map(
    rows.map((r) => [
      r.campaign_id,
      {
        reached: Number(r.reached),
        heldOut: Number(r.held_out),
        couponsRedeemed: Number(r.redeemed),
        pointsGranted: BigInt(r.points),
      },
    ]),
  );
  return ids.map((id) => byId.get(id)!);
}

export function upliftBps(reached: CampaignGroupRecord, control: CampaignGroupRecord): number | null {
  if (reached.members === 0 || control.members === 0) return null;
  const [br, mr, bc, mc] = [reached.buyers, reached.members, control.buyers, control.members].map(BigInt) as [bigint, bigint, bigint, bigint];
  return Number(divideRoundHalfAwayFromZero((br * mc - bc * mr) * 10_000n, mr * mc));
}

export async function campaignResults(em: EntityManager, campaign: CampaignRecord): Promise<CampaignResultRecord[]> {
  const results: CampaignResultRecord[] = [];
  for (const days of RESULT_WINDOWS) {
    const window = `make_interval(days => ${days})`;
    const rows: { held_out: boolean; members: string; buyers: string; purchases: string; paid: string }[] = await executeSql(
      em,
      sql`with groups as (
         select member_id, bool_or(held_out) as held_out, min(reached_at) as since from wallet.campaign_member where campaign_id = ${campaign.id} group by member_id),
       purchases as (
         select t.member_id, ${trustedSql(paidIn('t'))} - coalesce((
             select sum(${trustedSql(paidIn('r'))}) from wallet.journal_transaction r where r.refund_of = t.id and r.occurred_at < g.since + ${trustedSql(window)}), 0) as paid
         from groups g join wallet.journal_transaction t on t.member_id = g.member_id
         where t.kind = 'CHECKOUT' and t.occurred_at >= g.since and t.occurred_at < g.since + ${trustedSql(window)} and (${campaign.ownerId}::uuid is null or t.acquirer_id = ${campaign.ownerId}::uuid))
       select g.held_out, count(*) as members, count(p.member_id) as buyers, coalesce(sum(p.purchases), 0) as purchases, coalesce(sum(p.paid), 0) as paid
       from groups g left join (select member_id, count(*) as purchases, sum(paid) as paid from purchases group by member_id) p using (member_id)
       group by g.held_out`,
    );
    const group = (heldOut: boolean): CampaignGroupRecord => {
      const r = rows.find((row) => row.held_out === heldOut);
      return r
        ? { members: Number(r.members), buyers: Number(r.buyers), purchases: Number(r.purchases), paid: BigInt(r.paid) }
        : { members: 0, buyers: 0, purchases: 0, paid: 0n };
    };
    const reached = group(false);
    const control = group(true);
    results.push({ days, reached, control, upliftBps: upliftBps(reached, control) });
  }
  return results;
}
