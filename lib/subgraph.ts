/**
 * What every subgraph process does the same way: build the federated schema
 * from its SDL file, verify the caller's token, fork a MikroORM EntityManager
 * per request, log with the gateway's request id, mask internal errors,
 * answer health checks, relay its outbox and shut down gracefully.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { Kind, parse } from 'graphql';
import { projectPath } from './project-root.js';
import { scalars, strictInputPlugin } from './strict-input.js';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GATEWAY_ASSERTION_HEADER, TokenVerifier, claimsFromHeader, requireClaims, type Claims } from './auth.js';
import { auditEntry, recordAudit, type AuditAction, type AuditSubject } from './audit.js';
import type { KeyRing } from './keys.js';
import { clockFromEnv, type Clock } from './clock.js';
import { aloneInProcess, type ProcessHost } from './process-host.js';
import {
  countStatements,
  createOrm,
  connectionName,
  prepareSchema,
  requireDatabaseUrl,
  preparedStatementsFromEnv,
  usePreparedStatements,
  type MigrationSource,
  type OrmOptions,
  type OtherSchema,
  type SubgraphSchema,
} from './database.js';
import { apolloServerSettings, requestLogPlugin, requireTokenPlugin } from './plugins.js';
import { apolloEngine, createHttpServer, headerOf, jwksRoute, listen, httpRequestsTaken, type Route } from './http.js';
import { startMetricsServer } from './metrics.js';
import { catchesUpAtStart } from './replicas.js';
import { ReadReplica, maxLagMsFromEnv, type ReportRead } from './read-replica.js';
import { limitsFromEnv, operationLimitsPlugin } from './operation-limits.js';
import { FailureLockout, rateLimitStatementsSent, type LockoutState } from './rate-limits.js';
import { roundTripsSent } from './begin-ahead.js';
import { createLogger, type Logger } from './logger.js';
import { OutboxRelay, eventInboxRoute, httpEventSender, type EventSender } from './outbox.js';
import { subscribersOf, type HubEvent } from './events.js';
import { CallerSession, applySessionsEnded } from './session-end.js';
import { carriedSessionChecks, deferredSessionCheckPlugin } from './session-check.js';

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  claims: Claims | null;
  em: EntityManager;
  clock: Clock;
  log: Logger;
  requestId: string;
  /** The check of the caller's session (lib/session-end.ts): done before the resolvers run, or carried by a command's first statement. */
  session: CallerSession;
  /** Runs a report's reads (RFM, analytics) on the read replica when there is one within its lag, else on `em` (lib/read-replica.ts). */
  report: <T>(work: (read: ReportRead) => Promise<T>) => Promise<T>;
  /**
   * Runs a list or export that must hold every commit made before the request (a settlement run just computed again) on
   * the read replica once it has replayed them, else on `em` (lib/read-replica.ts).
   */
  freshReport: <T>(work: (read: ReportRead) => Promise<T>) => Promise<T>;
  /**
   * Reads more of an answer where its report read it (a run's statements), on `em` if that database has gone since;
   * an answer no report read (`read` undefined: a mutation's) on `em`.
   */
  readAgain: <T>(read: ReportRead | undefined, work: (em: EntityManager) => Promise<T>) => Promise<T>;
  /** Called by mutations after they commit events, so subscribers see them before the response. */
  publish: () => Promise<void>;
  /** The lock-out after repeated failures of one kind (lib/rate-limits.ts), one per spec across requests. */
  lockout: (spec: LockoutSpec) => FailureLockout;
  /**
   * Runs an audited change (lib/audit.ts) in one transaction with its audit
   * entry, which `describe` makes from the change's result; the entry has
   * reached the log when this returns.
   */
  audited: <T>(action: AuditAction, change: (tx: EntityManager) => Promise<T>, describe: (result: T) => AuditSubject) => Promise<T>;
}

