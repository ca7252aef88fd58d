/**
 * Each subgraph's table of access policies (subgraphs/* /resolvers/access-policies.ts, applied by lib/commands.ts),
 * read per role: every mutation, called by every role its policy leaves out (and with no token), is refused FORBIDDEN
 * (UNAUTHENTICATED), straight at its subgraph with the gateway's credential and through the gateway, and nothing it
 * would have written is written. The arguments are made from the schema, so a new mutation is covered once it has a
 * policy, and has to have one.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  Kind,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../lib/commands.js';
import type { Role } from '../lib/auth.js';
import { projectPath } from '../lib/project-root.js';
import { MEMBER_POLICIES } from '../subgraphs/member/resolvers/access-policies.js';
import { MERCHANT_POLICIES } from '../subgraphs/merchant/resolvers/access-policies.js';
import { WALLET_POLICIES } from '../subgraphs/wallet/resolvers/access-policies.js';
import { sharedTestHub, subgraphCall, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok } from './support/graphql.js';
import { newPhone, setUpTwoMerchants } from './support/coalition.js';
import { ledgerSnapshot, withDatabase } from './support/ledger.js';

const TABLES: Record<'member' | 'wallet' | 'merchant', Record<string, AccessPolicy>> = {
  member: MEMBER_POLICIES,
  wallet: WALLET_POLICIES,
  merchant: MERCHANT_POLICIES,
};
/** The roles a caller can hold through the graph. */
const ROLES = ['HQ', 'MERCHANT', 'TERMINAL', 'MEMBER'] as const satisfies readonly Role[];

const supergraph = buildSchema(readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8'));
const mutationType = supergraph.getMutationType()!;

/** A value of the type that passes GraphQL's validation: what it means is never looked at, the policy comes first. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  const scalars: Record<string, unknown> = {
    ID: randomUUID(),
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    Decimal: '1',
    Points: 1,
    Date: '2026-01-01',
    DateTime: new Date().toISOString(),
  };
  if (isScalarType(type) && type.name in scalars) return scalars[type.name];
  throw new Error(`no sample for ${String(type)}: add one`);
}

/** The mutation as a document with its required arguments as variables, asking for the answer's __typename. */
function callOf(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((a) => isNonNullType(a.type));
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `mutation${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

/** The Mutation fields a subgraph's own SDL declares. */
function mutationsOf(subgraph: string): string[] {
  const sdl = parse(readFileSync(projectPath('schema', `${subgraph}.graphql`), 'utf8'));
  return sdl.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation'
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  );
}

let hub: HubAccess;
const tokens = {} as Record<(typeof ROLES)[number], string>;
let memberId: string;
/** The subjects our tokens carry: whatever a refused call would have audited would name one of them. */
let subjects: string[] = [];
const subjectOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

beforeAll(async () => {
  hub = await sharedTestHub('access-policies');
  const coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  Object.assign(tokens, { HQ: coalition.tokens.HQ, MERCHANT: coalition.tokens.MERCHANT, TERMINAL: coalition.tokens.TERMINAL });
  memberId = ok(
    await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '守门', storeId: coalition.A.stores[0]!.id } }, tokens.TERMINAL),
  ).registerMember.member.id;
  tokens.MEMBER = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, tokens.MERCHANT)).createMemberSession.token;
  subjects = Object.values(tokens).map(subjectOf);
});

const auditedBy = async (actors: string[]) =>
  (await withDatabase(hub.databaseUrl, (db) => db.query('select count(*)::int as n from merchant.audit_entry where actor_id = any($1)', [actors]))).rows[0]
    .n as number;

describe('access policies', () => {
  it.each(Object.entries(TABLES))("the %s subgraph's table has a policy for each of its mutations, and no other", (subgraph, table) => {
    expect(Object.keys(table).sort()).toEqual(mutationsOf(subgraph).sort());
    for (const [name, policy] of Object.entries(table)) {
      expect(policy.rule.length, name).toBeGreaterThan(5);
      if (policy.roles !== 'ANYONE') expect(policy.roles.length, name).toBeGreaterThan(0);
    }
    // Only a login is open to a caller without a token.
    expect(Object.keys(table).filter((name) => table[name]!.roles === 'ANYONE')).toEqual(subgraph === 'merchant' ? ['authenticate'] : []);
  });

  const cases = Object.entries(TABLES).flatMap(([subgraph, table]) =>
    Object.entries(table).flatMap(([name, policy]) =>
      policy.roles === 'ANYONE'
        ? []
        : [{ subgraph: subgraph as keyof typeof TABLES, name, refused: ROLES.filter((r) => !(policy.roles as readonly Role[]).includes(r)) }],
    ),
  );

  it.each(cases)('$subgraph $name: refused to every role its policy leaves out, and without a token', async ({ subgraph, name, refused }) => {
    const field = mutationType.getFields()[name]!;
    expect(field, name).toBeDefined();
    const before = { audited: await auditedBy(subjects), ledger: await ledgerSnapshot(hub.databaseUrl, { members: [memberId] }) };
    for (const role of [...refused, null]) {
      const want = role ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      const token = role ? tokens[role] : undefined;
      const direct = callOf(field);
      expect(codeOf(await subgraphCall(hub, subgraph, direct.query, direct.variables, token)), `${name} as ${role ?? 'no one'}, straight`).toBe(want);
      const viaGateway = callOf(field);
      expect(codeOf(await graphql(hub.gatewayUrl, viaGateway.query, viaGateway.variables, token)), `${name} as ${role ?? 'no one'}, through the gateway`).toBe(
        want,
      );
    }
    expect(await auditedBy(subjects)).toBe(before.audited);
    expect(await ledgerSnapshot(hub.databaseUrl, { members: [memberId] })).toEqual(before.ledger);
  });
});
