/**
 * The gateway's HTTP client for subgraph calls: undici's `request` over a
 * kept-alive pool, instead of the default make-fetch-happen stack (an npm
 * cache-aware fetch with proxy agents), which was the largest single part
 * of the gateway's CPU profile (bench/README.md).
 *
 * Three rules of ours on top:
 * - A subgraph that does not answer within UNICARD_MAX_SUBGRAPH_MS (its
 *   headers, then each part of its body) fails the call with undici's
 *   timeout, which the gateway answers SERVICE_UNAVAILABLE (lib/errors.ts).
 * - A subgraph's GraphQL answer is a GraphQL answer whatever its HTTP
 *   status (GraphQL over HTTP gives a refused login 401): it is handed on
 *   as 200, so the gateway merges its errors with their codes instead of
 *   inventing "401: " with the raw reply nested in extensions.
 * - An answer larger than the response limit is not read to the end.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherInit = Parameters<Fetcher>[1];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const isGraphQLBody = (text: string) => {
  try {
    const body: unknown = JSON.parse(text);
    return !!body && typeof body === 'object' && ('errors' in body || 'data' in body);
  } catch {
    return false;
  }
};

/** A subgraph's answer read whole, as both fetchers hand it on. */
interface ReadAnswer {
  status: number;
  headers: Headers;
  text: string;
}

function answerReader(maxResponseBytes: number, maxWaitMs: number) {
  const pool = new Agent({ keepAliveTimeout: 30_000 });
  return async (url: string, init?: FetcherInit): Promise<ReadAnswer> => {
    const response = await request(url, {
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers,
      body: init?.body,
      signal: init?.signal as AbortSignal | undefined,
      dispatcher: pool,
      headersTimeout: maxWaitMs,
      bodyTimeout: maxWaitMs,
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
    return { status, headers, text };
  };
}

/**
 * What Apollo Gateway reads of an answer (its Fetcher's response: status, headers, text or JSON), over the text already
 * read. A WHATWG Response made from the text and read back through its stream was some 5% of the gateway's CPU per checkout
 * (Response, its body's stream, its JSON from bytes); Apollo asks for no more than this.
 */
class SubgraphAnswer implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;

  constructor(
    readonly url: string,
    private readonly answer: ReadAnswer,
  ) {}

  get status(): number {
    return this.answer.status;
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  get headers(): Headers {
    return this.answer.headers;
  }
  text(): Promise<string> {
    return Promise.resolve(this.answer.text);
  }
  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.answer.text) as unknown);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.answer.text).buffer);
  }
  /** The text is read already and never consumed, so a clone is the answer itself. */
  clone(): SubgraphAnswer {
    return this;
  }
}

/** Apollo Gateway's fetcher for subgraph calls. */
export function subgraphFetcher(maxResponseBytes: number, maxWaitMs: number): Fetcher {
  const read = answerReader(maxResponseBytes, maxWaitMs);
  return async (url: string, init?: FetcherInit) => new SubgraphAnswer(url, await read(url, init));
}

/** The same for Hive Gateway, which takes a WHATWG fetch: the answer as a Response. */
export function subgraphFetch(maxResponseBytes: number, maxWaitMs: number): (url: string, init?: FetcherInit) => Promise<Response> {
  const read = answerReader(maxResponseBytes, maxWaitMs);
  return async (url: string, init?: FetcherInit) => {
    const { status, headers, text } = await read(url, init);
    return new Response(text, { status, headers });
  };
}
