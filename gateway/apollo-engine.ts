/**
 * Apollo Gateway as the gateway's engine (the default): query planning over
 * the supergraph, each subgraph call through ForwardingDataSource.
 */
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GATEWAY_ASSERTION_HEADER, claimsFromHeader } from '../lib/auth.js';
import { apolloEngine } from '../lib/http.js';
import { operationLimitsPlugin } from '../lib/operation-limits.js';
import { apolloServerSettings, requestLogPlugin, requireTokenPlugin, statusFromErrorsPlugin, type LoggedContext } from '../lib/plugins.js';
import { strictInputPlugin } from '../lib/strict-input.js';
import { deduplicateRepresentations } from './entity-deduplication.js';
import { subgraphFetcher } from './subgraph-fetcher.js';
import { ANONYMOUS_FIELDS, type GatewayEngine, type GatewaySetup } from './setup.js';

interface ApolloGatewayContext extends LoggedContext {
  authorization?: string;
  requestId: string;
  /** The gateway's own short-lived credential, which every subgraph requires (lib/auth.ts). */
  assertion: string;
}

type ProcessOptions = Parameters<RemoteGraphQLDataSource<ApolloGatewayContext>['process']>[0];

class ForwardingDataSource extends RemoteGraphQLDataSource<ApolloGatewayContext> {
  override async process(options: ProcessOptions) {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2) return super.process(options);
    const deduplicated = deduplicateRepresentations(representations);
    if (deduplicated.unique.length === representations.length) return super.process(options);
    const request = { ...options.request, variables: { ...options.request.variables, representations: deduplicated.unique } };
    return deduplicated.expand(await super.process({ ...options, request }));
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<ApolloGatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(GATEWAY_ASSERTION_HEADER, context.assertion);
  }
}

export async function startApolloEngine(setup: GatewaySetup): Promise<GatewayEngine> {
  const { limits, log, verifier, assertion } = setup;
  const fetcher = subgraphFetcher(limits.maxResponseBytes, limits.maxSubgraphMs);
  // Apollo Gateway reports to Apollo's servers (uptime, CPUs, memory, cloud provider; hourly and at stop), and to learn
  // the cloud provider it calls the cloud metadata addresses at start. A hub that holds members' money and data talks to
  // no third party it was not configured to: off, whatever the environment says (docs/security.md).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: setup.supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: setup.subgraphUrls[name] ?? url!, fetcher }),
  });
  const apollo = new ApolloServer<ApolloGatewayContext>({
    gateway,
    ...apolloServerSettings(limits),
    plugins: [
      requireTokenPlugin(ANONYMOUS_FIELDS),
      operationLimitsPlugin(limits, setup.supergraphSdl),
      strictInputPlugin(),
      statusFromErrorsPlugin(),
      requestLogPlugin(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  return {
    engine: apolloEngine(apollo, async (req: IncomingMessage, requestId: string) => {
      const authorization = req.headers.authorization;
      const claims = await claimsFromHeader(authorization, verifier);
      return { claims, authorization, requestId, assertion: await assertion(), log: log.child({ requestId, role: claims?.role, caller: claims?.subject }) };
    }),
    stop: () => apollo.stop(),
  };
}
