/**
 * A small node:http front for Apollo Server: /graphql, health checks, and
 * the internal event inbox. Apollo's standalone server cannot add routes, and
 * a web framework would be more than these few lines.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { whenLauncherGone } from './lifeline.js';
import type { Logger } from './logger.js';

export type Route = (req: IncomingMessage, body: string, requestId: string) => Promise<{ status: number; body: unknown }>;

export interface HttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: IncomingMessage, requestId: string) => Promise<C>;
  isReady: () => Promise<boolean>;
  log: Logger;
  routes?: Record<string, Route>;
  maxBodyBytes?: number;
  /** Extra counters for /metrics, e.g. SQL statements sent. */
  metrics?: () => Record<string, number>;
}

/** Prometheus text format: process memory plus the server's own counters. */
function metricsText(extra: Record<string, number>): string {
  const memory = {
    process_resident_memory_bytes: process.memoryUsage().rss,
    // The kernel's high-water mark since start; benchmarks read it as peak RSS.
    process_max_resident_memory_bytes: process.resourceUsage().maxRSS * 1024,
  };
  return Object.entries({ ...memory, ...extra }).map(([name, value]) => `${name} ${value}`).join('\n') + '\n';
}

const MAX_BODY = 1_000_000;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

export function createHttpServer<C extends BaseContext>(opts: HttpOptions<C>): Server {
  const server = createServer(async (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'live' });
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return res.end(metricsText(opts.metrics?.() ?? {}));
      }
      if (url.pathname === '/health/ready') {
        const ready = await opts.isReady().catch(() => false);
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      }
      const body = req.method === 'POST' ? await readBody(req, opts.maxBodyBytes ?? MAX_BODY) : '';
      const route = opts.routes?.[url.pathname];
      if (route) {
        const result = await route(req, body, requestId);
        return sendJson(res, result.status, result.body);
      }
      if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      let parsed: unknown = undefined;
      if (body) {
        try {
          parsed = JSON.parse(body);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const result = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: parsed },
        context: () => opts.context(req, requestId),
      });
      res.statusCode = result.status ?? 200;
      for (const [name, value] of result.headers) res.setHeader(name, value);
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      opts.log.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: status === 413 ? 'Body too large' : 'Internal error', extensions: { code: status === 413 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
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

/**
 * SIGTERM/SIGINT: stop taking connections, let requests in flight finish,
 * then release resources. A second signal exits at once.
 */
export function shutdownOnSignals(log: Logger, server: Server, release: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.warn('grace period over, exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeIdleConnections();
    });
    await release().catch((err) => log.error({ err }, 'error while releasing resources'));
    log.info('stopped');
    log.flush(() => process.exit(0)); // pino writes asynchronously: let the last lines out first
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  whenLauncherGone(() => void stop('launcher gone'));
}
