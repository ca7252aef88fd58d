/** Talks to the hub over HTTP the way clients do, and reads the contract operations from contract/ in this repository. */
import { readFileSync, readdirSync } from 'node:fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';

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

export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  operationName?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await response.json()) as GraphQLResponse<T>;
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
