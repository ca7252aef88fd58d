/**
 * The console's one way to the graph: POST /graphql on the page's own origin (the gateway), the token in the
 * Authorization header, never in a URL. Errors come back as GraphError with the graph's `extensions.code`, which the
 * pages show in a clerk's words (parts/ErrorNotice.tsx); UNAUTHENTICATED ends the session (session.tsx).
 */
import type { TypedDocumentString } from '../graphql/graphql';

export class GraphError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** How long each operation took, for the browser test's p95 (issue 12: each page's data in under 1 s). */
export interface OperationTiming {
  operation: string;
  ms: number;
}
declare global {
  interface Window {
    unicardTimings?: OperationTiming[];
  }
}

const operationName = (query: string) => /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';

export async function sendOperation<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  token: string | null,
  signal?: AbortSignal,
): Promise<Result> {
  const query = document.toString();
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphError('NETWORK', 'The hub cannot be reached');
  }
  let payload: { data?: Result; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  try {
    payload = await response.json();
  } catch {
    throw new GraphError(response.status === 401 ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE', `The hub answered ${response.status}`);
  }
  (window.unicardTimings ??= []).push({ operation: operationName(query), ms: performance.now() - started });
  const first = payload.errors?.[0];
  if (first) throw new GraphError(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, first.extensions?.field);
  if (!payload.data) throw new GraphError('INTERNAL_SERVER_ERROR', 'The hub sent no data');
  return payload.data;
}
