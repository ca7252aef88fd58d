/** Talks to the hub over HTTP the way clients do, and reads the contract operations from contract/ in this repository. */
import { readFileSync, readdirSync } from 'node:fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { Agent, request } from 'undici';

/** The contract in force, kept in the repository (contract/README.md): v4 (issue 24). */
export const CONTRACT_DIR = new URL('../../contract/v4/', import.meta.url);

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/**
 * The tests' HTTP client: undici's `request` over kept-alive connections, as the gateway calls its subgraphs
 * (gateway/subgraph-fetcher.ts). The global `fetch` builds WHATWG streams, headers and a response object for every
 * call: some 0.3 ms of CPU more per request on this machine, in a suite that sends tens of thousands of them.
 * Tests of the HTTP surface itself (status codes, headers) use `fetch` as a browser would.
 */
const connections = new Agent({ keepAliveTimeout: 10_000 });

/** POSTs a JSON body and parses the answer (a body that is not JSON is an error, as with fetch). */
export async function postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    dispatcher: connections,
  });
  return (await response.body.json()) as T;
}

export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  operationName?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  return postJson<GraphQLResponse<T>>(url, { query, variables, operationName }, { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) });
}

/** Every operation of every contract file, by name: { file, name, document }. */
export function contractOperations(dir: URL = CONTRACT_DIR): Map<string, { file: string; document: string }> {
  const operations = new Map<string, { file: string; document: string }>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const doc = parse(readFileSync(new URL(file, dir), 'utf8'));
    for (const def of doc.definitions) {
      const op = def as OperationDefinitionNode;
      if (op.kind === 'OperationDefinition' && op.name) operations.set(op.name.value, { file, document: print(op) });
    }
  }
  return operations;
}

const CONTRACT = contractOperations();

/** Runs a contract operation exactly as written in contract/. */
export function contract<T = any>(url: string, name: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const op = CONTRACT.get(name);
  if (!op) throw new Error(`no contract operation ${name}`);
  return graphql<T>(url, op.document, variables, token, name);
}

export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

export function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The input field the first error names (BAD_USER_INPUT says which). */
export function fieldOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.field;
}

/** 'ok', or the first error's code: what an access table expects. */
export function outcome(response: GraphQLResponse): string {
  if (!response.errors?.length && response.data) return 'ok';
  return codeOf(response) ?? JSON.stringify(response.errors);
}
