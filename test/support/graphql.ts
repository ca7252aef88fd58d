/** Talks to the hub over HTTP the way clients do, and reads the contract operations from ../shared. */
import { readFileSync, readdirSync } from 'node:fs';
import { parse, print, type OperationDefinitionNode } from 'graphql';

/** The contract in force: v2 (issue 10). The three files above it (v1) are retired. */
export const CONTRACT_DIR = new URL('../../../shared/contract/v2/', import.meta.url);

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
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const doc = parse(readFileSync(new URL(file, dir), 'utf8'));
    for (const def of doc.definitions) {
      const op = def as OperationDefinitionNode;
      if (op.kind === 'OperationDefinition' && op.name) operations.set(op.name.value, { file, document: print(op) });
    }
  }
  return operations;
}

const CONTRACT = contractOperations();

/** Runs a contract operation exactly as written in ../shared/contract. */
export function contract<T = any>(url: string, name: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const op = CONTRACT.get(name);
  if (!op) throw new Error(`no contract operation ${name}`);
  return graphql<T>(url, op.document, variables, token, name);
}

/** The next contract, v3 (issue 11): its operations run by `nextContract` as the schema comes to serve them, before the switch. */
export const NEXT_CONTRACT_DIR = new URL('../../../shared/contract/v3/', import.meta.url);
const NEXT_CONTRACT = contractOperations(NEXT_CONTRACT_DIR);
/** The v3 operations the schema serves already: schema.test.ts validates each against the supergraph. */
export const NEXT_CONTRACT_SERVED = [
  'SetMarketingConsent', 'Rfm', 'LookupPayCode', 'Checkout', 'Refund', 'MemberHome', 'MerchantStatement', 'Settlement', 'RunSettlement',
  'FinalizeSettlement', 'TopUp', 'CreateCouponTemplate', 'IssueCoupons', 'RewardsCatalogue', 'ExchangePoints', 'TagMembers', 'CreateTagRule',
  'RegisterMember', 'CreateCampaign', 'CampaignResults', 'SetWebhook', 'Analytics',
] as const;

/** Runs an operation of the next contract exactly as written there (only those in NEXT_CONTRACT_SERVED). */
export function nextContract<T = any>(url: string, name: (typeof NEXT_CONTRACT_SERVED)[number], variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const op = NEXT_CONTRACT.get(name);
  if (!op) throw new Error(`no operation ${name} in contract v3`);
  return graphql<T>(url, op.document, variables, token, name);
}

/** The data of a response that must have succeeded; fails loudly with the errors otherwise. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

export function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** 'ok', or the first error's code: what an access table expects. */
export function outcome(response: GraphQLResponse): string {
  if (!response.errors?.length && response.data) return 'ok';
  return codeOf(response) ?? JSON.stringify(response.errors);
}