export interface LockoutSpec {
  name: string;
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export function loadSdl(name: SubgraphSchema): string {
  return readFileSync(projectPath('schema', `${name}.graphql`), 'utf8');
}

export interface SubgraphDefinition<C extends RequestContext> {
  name: SubgraphSchema;
  entities: OrmOptions['entities'];
  migrations: MigrationSource;
  resolvers: GraphQLResolverMap<C>;
  /** Builds the per-request context (dataloaders etc.) on top of the common part. */
  extendContext: (base: RequestContext) => C;
  anonymousFields?: string[];
  /** Reaction to other subgraphs' events, in the inbox transaction. */
  /** Applies another subgraph's event; `occurredAt` is the producer's instant of it (its clock, which tests may set). */
  onEvent?: (em: EntityManager, event: HubEvent, occurredAt: Date) => Promise<void>;
  /** Extra plain-HTTP routes (none today besides /events). */
  routes?: Record<string, Route>;
  /** This subgraph's signing keys: for its event deliveries, the tokens it issues (merchant, member) and its JWKS. */
  keys?: KeyRing;
  /** Work it runs besides answering requests (the wallet's scheduled jobs), started after its migrations and stopped before its pool closes. */
  background?: (deps: BackgroundDeps) => Promise<RunningBackground>;
  /** Schemas besides its own that it migrates with its own (the wallet's job queue). */
  otherSchemas?: OtherSchema[];
  /**
   * Lock-outs keyed by the caller itself (the wallet's pay codes, per terminal): their state is read with the session's
   * check at the start of every request, so a guarded request spends no statement of its own on it.
   */
  callerLockouts?: LockoutSpec[];
}

export interface BackgroundDeps {
  databaseUrl: string;
  /** Whether it does at start what one process does for all (the wallet's catch-up jobs): false in every replica but one (lib/replicas.ts). */
  catchesUp: boolean;
  orm: MikroORM;
  clock: Clock;
  log: ReturnType<typeof createLogger>;
}

export interface RunningBackground {
  stop(): Promise<void>;
  /** What it does when a test moves the clock (lib/clock.ts): what it would do at a start with that clock. */
  clockMoved?(): Promise<void>;
}

export interface RunningSubgraph {
  port: number;
  orm: MikroORM;
}

export async function startSubgraph<C extends RequestContext>(
  def: SubgraphDefinition<C>,
  env: NodeJS.ProcessEnv = process.env,
  processHost: ProcessHost = aloneInProcess,
): Promise<RunningSubgraph> {
  const startedUp = processHost.starting();
  const log = createLogger(def.name);
  const clock = clockFromEnv(env);
  const verifier = TokenVerifier.fromEnv(clock, env);
  await prepareSchema({ schema: def.name, entities: def.entities, migrations: def.migrations, others: def.otherSchemas }, env);
  // Connected as the app role from here on (lib/database-roles.ts).
  usePreparedStatements(preparedStatementsFromEnv(env));
  const orm = await createOrm({ url: requireDatabaseUrl(env), schema: def.name, entities: def.entities, poolSize: Number(env.DB_POOL_SIZE ?? 20) });
  const statementsSent = countStatements(orm);
  // DATABASE_READ_URL: a streaming replica for reports (lib/read-replica.ts), as the app role; a small pool.
  const readOrm = env.DATABASE_READ_URL
    ? await createOrm({
        url: env.DATABASE_READ_URL,
        schema: def.name,
        entities: def.entities,
        poolSize: Number(env.DB_READ_POOL_SIZE ?? 5),
        applicationName: connectionName(def.name, 'reads'),
      })
    : undefined;
  const readReplica = readOrm ? new ReadReplica(readOrm, orm, clock, log, maxLagMsFromEnv(env)) : undefined;

  const senders: Record<string, EventSender> = {};
  for (const subscriber of subscribersOf(def.name)) {
    const url = env[`${subscriber.toUpperCase()}_URL`];
    if (!url) throw new Error(`${subscriber.toUpperCase()}_URL must be set: ${def.name} publishes events to it`);
    if (!def.keys) throw new Error(`${def.name} publishes events but has no signing keys`);
    senders[subscriber] = httpEventSender(new URL('/events', url).toString(), def.name, def.keys, clock);
  }
  const relay = new OutboxRelay(orm, def.name, senders, log);
  relay.start();
  const background = def.background
    ? await def.background({ databaseUrl: requireDatabaseUrl(env), catchesUp: catchesUpAtStart(env), orm, clock, log })
    : undefined;

  const lockouts = new Map<string, FailureLockout>();
  const lockout = (spec: LockoutSpec) =>
    lockouts.get(spec.name) ??
    lockouts.set(spec.name, new FailureLockout(orm, def.name, spec.name, spec.maxFailures, spec.windowSeconds, spec.lockSeconds)).get(spec.name)!;

  const limits = limitsFromEnv(env);
  const sdl = parse(loadSdl(def.name));
  // The strict custom scalars (lib/strict-input.ts) for each one this subgraph declares.
  const declaredScalars = Object.fromEntries(
    sdl.definitions.flatMap((d) =>
      d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value in scalars ? [[d.name.value, scalars[d.name.value as keyof typeof scalars]]] : [],
    ),
  );
  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema({ typeDefs: sdl, resolvers: { ...declaredScalars, ...def.resolvers } as GraphQLResolverMap<unknown> }),
    ...apolloServerSettings(limits),
    plugins: [
      requireTokenPlugin(new Set(def.anonymousFields ?? [])),
      deferredSessionCheckPlugin(),
      operationLimitsPlugin(limits, sdl),
      strictInputPlugin(),
      requestLogPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  const carriesCheck = carriedSessionChecks(def.resolvers);
  const context = async (req: IncomingMessage, requestId: string, body: unknown): Promise<C> => {
    const claims = await claimsFromHeader(req.headers.authorization, verifier);
    const requestLog = log.child({ requestId, role: claims?.role, caller: claims?.subject });
    const em = orm.em.fork();
    const callerLockouts = claims ? (def.callerLockouts ?? []) : [];
    const session = new CallerSession(
      em,
      def.name,
      claims,
      callerLockouts.map((spec) => lockout(spec).stateSql(claims!.subject)),
    );
    // Checked now, before anything runs, unless every field the request runs carries the check in its first statement.
    if (carriesCheck(body)) session.defer();
    else await session.check();
    const requestLockout = (spec: LockoutSpec) => {
      const i = callerLockouts.findIndex((l) => l.name === spec.name);
      if (i < 0 || !claims || claims.role === 'SERVICE') return lockout(spec);
      return lockout(spec).knowing(claims.subject, (check) => session.whenKnown((known) => check(known[i] as LockoutState | null)));
    };
    const audited = async <T>(action: AuditAction, change: (tx: EntityManager) => Promise<T>, describe: (result: T) => AuditSubject): Promise<T> => {
      const caller = requireClaims(claims);
      const result = await em.transactional(async (tx) => {
        const changed = await change(tx);
        await recordAudit(tx, def.name, auditEntry(caller, requestId, clock, action, describe(changed)), clock);
        return changed;
      });
      await relay.flush();
      return result;
    };
    const onPrimary = <T>(work: (read: ReportRead) => Promise<T>) => work({ em, asOf: clock.now(), fromReplica: false });
    const report = <T>(work: (read: ReportRead) => Promise<T>) => (readReplica ? readReplica.report(em, work) : onPrimary(work));
    const freshReport = <T>(work: (read: ReportRead) => Promise<T>) => (readReplica ? readReplica.freshReport(em, work) : onPrimary(work));
    const readAgain = <T>(read: ReportRead | undefined, work: (em: EntityManager) => Promise<T>) =>
      read && readReplica ? readReplica.readAgain(read, em, work) : work(read?.em ?? em);
    return def.extendContext({
      claims,
      em,
      clock,
      log: requestLog,
      requestId,
      session,
      report,
      freshReport,
      readAgain,
      publish: () => relay.flush(),
      lockout: requestLockout,
      audited,
    });
  };

  const routes: Record<string, Route> = { ...def.routes };
  // Ended sessions are every subgraph's concern, applied here; the rest is the subgraph's own.
  const onEvent = def.onEvent;
  routes['/events'] = eventInboxRoute({
    orm,
    schema: def.name,
    verifier,
    log,
    apply: (em, event, occurredAt) =>
      event.type === 'sessions.ended' ? applySessionsEnded(em, def.name, event) : (onEvent?.(em, event, occurredAt) ?? Promise.resolve()),
  });
  if (def.keys) routes['/.well-known/jwks.json'] = jwksRoute(def.keys);

  const http = createHttpServer({
    engine: apolloEngine(apollo, context),
    log,
    limits,
    routes,
    // Only the gateway's calls are answered: every GraphQL request carries its short-lived assertion.
    authorizeRequest: (req) => verifier.verifyGatewayAssertion(headerOf(req, GATEWAY_ASSERTION_HEADER)),
    isReady: async () => {
      await orm.em.getConnection().execute('select 1');
      return true;
    },
  });
  const host = env.HOST ?? '127.0.0.1';
  const port = await listen(http, Number(env.PORT ?? 0), host);
  log.info({ port, url: `http://127.0.0.1:${port}/graphql` }, `${def.name} subgraph listening`);
  const metrics = env.METRICS_PORT
    ? await startMetricsServer(Number(env.METRICS_PORT), host, () => {
        const sent = statementsSent();
        return {
          unicard_http_requests_total: httpRequestsTaken(),
          'unicard_db_statements_total{source="graphql"}': sent.graphql,
          'unicard_db_statements_total{source="events"}': sent.events,
          'unicard_db_statements_total{source="background"}': sent.background,
          // Rate limits and lock-outs run on connections of their own, outside knex's query events.
          'unicard_db_statements_total{source="rate_limit"}': rateLimitStatementsSent(),
          // Every wait for PostgreSQL's answer on this process's pooled connections, whatever the work (a transaction's BEGIN
          // rides with its first statement: lib/begin-ahead.ts).
          unicard_db_round_trips_total: roundTripsSent(),
          // Reports and lists that may read the read replica, by where they were read (none without DATABASE_READ_URL).
          ...(readReplica
            ? { 'unicard_reports_total{database="replica"}': readReplica.reads.replica, 'unicard_reports_total{database="primary"}': readReplica.reads.primary }
            : {}),
        };
      })
    : undefined;

  const release = async () => {
    metrics?.close();
    await relay.stop();
    await background?.stop();
    await apollo.stop();
    await readOrm?.close();
    await orm.close();
  };
  startedUp();
  processHost.serve({ name: def.name, log, http, release, clock, afterClockMove: async () => background?.clockMoved?.() });
  return { port, orm };
}
