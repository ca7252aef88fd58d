/**
 * RFM is computed by the wallet's job and read by requests (subgraphs/wallet/marketing/analytics/rfm.ts): a test that
 * has just made purchases asks HQ's refresh and waits until the pyramid it reads holds for that instant or later.
 */
import { graphql, ok } from './graphql.js';
import { until } from './wait.js';

/** Asks for a refresh as HQ and waits for it; returns the instant the pyramid now holds for. */
export async function refreshRfm(gatewayUrl: string, hqToken: string): Promise<string> {
  const { requestedAt } = ok(await graphql(gatewayUrl, 'mutation { refreshRfm { requestedAt } }', {}, hqToken)).refreshRfm as { requestedAt: string };
  return until(`RFM refreshed as of ${requestedAt} or later`, async () => {
    const answer = await graphql(gatewayUrl, '{ rfm { asOf } }', {}, hqToken);
    const asOf = (answer.data as { rfm?: { asOf: string } } | null)?.rfm?.asOf;
    return asOf !== undefined && Date.parse(asOf) >= Date.parse(requestedAt) ? asOf : undefined;
  });
}
