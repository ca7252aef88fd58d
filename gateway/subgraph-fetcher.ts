/**
 * The gateway's HTTP client for subgraph calls: undici's `request` over a
 * kept-alive pool, instead of the default make-fetch-happen stack (an npm
 * cache-aware fetch with proxy agents), which was the largest single part
 * of the gateway's CPU profile (bench/README.md).
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherInit = Parameters<Fetcher>[1];

export function subgraphFetcher(): Fetcher {
  const pool = new Agent({ keepAliveTimeout: 30_000 });
  return async (url: string, init?: FetcherInit) => {
    const response = await request(url, { method: (init?.method ?? 'GET') as 'GET', headers: init?.headers, body: init?.body, signal: init?.signal as AbortSignal | undefined, dispatcher: pool });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return new Response(await response.body.text(), { status: response.statusCode, headers });
  };
}
