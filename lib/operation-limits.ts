/**
 * Limits on what one request may ask for, the same in the gateway and in
 * every subgraph (a subgraph may be reached by another router): depth,
 * aliases, directives and tokens (GraphQL Armor), a cost that knows list
 * sizes (lib/operation-cost.ts), the body and the response size. Each
 * refusal is BAD_USER_INPUT with `extensions.limit` naming the limit, so a
 * client can tell which one it hit. Every number comes from the
 * environment, with the defaults below (docs/security.md).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { KnownCosts, listSizesOf, operationCost } from './operation-cost.js';
import { TextMemory } from './text-memory.js';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** How deep the JSON of a request (its variables and extensions) may nest: checked before anything walks it. */
  maxInputDepth: number;
  maxCost: number;
  /** Analytical fields (lib/operation-cost.ts's ANALYTICAL_FIELDS) one request may hold. */
  maxAnalyticalFields: number;
  maxBodyBytes: number;
  maxResponseBytes: number;
  /**
   * How long the gateway waits for a subgraph's answer (its headers, then each part of its body) before the call is
   * SERVICE_UNAVAILABLE, retryable with its key: a subgraph that has stopped answering must not hold a request for ever.
   */
  maxSubgraphMs: number;
  /** Introspection is a development aid: off unless configured on. */
  introspection: boolean;
}

/**
 * Why these numbers: the deepest contract operation nests 7 selection sets,
 * the most costly (HQ's Settlement, with its assumed 2,000 positions) costs
 * 4,504, the largest has 111 tokens and none has an alias. Each limit leaves
 * room above that and stays far below what hurt (docs/security.md).
 */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 1500,
  // The contract's deepest variables nest 5 levels in the body ({ variables: { input: { audience: { rfmSegments: [] } } } }).
  maxInputDepth: 32,
  maxCost: 20_000,
  maxAnalyticalFields: 1,
  maxBodyBytes: 256 * 1024,
  maxResponseBytes: 16 * 1024 * 1024,
  // Undici's own default, which was the limit before it was named: an analytical request runs up to 2 minutes
  // (lib/sql.ts); a campaign's pass over a very large audience may run up to 10 (campaigns.ts), and the wallet finishes
  // it after the gateway has answered.
  maxSubgraphMs: 300_000,
  introspection: false,
};

