/**
 * Analytics are computed by the wallet's job and read by requests (subgraphs/wallet/marketing/analytics/analytics-snapshot.ts):
 * a range's first request waits for the job, later ones read what it computed. A test that has changed what a range it
 * already read counts asks HQ's refresh and waits until the job has computed every snapshot read lately again.
 */
import { graphql, ok } from './graphql.js';
import { withDatabase } from './ledger.js';
import { until } from './wait.js';

/** Asks for a refresh as HQ and waits for the job to have computed every snapshot read in the last week after it. */
export async function refreshAnalytics(gatewayUrl: string, hqToken: string, databaseUrl: string): Promise<void> {
  const { requestedAt } = ok(await graphql(gatewayUrl, 'mutation { refreshAnalytics { requestedAt } }', {}, hqToken)).refreshAnalytics as {
    requestedAt: string;
  };
  await until(`every analytics snapshot computed again after ${requestedAt}`, async () => {
    const behind = await withDatabase(databaseUrl, (db) =>
      db.query(
        `select 1 from wallet.analytics_snapshot where read_at > $1::timestamptz - interval '7 days' and (computed_at is null or computed_at < $1::timestamptz)`,
        [requestedAt],
      ),
    );
    return behind.rowCount === 0 ? true : undefined;
  });
}
