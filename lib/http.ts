/**
 * A small node:http front for a GraphQL engine (Apollo Server, or Hive
 * Gateway's runtime): /graphql, health checks, the internal event inbox, and
 * the checks that come before any engine sees a request (body size, tokens,
 * the gateway's assertion) and after (response size). Apollo's standalone
 * server cannot add routes, and a web framework would be more than these
 * few lines.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { whenLauncherGone } from './lifeline.js';
import { checkInputDepth, checkTokens, limitError, type OperationLimits } from './operation-limits.js';
import type { KeyRing } from './keys.js';
import type { Logger } from './logger.js';
import type { StaticSite } from './static-site.js';

export type Route = (req: IncomingMessage, body: string, requestId: string) => Promise<{ status: number; body: unknown }>;

/** A GraphQL request as the front hands it to an engine: its body already read, parsed and within the limits. */
export interface GraphQLHttpRequest {
  req: IncomingMessage;
  url: URL;
  /** The parsed JSON body (POST), or undefined (GET). */
  body: unknown;
  requestId: string;
}

export interface GraphQLHttpResponse {
  status: number;
  headers: Iterable<[string, string]>;
  text: string;
}

export type GraphQLEngine = (request: GraphQLHttpRequest) => Promise<GraphQLHttpResponse>;

/** A request's headers as name-value pairs, repeated ones joined, for an engine's own header type. */
export function headerPairs(req: IncomingMessage): [string, string][] {
  return Object.entries(req.headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
  );
}

/** Apollo Server as the engine, with the request's context built by `context`. */
export function apolloEngine<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage, requestId: string, body: unknown) => Promise<C>,
): GraphQLEngine {
  return async ({ req, url, body, requestId }) => {
    const headers = new HeaderMap(headerPairs(req));
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context(req, requestId, body),
    });
    let text = '';
    if (result.body.kind === 'complete') {
      text = result.body.string;
    } else {
      for await (const chunk of result.body.asyncIterator) text += chunk;
    }
    return { status: result.status ?? 200, headers: result.headers, text };
  };
}

export interface HttpOptions {
  engine: GraphQLEngine;
  isReady: () => Promise<boolean>;
  log: Logger;
  limits: OperationLimits;
  routes?: Record<string, Route>;
  /** The web console's files (the gateway's only; lib/static-site.ts). */
  site?: StaticSite;
  /** Checked before a GraphQL request reaches Apollo; throwing refuses it with 401 (a subgraph answers the gateway only). */
  authorizeRequest?: (req: IncomingMessage) => Promise<void>;
  /** Counts the request against its caller's rate limit (the gateway's), once, before the engine sees it; RATE_LIMITED refuses it with 429. */
  admitRequest?: (req: IncomingMessage) => Promise<void>;
}

