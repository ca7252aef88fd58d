/**
 * Hive Gateway's runtime as the gateway's engine (UNICARD_GATEWAY_ENGINE=hive):
 * the same supergraph, served with the same rules as with Apollo Gateway.
 * With UNICARD_GATEWAY_ENGINE=hive-router it plans with Hive Router's query
 * planner (Rust, a native addon: @graphql-hive/router-runtime) and executes
 * with that package's executor, in place of its JavaScript stitching runtime;
 * everything below is the same.
 *
 * - Before it: the HTTP front (lib/http.ts) refuses large bodies (413) and
 *   too many tokens, and this engine refuses a bad token with 401.
 * - In it, as an envelop plugin: GraphQL Armor's depth, alias and directive
 *   rules at validation; at execution the token rule, strict input and the
 *   cost (the same functions the Apollo plugins call).
 * - Towards the subgraphs: the caller's token, the request id and the
 *   gateway's assertion on every call, through the same capped fetcher.
 * - After it: every error goes through lib/errors.ts's maskError, and a
 *   request refused as a whole gets the status of its code, so a client
 *   cannot tell the engines apart by their errors.
 */
import type { IncomingMessage } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { getOperationAST, GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_ASSERTION_HEADER, claimsFromHeader, type Claims } from '../lib/auth.js';
import { maskError } from '../lib/errors.js';
import { headerPairs, type GraphQLEngine, type GraphQLHttpResponse } from '../lib/http.js';
import { costCheck, limitValidationRules } from '../lib/operation-limits.js';
import { checkTokenRequired, statusOfRefusal } from '../lib/plugins.js';
import { checkArgumentStrings, scalars } from '../lib/strict-input.js';
import { subgraphFetch } from './subgraph-fetcher.js';
import { ANONYMOUS_FIELDS, type GatewayEngine, type GatewaySetup } from './setup.js';

/** What our front hands the runtime with each request (Yoga's server context). */
interface UnicardContext extends Record<string, unknown> {
  claims: Claims | null;
  authorization?: string;
  requestId: string;
  assertion: string;
}

function unicardPlugin(setup: GatewaySetup): GatewayPlugin<UnicardContext> {
  const rules = limitValidationRules(setup.limits);
  const checkCost = costCheck(setup.limits, setup.supergraphSdl);
  const fetchCapped = subgraphFetch(setup.limits.maxResponseBytes, setup.limits.maxSubgraphMs);
  return {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Partial<UnicardContext>;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      try {
        checkTokenRequired(context.claims ?? null, getOperationAST(args.document, args.operationName), ANONYMOUS_FIELDS);
        checkArgumentStrings(args.document, variables);
        checkCost({ schema: args.schema, document: args.document, variables, operationName: args.operationName ?? undefined });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
    onFetch({ context, options, setOptions, setFetchFn }) {
      const ours = context as Partial<UnicardContext>;
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      if (ours.authorization) headers.authorization = ours.authorization;
      if (ours.requestId) headers['x-request-id'] = ours.requestId;
      if (ours.assertion) headers[GATEWAY_ASSERTION_HEADER] = ours.assertion;
      setOptions({ ...options, headers });
      setFetchFn(fetchCapped as unknown as Parameters<typeof setFetchFn>[0]);
    },
  };
}

/** The runtime's answer, with errors as Apollo's engine and the subgraphs shape them (maskError) and the status of a refusal. */
function asOurAnswer(status: number, headers: Headers, text: string): GraphQLHttpResponse & { codes?: unknown[] } {
  const plain = [...headers].filter(([name]) => name !== 'content-length');
  if (!text.includes('"errors"')) return { status, headers: plain, text };
  const result = JSON.parse(text) as ExecutionResult & { errors?: GraphQLFormattedError[] };
  if (!result.errors) return { status, headers: plain, text };
  const errors = result.errors.map((error) => maskError(withCode(error), undefined));
  const refusal = statusOfRefusal(result.data, errors);
  if (refusal?.retryAfter) plain.push(['retry-after', refusal.retryAfter]);
  return { status: refusal?.status ?? status, headers: plain, text: JSON.stringify({ ...result, errors }), codes: errors.map((e) => e.extensions?.code) };
}

/**
 * Hive Gateway wraps what subgraphs answered for one field in a GraphQLError
 * whose original error is an AggregateError of theirs ("A, A, A" when three
 * entities were refused alike). The first of them is the answer, with the
 * field's path; anything that is not a subgraph's GraphQL error gets what
 * maskError makes of it (SERVICE_UNAVAILABLE when a subgraph could not be
 * reached, else an opaque internal error, logged).
 */
function unwrapSubgraphError(error: unknown, setup: GatewaySetup): Error {
  const path = error instanceof GraphQLError ? error.path : undefined;
  let inner: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    if (inner instanceof AggregateError && inner.errors.length > 0) inner = inner.errors[0];
    else if (inner instanceof GraphQLError && inner.originalError && !inner.extensions.code) inner = inner.originalError;
    else break;
  }
  if (inner instanceof GraphQLError && typeof inner.extensions.code === 'string') {
    return new GraphQLError(inner.message, { path: path ?? inner.path, extensions: inner.extensions });
  }
  // graphql-js's own refusals of the request (a variable that does not fit its type) have no path: asOurAnswer gives them their code.
  if (error instanceof GraphQLError && !error.path) return new GraphQLError(error.message, { nodes: error.nodes, extensions: error.extensions });
  const masked = maskError({ message: 'Internal error', ...(path ? { path } : {}) }, error);
  if (masked.extensions?.code === 'INTERNAL_SERVER_ERROR') setup.log.error({ err: error, path }, 'request failed');
  return new GraphQLError(masked.message, { path, extensions: masked.extensions });
}

