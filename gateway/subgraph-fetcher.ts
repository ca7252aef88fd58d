/**
 * The gateway's HTTP client for subgraph calls: undici's `request` over a
 * kept-alive pool, instead of the default make-fetch-happen stack (an npm
 * cache-aware fetch with proxy agents), which was the largest single part
 * of the gateway's CPU profile (bench/README.md).
 *
 * Two rules of ours on top:
 * - A subgraph's GraphQL answer is a GraphQL answer whatever its HTTP
 *   status (GraphQL over HTTP gives a refused login 401): it is handed on
 *   as 200, so the gateway merges its errors with their codes instead of
 *   inventing "401: " with the raw reply nested in extensions.
 * - An answer larger than the response limit is not read to the end.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherInit = Parameters<Fetcher>[1];

const isGraphQLBody = (text: string) => {
  try {
    const body: unknown = JSON.parse(text);
    return !!body && typeof body === 'object' && ('errors' in body || 'data' in body);
  } catch {
    return false;
  }
};

export function subgraphFetcher(maxResponseBytes: number): Fetcher {
  const pool = new Agent({ keepAliveTimeout: 30_000 });
  return async (url: string, init?: FetcherInit) => {
    const response = await request(url, {
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers,
      body: init?.body,
      signal: init?.signal as AbortSignal | undefined,
      dispatcher: pool,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxResponseBytes) {
        response.body.destroy();
        throw new Error(`subgraph answer over ${maxResponseBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const status = response.statusCode >= 400 && isGraphQLBody(text) ? 200 : response.statusCode;
    return new Response(text, { status, headers });
  };
}