export const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** GET /.well-known/jwks.json: the public keys of a process that signs tokens. */
export function jwksRoute(keys: KeyRing): Route {
  return async () => ({ status: 200, body: keys.jwks() });
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes; past that the rest is drained unread and BodyTooLarge is thrown (then 413, not a reset). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return reject(new BodyTooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped refusal made before Apollo saw the request. */
function sendRefusal(res: ServerResponse, status: number, error: GraphQLError, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ message: error.message, extensions: { ...error.extensions, http: undefined } }] }, headers);
}

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/** JSON text parsed, or undefined if it is not JSON (the engine reports that as usual). */
function parsedOrNothing(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `query` strings of a GraphQL request body (GET requests carry theirs in the URL). */
function queriesOf(parsed: unknown, url: URL): string[] {
  if (parsed && typeof parsed === 'object' && typeof (parsed as { query?: unknown }).query === 'string') return [(parsed as { query: string }).query];
  const inUrl = url.searchParams.get('query');
  return inUrl ? [inUrl] : [];
}

/** Requests this process's server has taken, of any path: for /metrics, where replicas show how the load was shared. */
let requestsTaken = 0;
export const httpRequestsTaken = () => requestsTaken;

export function createHttpServer(opts: HttpOptions): Server {
  const { limits } = opts;
  const server = createServer(async (req, res) => {
    requestsTaken++;
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'live' });
      if (url.pathname === '/health/ready') {
        const ready = await opts.isReady().catch(() => false);
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      }
      if (opts.site?.(req, res, url.pathname)) return;
      let body = '';
      if (req.method === 'POST') {
        try {
          body = await readBody(req, limits.maxBodyBytes);
        } catch (error) {
          if (!(error instanceof BodyTooLarge)) throw error;
          return sendRefusal(
            res,
            413,
            limitError('maxBodyBytes', `The request body exceeds the maxBodyBytes limit of ${limits.maxBodyBytes}`, { max: limits.maxBodyBytes }),
            { connection: 'close' },
          );
        }
      }
      const route = opts.routes?.[url.pathname];
      if (route) {
        const result = await route(req, body, requestId);
        return sendJson(res, result.status, result.body);
      }
      if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
      if (opts.authorizeRequest) {
        try {
          await opts.authorizeRequest(req);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return sendRefusal(res, 401, error);
          throw error;
        }
      }
      let parsed: unknown = undefined;
      if (body) {
        try {
          parsed = JSON.parse(body);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      // An empty operationName names no operation, yet Apollo Server took it for none given and then failed inside (500;
      // found by fuzz.test.ts): refused here as the client's mistake, for every engine.
      if ((parsed as { operationName?: unknown } | undefined)?.operationName === '' || url.searchParams.get('operationName') === '')
        return sendJson(res, 400, {
          errors: [{ message: 'operationName is empty: name an operation of the document, or leave it out', extensions: { code: 'BAD_REQUEST' } }],
        });
      // Counted before Apollo parses, so a huge document costs no parsing or validation; the JSON's depth before
      // anything walks it (a GET's variables and extensions are JSON in the URL).
      try {
        checkInputDepth(parsed, limits.maxInputDepth);
        for (const name of ['variables', 'extensions']) {
          const inUrl = url.searchParams.get(name);
          if (inUrl) checkInputDepth(parsedOrNothing(inUrl), limits.maxInputDepth);
        }
        for (const query of queriesOf(parsed, url)) checkTokens(query, limits.maxTokens);
      } catch (error) {
        if (error instanceof GraphQLError) return sendRefusal(res, 400, error);
        throw error;
      }
      if (opts.admitRequest) {
        try {
          await opts.admitRequest(req);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'RATE_LIMITED') {
            return sendRefusal(res, 429, error, { 'retry-after': String(error.extensions.retryAfterSeconds ?? 1) });
          }
          throw error;
        }
      }
      const result = await opts.engine({ req, url, body: parsed, requestId });
      const { text } = result;
      const bytes = Buffer.byteLength(text);
      if (bytes > limits.maxResponseBytes) {
        opts.log.warn({ requestId, bytes }, 'response over the size limit withheld');
        return sendRefusal(
          res,
          400,
          limitError('maxResponseBytes', `The response exceeds the maxResponseBytes limit of ${limits.maxResponseBytes}; ask for fewer items`, {
            max: limits.maxResponseBytes,
          }),
        );
      }
      res.statusCode = result.status;
      for (const [name, value] of result.headers) res.setHeader(name, value);
      res.end(text);
    } catch (error) {
      opts.log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000; // longer than the gateway's idle sockets, so reused connections are not cut mid-request
  server.headersTimeout = 66_000;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen((server.address() as AddressInfo).port));
  });
}

/**
 * Until the server listens there is nothing to drain: a signal, or the
 * launcher going away, ends the process at once. (Without this a process
 * stuck starting, say waiting for a database that is gone, ignored SIGTERM.)
 * Returns the function that hands over to shutdownOnSignals.
 */
export function exitOnSignalsDuringStartup(): () => void {
  const quit = () => process.exit(0);
  process.once('SIGTERM', quit);
  process.once('SIGINT', quit);
  const stopWatching = whenLauncherGone(quit);
  return () => {
    process.off('SIGTERM', quit);
    process.off('SIGINT', quit);
    stopWatching();
  };
}

/** Stops taking connections, lets the requests in flight finish, then releases what the server holds. */
export async function drainServer(log: Logger, server: Server, release: () => Promise<void>): Promise<void> {
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeIdleConnections();
  });
  await release().catch((err) => log.error({ err }, 'error while releasing resources'));
}

/**
 * SIGTERM/SIGINT, or the launcher going away: `stop` (drainServer for a process that runs one server), then exit. A
 * second signal exits at once, and so does a stop that takes longer than the grace period.
 */
export function shutdownOnSignals(log: Logger, stop: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.warn('grace period over, exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    await stop();
    log.info('stopped');
    log.flush(() => process.exit(0)); // pino writes asynchronously: let the last lines out first
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
  whenLauncherGone(() => void onSignal('launcher gone'));
}