const ENV: Record<keyof OperationLimits, string> = {
  maxDepth: 'UNICARD_MAX_DEPTH',
  maxAliases: 'UNICARD_MAX_ALIASES',
  maxDirectives: 'UNICARD_MAX_DIRECTIVES',
  maxTokens: 'UNICARD_MAX_TOKENS',
  maxInputDepth: 'UNICARD_MAX_INPUT_DEPTH',
  maxAnalyticalFields: 'UNICARD_MAX_ANALYTICAL_FIELDS',
  maxCost: 'UNICARD_MAX_COST',
  maxBodyBytes: 'UNICARD_MAX_BODY_BYTES',
  maxResponseBytes: 'UNICARD_MAX_RESPONSE_BYTES',
  maxSubgraphMs: 'UNICARD_MAX_SUBGRAPH_MS',
  introspection: 'UNICARD_INTROSPECTION',
};

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [name, variable] of Object.entries(ENV) as [keyof OperationLimits, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    if (name === 'introspection') {
      if (raw !== 'true' && raw !== 'false') throw new Error(`${variable} must be true or false`);
      limits.introspection = raw === 'true';
    } else {
      const value = Number(raw);
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${variable} must be a positive whole number`);
      limits[name] = value;
    }
  }
  return limits;
}

export function limitError(limit: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', limit, ...extra, http: { status: 400 } } });
}

/** Armor's rules report through these, with our code and the limit's name instead of its generic error. */
function armorRule(limit: string, max: number, rule: (options: object) => ValidationRule): ValidationRule {
  return (context: ValidationContext) =>
    rule({
      n: max,
      propagateOnRejection: false,
      onReject: [(ctx: ValidationContext | null) => ctx?.reportError(limitError(limit, `The operation exceeds the ${limit} limit of ${max}`, { max }))],
    })(context);
}

export function limitValidationRules(limits: OperationLimits): ValidationRule[] {
  return [
    armorRule('maxDepth', limits.maxDepth, (o) => maxDepthRule({ ...o, ignoreIntrospection: true, flattenFragments: true })),
    armorRule('maxAliases', limits.maxAliases, maxAliasesRule),
    armorRule('maxDirectives', limits.maxDirectives, maxDirectivesRule),
  ];
}

/**
 * Texts whose tokens were counted and let through, per limit: lexing each request's text again was 1% of the gateway's
 * and the wallet's CPU per checkout. A text over the limit is never kept, so every refusal is counted afresh.
 */
const WITHIN_TOKENS = new Map<number, TextMemory<true>>();

/** Counts tokens before Apollo parses (and so before validation does any work on a huge document). */
export function checkTokens(query: string, maxTokens: number): void {
  let within = WITHIN_TOKENS.get(maxTokens);
  if (within?.get(query)) return;
  countTokens(query, maxTokens);
  if (!within) WITHIN_TOKENS.set(maxTokens, (within = new TextMemory()));
  within.remember(query, true);
}

function countTokens(query: string, maxTokens: number): void {
  try {
    new MaxTokensParserWLexer(query, { n: maxTokens }).parseDocument();
  } catch (error) {
    // Matched by message: armor's CommonJS build may carry its own graphql module, so instanceof is unreliable.
    if (/Token limit of \d+ exceeded/.test((error as Error).message)) {
      throw limitError('maxTokens', `The operation exceeds the maxTokens limit of ${maxTokens}`, { max: maxTokens });
    }
    // Syntax errors are Apollo's to report, as usual.
  }
}

/**
 * Refuses JSON nested deeper than `maxDepth`, walking it with a stack of its own (no recursion: 20,000 levels of
 * `{"a":` once overflowed the call stack of the input checks that came after). Width is bounded by the body's size.
 */
export function checkInputDepth(value: unknown, maxDepth: number): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) throw limitError('maxInputDepth', `The request's JSON nests deeper than the maxInputDepth limit of ${maxDepth}`, { max: maxDepth });
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
}

/**
 * Apollo plugin: the cost, once the operation is known (validation has
 * passed, so depth and aliases are already bounded). Tokens are counted
 * earlier, by the HTTP front (lib/http.ts), before Apollo parses.
 */
export function operationLimitsPlugin<C extends BaseContext>(limits: OperationLimits, sdl: string | DocumentNode): ApolloServerPlugin<C> {
  const checkCost = costCheck(limits, sdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request: { variables }, operation, operationName }) {
          // No operation to run (an unknown name, or several without one): Apollo answers OPERATION_RESOLUTION_FAILURE.
          if (!operation) return;
          checkCost({ schema, document, variables, operationName: operationName ?? undefined });
        },
      };
    },
  };
}

/** Refuses an operation whose cost, with the list sizes the SDL declares, is over `maxCost`. */
export function costCheck(limits: OperationLimits, sdl: string | DocumentNode) {
  const sizes = listSizesOf(typeof sdl === 'string' ? parse(sdl) : sdl);
  const known = new KnownCosts(sizes);
  return (operation: { schema: GraphQLSchema; document: DocumentNode; variables?: Record<string, unknown>; operationName?: string }): void => {
    const analytical = known.analyticalFields(operation);
    // An operation seen before with the same values where its cost reads any (lib/operation-cost.ts, KnownCosts.keyOf) and let
    // through then is let through again without walking it: the walk was a sixth of the gateway's CPU per checkout.
    // Only a cost that passed is kept, so every refusal below is worked out as before.
    const key = analytical <= limits.maxAnalyticalFields ? known.keyOf(operation) : undefined;
    if (key !== undefined && known.passed(operation.document, key)) return;
    let cost: number;
    try {
      cost = operationCost({ ...operation, sizes });
    } catch (error) {
      // Variables that do not fit their types: execution refuses them before any resolver runs.
      if (/^Variable "\$/.test((error as Error).message)) return;
      cost = Number.POSITIVE_INFINITY; // too many nodes to even count
    }
    if (analytical > limits.maxAnalyticalFields) {
      throw limitError(
        'maxAnalyticalFields',
        `The operation asks for ${analytical} analytical fields; the maxAnalyticalFields limit is ${limits.maxAnalyticalFields}: ask for one per request`,
        { max: limits.maxAnalyticalFields },
      );
    }
    if (cost > limits.maxCost) {
      throw limitError(
        'maxCost',
        `The operation's cost ${Number.isFinite(cost) ? cost : 'is beyond counting and'} exceeds the maxCost limit of ${limits.maxCost}; ask for fewer items`,
        { max: limits.maxCost, ...(Number.isFinite(cost) ? { cost } : {}) },
      );
    }
    if (key !== undefined) known.pass(operation.document, key);
  };
}
