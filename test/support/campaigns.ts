/**
 * A campaign to run now, and an event campaign's first look at who qualifies, run in the wallet's campaign-run job,
 * not in the request that creates them (subgraphs/wallet/marketing/campaigns/campaigns.ts): a test waits for that
 * run before it looks at what the campaign did.
 */
import { withDatabase } from './ledger.js';
import { until } from './wait.js';

/**
 * Waits until the campaign's run is over: its coupons all issued (no run in progress) and, for a campaign run now,
 * COMPLETED; for an event campaign, its next look scheduled after the instant it was created. Returns its status.
 */
export async function campaignRan(databaseUrl: string, id: string): Promise<string> {
  return until(`campaign ${id} to have run`, async () => {
    const { rows } = await withDatabase(databaseUrl, (db) =>
      db.query<{ status: string; ran: boolean }>(
        `select status, running_at is null and (status = 'COMPLETED' or (trigger_kind <> 'NOW' and run_at > created_at)) as ran
         from wallet.campaign where id = $1`,
        [id],
      ),
    );
    return rows[0]?.ran ? rows[0].status : undefined;
  });
}
