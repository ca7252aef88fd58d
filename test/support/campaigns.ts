/**
 * A campaign to run now, and an event campaign's first look at who qualifies, run in the wallet's campaign-run job,
 * not in the request that creates them (subgraphs/wallet/marketing/campaigns/campaigns.ts): a test waits for that
 * run before it looks at what the campaign did.
 */
import { withDatabase } from './ledger.js';
import { until } from './wait.js';

/**
 * Waits until the campaign's run is over: its coupons all issued (no run in progress), its points all granted (the
 * job grants them after the run marks the campaign, campaigns.ts runDueCampaigns) and, for a campaign run now,
 * COMPLETED; for an event campaign, its next look scheduled after the instant it was created. Returns its status.
 */
export async function campaignRan(databaseUrl: string, id: string): Promise<string> {
  return until(`campaign ${id} to have run`, async () => {
    const { rows } = await withDatabase(databaseUrl, (db) =>
      db.query<{ status: string; ran: boolean }>(
        `select status, running_at is null and (status = 'COMPLETED' or (trigger_kind <> 'NOW' and run_at > created_at))
           and not (action_kind = 'GRANT_POINTS'
             and exists (select 1 from wallet.campaign_member g where g.campaign_id = c.id and not g.held_out and g.points_granted is null)) as ran
         from wallet.campaign c where id = $1`,
        [id],
      ),
    );
    return rows[0]?.ran ? rows[0].status : undefined;
  });
}
