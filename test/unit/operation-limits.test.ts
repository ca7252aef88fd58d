/**
 * The operation limits, without a server: every contract operation fits
 * them with room to spare, every list declares its size, and the attacks of
 * issue 9 item 1 are refused by the limit meant for them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type NamedTypeNode,
  type OperationDefinitionNode,
} from 'graphql';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import fc from 'fast-check';
import { DEFAULT_LIMITS, checkTokens, costCheck, limitValidationRules, limitsFromEnv } from '../../lib/operation-limits.js';
import { costInputsOf, listSizesOf, operationCost, undeclaredLists } from '../../lib/operation-cost.js';
import { contractOperations } from '../support/graphql.js';
import { attacks } from '../support/attacks.js';

const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const apiSchema = buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
const sizes = listSizesOf(parse(supergraphSdl));

/** A value of an input type with every required field filled; lists hold one item; `Int` is the largest page, 100. */
function placeholder(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [placeholder(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, placeholder(f.type)]),
    );
  }
  return ({ Int: 100, Boolean: true } as Record<string, unknown>)[inner.name] ?? 'x';
}

function variablesFor(document: string): Record<string, unknown> {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, placeholder(typeFromAST(apiSchema, v.type as NamedTypeNode) as GraphQLInputType)]),
  );
}

function refusals(query: string, variables: Record<string, unknown> = {}): string[] {
  const document = parse(query);
  const limits = validate(apiSchema, document, [...specifiedRules, ...limitValidationRules(DEFAULT_LIMITS)])
    .map((e) => e.extensions.limit)
    .filter((l): l is string => typeof l === 'string');
  if (limits.length > 0) return limits;
  return operationCost({ schema: apiSchema, document, variables, sizes }) > DEFAULT_LIMITS.maxCost ? ['maxCost'] : [];
}

describe('operation limits', () => {
  it('every contract operation is within every limit, at the largest page it may ask for', () => {
    const costs: Record<string, number> = {};
    for (const [name, { document }] of contractOperations()) {
      const variables = variablesFor(document);
      expect(refusals(document, variables), name).toEqual([]);
      expect(() => checkTokens(document, DEFAULT_LIMITS.maxTokens)).not.toThrow();
      costs[name] = operationCost({ schema: apiSchema, document: parse(document), variables, sizes });
    }
    console.log(`contract operation costs (limit ${DEFAULT_LIMITS.maxCost}): ${JSON.stringify(costs)}`);
    expect(Math.max(...Object.values(costs))).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost / 2);
  });

  it.each(['member', 'wallet', 'merchant'])('every list field of the %s subgraph declares its size', (name) => {
    expect(undeclaredLists(parse(readFileSync(new URL(`../../schema/${name}.graphql`, import.meta.url), 'utf8')))).toEqual([]);
  });

  it('a page size multiplies what each item costs', () => {
    const query = 'query($first: Int) { me { transactions(first: $first) { edges { node { id store { id name } } } } } }';
    const cost = (first: number) => operationCost({ schema: apiSchema, document: parse(query), variables: { first }, sizes });
    expect(cost(100) - cost(50)).toBe(50 * (cost(2) - cost(1)));
    expect(cost(2) - cost(1)).toBe(3); // edge, node, store
  });

  it("a cost reads only the variables of slicing arguments, analytical ranges, directives and representations' length; a checkout's none", () => {
    const paged = parse(
      'query($first: Int, $show: Boolean!, $note: String) { me { transactions(first: $first) { edges { node { id store @include(if: $show) { id } } } } } }',
    );
    expect(Object.fromEntries(costInputsOf(apiSchema, paged, sizes))).toEqual({ first: 'value', show: 'value' });
    const checkout = contractOperations().get('Checkout')!.document;
    expect(costInputsOf(apiSchema, parse(checkout), sizes).size).toBe(0);
    // A subgraph's `_entities`, as federation adds it to every subgraph's schema.
    const subgraph = buildSchema('scalar _Any type Member { id: ID! } union _Entity = Member type Query { _entities(representations: [_Any!]!): [_Entity]! }');
    const entities = parse('query($r: [_Any!]!, $n: String) { _entities(representations: $r) { ... on Member { id } } }');
    expect(Object.fromEntries(costInputsOf(subgraph, entities, new Map()))).toEqual({ r: 'length' });
  });

  it('a cost remembered for a document decides as counting it afresh would, whatever the page sizes and conditions', () => {
    // One parsed document, as a server's document store hands out; a low limit, so that some pages pass and some do not.
    const limits = { ...DEFAULT_LIMITS, maxCost: 300 };
    const query = 'query($first: Int, $show: Boolean!) { me { transactions(first: $first) { edges { node { id store @include(if: $show) { id } } } } } }';
    const document = parse(query);
    const remembering = costCheck(limits, supergraphSdl);
    const outcome = (check: ReturnType<typeof costCheck>, doc: typeof document, variables: Record<string, unknown>) => {
      try {
        check({ schema: apiSchema, document: doc, variables });
        return 'let through';
      } catch (error) {
        return (error as { extensions?: { limit?: string; cost?: number } }).extensions;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.record({ first: fc.integer({ min: 0, max: 200 }), show: fc.boolean() }), { minLength: 1, maxLength: 20 }), (requests) => {
        for (const variables of requests) {
          expect(outcome(remembering, document, variables)).toEqual(outcome(costCheck(limits, supergraphSdl), parse(query), variables));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the fragment bomb is refused for its depth', () => {
    expect(refusals(attacks.fragmentBomb('00000000-0000-4000-8000-000000000000'))).toContain('maxDepth');
  });

  it('eleven levels of plain nesting are refused for their depth', () => {
    expect(refusals(attacks.deepNesting('00000000-0000-4000-8000-000000000000', 11))).toContain('maxDepth');
  });

  it('nesting within the depth limit is refused for its cost (a merchant has up to 100 stores)', () => {
    expect(refusals(attacks.deepNesting('00000000-0000-4000-8000-000000000000', 3))).toEqual(['maxCost']);
  });

  it('2,000 aliases are refused for their number, and their tokens before any parsing', () => {
    const query = attacks.aliases('00000000-0000-4000-8000-000000000000', 2000);
    expect(refusals(query)).toContain('maxAliases');
    expect(() => checkTokens(query, DEFAULT_LIMITS.maxTokens)).toThrow(/maxTokens/);
  });

  it('a text let through is remembered per limit: the same text is still refused under a lower one, and a refused text again', () => {
    const query = attacks.aliases('00000000-0000-4000-8000-000000000000', 20);
    expect(() => checkTokens(query, 10_000)).not.toThrow();
    expect(() => checkTokens(query, 10_000)).not.toThrow();
    expect(() => checkTokens(query, 50)).toThrow(/maxTokens/);
    expect(() => checkTokens(query, 50)).toThrow(/maxTokens/);
  });

  it('limits come from the environment, and nonsense there stops the process from starting', () => {
    expect(limitsFromEnv({ UNICARD_MAX_DEPTH: '7', UNICARD_INTROSPECTION: 'true' })).toMatchObject({
      maxDepth: 7,
      introspection: true,
      maxAliases: DEFAULT_LIMITS.maxAliases,
    });
    expect(limitsFromEnv({}).introspection).toBe(false);
    expect(() => limitsFromEnv({ UNICARD_MAX_COST: 'lots' })).toThrow(/UNICARD_MAX_COST/);
    expect(() => limitsFromEnv({ UNICARD_INTROSPECTION: 'yes' })).toThrow(/UNICARD_INTROSPECTION/);
  });
});
