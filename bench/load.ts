/**
 * A closed-loop load driver: `clients` concurrent clients, each sending its
 * next request as soon as the previous one answered, over kept-alive
 * connections (undici). Latency is measured per request; a response with
 * GraphQL errors counts as an error, never as throughput.
 */
import { Agent, request } from 'undici';

export interface LoadResult {
  clients: number;
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU milliseconds each process spent per request during the run, where measured. */
  cpuMsPerRequest?: Record<string, number>;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

export function summarise(clients: number, latenciesMs: number[], seconds: number, errors: number, firstError?: string): LoadResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    clients,
    requests: latenciesMs.length,
    errors,
    firstError,
    seconds,
    perSecond: latenciesMs.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** Runs `count` units of work with `clients` at once; `work(i)` throws to report an error. */
export async function closedLoop(clients: number, count: number, work: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          await work(i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return summarise(clients, latencies, (performance.now() - started) / 1000, errors, firstError);
}

const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });

/** POSTs a GraphQL request; resolves with `data`, throws on HTTP or GraphQL errors. */
export async function postGraphQL(url: string, body: string, token?: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const json = (await response.body.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
  if (json.errors?.length) throw new Error(`${json.errors[0]!.extensions?.code ?? 'NO_CODE'}: ${json.errors[0]!.message}`);
  if (response.statusCode !== 200 || !json.data) throw new Error(`HTTP ${response.statusCode}`);
  return json.data;
}

export async function closeLoadAgent(): Promise<void> {
  await agent.close();
}
