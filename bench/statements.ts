/**
 * Query efficiency: how many SQL statements each subgraph sends for one
 * request, read from the subgraphs' /metrics counters of GraphQL work and
 * rate limiting around it (event delivery is counted apart). Measured a few times, the smallest
 * count kept, in case another request was in flight.
 */
import type { ProcessName } from '../scripts/processes.js';
import type { BenchEnvironment } from './environment.js';

type SubgraphName = Exclude<ProcessName, 'gateway'>;
const SUBGRAPHS: SubgraphName[] = ['member', 'wallet', 'merchant'];

async function statementsSent(env: BenchEnvironment): Promise<Record<SubgraphName, number>> {
  const counts = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPHS) {
    const text = await fetch(env.hub.processes[name].metricsUrl).then((r) => r.text());
    // A request's own statements and its rate limit's (one upsert per operation, one read per pay-code lock-out check).
    const source = (label: string) => Number(new RegExp(`^unicard_db_statements_total\\{source="${label}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    counts[name] = source('graphql') + source('rate_limit');
  }
  return counts;
}

export async function statementsPerRequest(env: BenchEnvironment, send: () => Promise<unknown>, attempts = 5): Promise<Record<SubgraphName, number>> {
  await send(); // warm: loaders, plan cache, connections
  const best = { member: Infinity, wallet: Infinity, merchant: Infinity };
  for (let i = 0; i < attempts; i++) {
    const before = await statementsSent(env);
    await send();
    const after = await statementsSent(env);
    for (const name of SUBGRAPHS) best[name] = Math.min(best[name], after[name] - before[name]);
  }
  return best;
}

/**
 * The wallet's round trips to PostgreSQL for one request (`unicard_db_round_trips_total`, every wait for an answer on
 * its pooled connections: a transaction's BEGIN rides with its first statement), the smallest of a few.
 */
export async function walletRoundTripsPerRequest(env: BenchEnvironment, send: () => Promise<unknown>, attempts = 5): Promise<number> {
  const read = async () =>
    Number(/^unicard_db_round_trips_total (\d+)/m.exec(await fetch(env.hub.processes.wallet.metricsUrl).then((r) => r.text()))?.[1] ?? NaN);
  await send();
  let best = Infinity;
  for (let i = 0; i < attempts; i++) {
    const before = await read();
    await send();
    best = Math.min(best, (await read()) - before);
  }
  return best;
}
