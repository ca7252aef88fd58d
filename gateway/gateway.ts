/**
 * The gateway: one graph over the three subgraphs, from the supergraph
 * composed at build time (no introspection at start). It verifies the
 * caller's JWT, counts the request against the caller's rate limit (in its
 * own `gateway` schema), forwards the token and the request id to every
 * subgraph call, and owns no other data.
 *
 * Two engines serve the same supergraph with the same rules, chosen by
 * UNICARD_GATEWAY_ENGINE: Apollo Gateway (`apollo`, the default) and Hive
 * Gateway (`hive`). The HTTP front (lib/http.ts) and everything here is
 * theirs in common.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { POOL_IDLE_MS, connectionName } from '../lib/database-connections.js';
import { TokenVerifier, claimsFromHeader, gatewayAssertions } from '../lib/auth.js';
import { RequestRateLimit, requestsPerMinuteFromEnv } from '../lib/rate-limits.js';
import { isConnectionFailure } from '../lib/errors.js';
import { ISSUERS, KeyRing } from '../lib/keys.js';
import { clockFromEnv } from '../lib/clock.js';
import { createHttpServer, httpRequestsTaken, jwksRoute, listen } from '../lib/http.js';
import { aloneInProcess, type ProcessHost } from '../lib/process-host.js';
import { startMetricsServer } from '../lib/metrics.js';
import { limitsFromEnv } from '../lib/operation-limits.js';
import { createLogger } from '../lib/logger.js';
import { staticSite } from '../lib/static-site.js';
import { projectPath } from '../lib/project-root.js';
import { GATEWAY_ENGINES, type GatewayEngineName, type GatewaySetup } from './setup.js';

export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayEngineName {
  const name = env.UNICARD_GATEWAY_ENGINE ?? 'apollo';
  if (!(GATEWAY_ENGINES as readonly string[]).includes(name)) throw new Error(`UNICARD_GATEWAY_ENGINE must be one of ${GATEWAY_ENGINES.join(', ')}`);
  return name as GatewayEngineName;
}

export async function startGateway(env: NodeJS.ProcessEnv = process.env, processHost: ProcessHost = aloneInProcess) {
  const startedUp = processHost.starting();
  const log = createLogger('gateway');
  const clock = clockFromEnv(env);
  const keys = KeyRing.fromEnv(ISSUERS.gateway, env);
  const supergraphPath = env.SUPERGRAPH_PATH ?? projectPath('schema', 'supergraph.graphql');
  const subgraphUrls: Record<string, string> = {};
  for (const name of ['member', 'wallet', 'merchant']) {
    const base = env[`${name.toUpperCase()}_URL`];
    if (base) subgraphUrls[name] = new URL('/graphql', base).toString();
  }
  const setup: GatewaySetup = {
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls,
    limits: limitsFromEnv(env),
    verifier: TokenVerifier.fromEnv(clock, env),
    assertion: gatewayAssertions(keys, clock),
    log,
  };
  const engineName = engineFromEnv(env);
  // Only the chosen engine is loaded: each is a second of start-up of its own.
  const { engine, stop } =
    engineName === 'apollo'
      ? await (await import('./apollo-engine.js')).startApolloEngine(setup)
      : await (await import('./hive-engine.js')).startHiveEngine(setup, { routerRuntime: engineName === 'hive-router' });

  // Requests per minute per caller, counted here once per request whichever subgraphs it reaches, in PostgreSQL so
  // that every gateway replica counts against the same budget (lib/rate-limits.ts).
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL must be set: the gateway counts requests per caller in PostgreSQL');
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: Number(env.DB_POOL_SIZE ?? 20),
    idleTimeoutMillis: POOL_IDLE_MS,
    application_name: connectionName('gateway'),
  });
  // An idle connection the database dropped (a restart) is the pool's to replace, not a reason to exit.
  pool.on('error', (error) => log.warn({ error: error.message }, 'a rate-limit connection failed; the pool replaces it'));
  const rateLimit = await RequestRateLimit.start(pool, requestsPerMinuteFromEnv(env), env.MIGRATION_DATABASE_URL, (error) =>
    log.warn({ error: (error as Error).message }, 'requests counted here not yet added in PostgreSQL; trying again'),
  );
  // While the database cannot be reached the request goes on uncounted: the subgraphs answer it SERVICE_UNAVAILABLE
  // (retryable), as they would anyway, instead of the gateway answering an internal error.
  const admit = async (claims: Awaited<ReturnType<typeof claimsFromHeader>>) => {
    await rateLimit.admit(claims).catch((error: unknown) => {
      if (!isConnectionFailure(error)) throw error;
      log.warn({ error: (error as Error).message }, 'request not counted: the rate-limit store cannot be reached');
    });
  };
  const http = createHttpServer({
    engine,
    log,
    limits: setup.limits,
    // A bad or missing token is the engine's to refuse (UNAUTHENTICATED), not a request to count.
    admitRequest: async (req) => admit(await claimsFromHeader(req.headers.authorization, setup.verifier).catch(() => null)),
    routes: { '/.well-known/jwks.json': jwksRoute(keys) },
    site: staticSite(env.UNICARD_CONSOLE_DIR ?? projectPath('dist', 'console')),
    // Ready once every subgraph says it is ready (the supergraph is loaded before the server listens).
    isReady: async () => {
      const answers = await Promise.all(
        Object.values(subgraphUrls).map((u) =>
          fetch(new URL('/health/ready', u), { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      return answers.every(Boolean);
    },
  });
  const host = env.HOST ?? '127.0.0.1';
  const port = await listen(http, Number(env.PORT ?? 4000), host);
  log.info({ port, engine: engineName, url: `http://127.0.0.1:${port}/graphql` }, 'gateway listening');
  const metrics = env.METRICS_PORT
    ? await startMetricsServer(Number(env.METRICS_PORT), host, () => ({
        unicard_http_requests_total: httpRequestsTaken(),
        // Which engine serves (an "info" metric, always 1): for the operator comparing engines, and for the tests to
        // see that a project's requests reach its own engine. Only here, never on the public port.
        [`unicard_gateway_engine_info{engine="${engineName}"}`]: 1,
      }))
    : undefined;
  startedUp();
  processHost.serve({
    name: 'gateway',
    log,
    http,
    clock,
    release: async () => {
      metrics?.close();
      await stop();
      // What this gateway admitted since its last flush, added before it goes, so that a restart remembers.
      await rateLimit.stop().catch(() => undefined);
      await pool.end();
    },
  });
  return { port };
}