/**
 * Yoga reports a document that does not parse or validate without a code;
 * Apollo calls them GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED, and
 * so do we, whichever engine answers.
 */
function withCode(error: GraphQLFormattedError): GraphQLFormattedError {
  if (error.extensions?.code || error.path) return error;
  const code = /^Syntax Error/.test(error.message) ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
  return { ...error, extensions: { ...error.extensions, code } };
}

export async function startHiveEngine(setup: GatewaySetup, opts: { routerRuntime?: boolean } = {}): Promise<GatewayEngine> {
  const transportEntries = Object.fromEntries(Object.entries(setup.subgraphUrls).map(([name, location]) => [name, { location }]));
  // Loaded only when chosen: a native addon, built for the platforms its package names (linux-x64-gnu among them).
  const routerRuntime = opts.routerRuntime ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {};
  const runtime = createGatewayRuntime<UnicardContext>({
    ...routerRuntime,
    supergraph: setup.supergraphSdl,
    transportEntries,
    // The strict Decimal, Date and DateTime (lib/strict-input.ts), so that a bad literal fails validation here, as at the subgraphs.
    additionalResolvers: scalars,
    // Given here rather than found by a dynamic import at the first request.
    transports: { http: httpTransport },
    plugins: () => [unicardPlugin(setup)],
    maskedErrors: { maskError: (error) => unwrapSubgraphError(error, setup) },
    disableIntrospection: setup.limits.introspection ? undefined : { disableIf: () => true },
    landingPage: false,
    graphiql: false,
    logging: 'error',
    // Our front answers /health/*; the runtime serves /graphql only.
    healthCheckEndpoint: '/__hive_health',
    readinessCheckEndpoint: '/__hive_ready',
    csrfPrevention: { requestHeaders: ['content-type', 'x-apollo-operation-name', 'apollo-require-preflight'] },
  });
  const engine: GraphQLEngine = async ({ req, url, body, requestId }) => {
    const authorization = req.headers.authorization;
    let claims: Claims | null;
    try {
      claims = await claimsFromHeader(authorization, setup.verifier);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const refused = { errors: [maskError(error.toJSON(), error)] };
      return { status: statusOfRefusal(null, refused.errors)?.status ?? 400, headers: [['content-type', 'application/json']], text: JSON.stringify(refused) };
    }
    // The front serves GraphQL at / and /graphql; the runtime at /graphql.
    const request = new Request(`http://gateway/graphql${url.search}`, {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      ...(req.method === 'POST' ? { body: JSON.stringify(body) } : {}),
    });
    const context: UnicardContext = { claims, authorization, requestId, assertion: await setup.assertion() };
    const started = performance.now();
    const response = await runtime.fetch(request, context);
    const answer = asOurAnswer(response.status, response.headers, await response.text());
    // The same line per request as lib/plugins.ts's requestLogPlugin writes for Apollo.
    const operationName = body && typeof body === 'object' ? (body as { operationName?: unknown }).operationName : undefined;
    setup.log
      .child({ requestId, role: claims?.role, caller: claims?.subject })
      .info({ operationName, ms: Math.round(performance.now() - started), errors: answer.codes }, 'request');
    return answer;
  };
  return {
    engine,
    stop: async () => {
      await runtime.dispose();
    },
  };
}

/** The client's headers for the runtime's Request, less those of the connection and of the body we serialise again. */
function headersOf(req: IncomingMessage): Headers {
  return new Headers(headerPairs(req).filter(([name]) => name !== 'content-length' && name !== 'host' && name !== 'connection'));
}
