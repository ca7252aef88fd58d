/**
 * The gateway: one graph over the three subgraphs, from the supergraph
 * composed at build time (no introspection at start). It verifies the
 * caller's JWT, forwards it and the request id to every subgraph call, and
 * owns no data.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GATEWAY_ASSERTION_HEADER, TokenVerifier, claimsFromHeader, gatewayAssertions } from '../lib/auth.js';
import { ISSUERS, KeyRing } from '../lib/keys.js';
import { clockFromEnv } from '../lib/clock.js';
import { maskError } from '../lib/errors.js';
import { requestLogPlugin, requireTokenPlugin, statusFromErrorsPlugin, type LoggedContext } from '../lib/plugins.js';
import { createHttpServer, exitOnSignalsDuringStartup, jwksRoute, listen, shutdownOnSignals, startMetricsServer } from '../lib/http.js';
import { limitValidationRules, limitsFromEnv, operationLimitsPlugin } from '../lib/operation-limits.js';
import { createLogger } from '../lib/logger.js';
import { projectPath } from '../lib/project-root.js';
import { strictInputPlugin } from '../lib/strict-input.js';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { deduplicateRepresentations } from './entity-deduplication.js';
import { subgraphFetcher } from './subgraph-fetcher.js';

interface GatewayContext extends LoggedContext {
  authorization?: string;
  requestId: string;
  /** The gateway's own short-lived credential, which every subgraph requires (lib/auth.ts). */
  assertion: string;
}

/** Root fields callable without a token. */
const ANONYMOUS_FIELDS = new Set(['authenticate', '__typename']);

function subgraphUrl(name: string, fallback: string, env: NodeJS.ProcessEnv): string {
  const base = env[`${name.toUpperCase()}_URL`];
  return base ? new URL('/graphql', base).toString() : fallback;
}

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async process(options: ProcessOptions) {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2) return super.process(options);
    const deduplicated = deduplicateRepresentations(representations);
    if (deduplicated.unique.length === representations.length) return super.process(options);
    const request = { ...options.request, variables: { ...options.request.variables, representations: deduplicated.unique } };
    return deduplicated.expand(await super.process({ ...options, request }));
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(GATEWAY_ASSERTION_HEADER, context.assertion);
  }
}

export async function startGateway(env: NodeJS.ProcessEnv = process.env) {
  const startedUp = exitOnSignalsDuringStartup();
  const log = createLogger('gateway');
  const clock = clockFromEnv(env);
  const verifier = TokenVerifier.fromEnv(clock, env);
  const keys = KeyRing.fromEnv(ISSUERS.gateway, env);
  const assertion = gatewayAssertions(keys, clock);
  const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH ?? projectPath('schema', 'supergraph.graphql'), 'utf8');
  let ready = false;
  const limits = limitsFromEnv(env);
  const fetcher = subgraphFetcher(limits.maxResponseBytes);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: subgraphUrl(name, url!, env), fetcher }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    validationRules: limitValidationRules(limits),
    stopOnTerminationSignals: false, // shutdownOnSignals (lib/http.ts) drains connections first, then stops Apollo
    formatError: maskError,
    csrfPrevention: true,
    plugins: [requireTokenPlugin(ANONYMOUS_FIELDS), operationLimitsPlugin(limits, supergraphSdl), strictInputPlugin(), statusFromErrorsPlugin(), requestLogPlugin(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  ready = true;

  const subgraphHealth = ['member', 'wallet', 'merchant'].map((name) => env[`${name.toUpperCase()}_URL`]).filter((u): u is string => !!u);
  const http = createHttpServer({
    apollo,
    log,
    limits,
    context: async (req: IncomingMessage, requestId: string) => {
      const authorization = req.headers.authorization;
      const claims = await claimsFromHeader(authorization, verifier);
      return { claims, authorization, requestId, assertion: await assertion(), log: log.child({ requestId, role: claims?.role, caller: claims?.subject }) };
    },
    routes: { '/.well-known/jwks.json': jwksRoute(keys) },
    // Ready once the supergraph is loaded and every subgraph says it is ready.
    isReady: async () => {
      if (!ready) return false;
      const answers = await Promise.all(subgraphHealth.map((u) => fetch(new URL('/health/ready', u), { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)));
      return answers.every(Boolean);
    },
  });
  const host = env.HOST ?? '127.0.0.1';
  const port = await listen(http, Number(env.PORT ?? 4000), host);
  log.info({ port, url: `http://127.0.0.1:${port}/graphql` }, 'gateway listening');
  const metrics = env.METRICS_PORT ? await startMetricsServer(Number(env.METRICS_PORT), host, () => ({})) : undefined;
  startedUp();
  shutdownOnSignals(log, http, async () => {
    metrics?.close();
    await apollo.stop();
  });
  return { port };
}
