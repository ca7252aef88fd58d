/**
 * /metrics on a port of its own (METRICS_PORT), for the scraper only: it tells memory and traffic, which is no business
 * of the clients on the public port. Bound to HOST like the rest (loopback by default). Prometheus' text format.
 *
 * A replica (lib/replicas.ts) serves no metrics port of its own: its figures go to its primary when asked, and the
 * primary serves, on the one port, the replicas' sums under the usual names (what a reader of one process reads) and
 * each replica's figures under a `replica` label.
 */
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { listen } from './http.js';

/** Figures by metric name: counters and gauges, all whole numbers. */
export type Figures = Record<string, number>;

/** This process's memory besides the figures its server counts. */
export function processFigures(counted: Figures): Figures {
  return {
    process_resident_memory_bytes: process.memoryUsage().rss,
    // The kernel's high-water mark since start; benchmarks read it as peak RSS.
    process_max_resident_memory_bytes: process.resourceUsage().maxRSS * 1024,
    ...counted,
  };
}

/** A replica's label added to a metric's name, which may carry labels of its own (`name{source="graphql"}`). */
function labelled(name: string, replica: string): string {
  const open = name.indexOf('{');
  return open < 0 ? `${name}{replica="${replica}"}` : `${name.slice(0, open)}{replica="${replica}",${name.slice(open + 1)}`;
}

/** The text a scraper reads: `figures`, then each replica's under its label. */
export function metricsText(figures: Figures, byReplica: [string, Figures][] = []): string {
  const lines = Object.entries(figures).map(([name, value]) => `${name} ${value}`);
  for (const [replica, own] of byReplica) for (const [name, value] of Object.entries(own)) lines.push(`${labelled(name, replica)} ${value}`);
  return lines.join('\n') + '\n';
}

/** Serves `text` at /metrics on `port`. */
export async function serveMetrics(port: number, host: string, text: () => Promise<string>): Promise<Server> {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
      return;
    }
    text().then(
      (body) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(body);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics unavailable\n');
      },
    );
  });
  await listen(server, port, host);
  return server;
}

/** What a primary asks its replicas, and what each answers. */
export interface MetricsAsk {
  type: 'unicard.metrics.ask';
  id: number;
}
export interface MetricsAnswer {
  type: 'unicard.metrics';
  id: number;
  figures: Figures;
}

/** This process's metrics: served on `port`, or, in a replica, answered to its primary, which serves them. */
export async function startMetricsServer(port: number, host: string, counted: () => Figures): Promise<{ close(): void }> {
  if (!cluster.isWorker) return serveMetrics(port, host, async () => metricsText(processFigures(counted())));
  const answer = (message: Partial<MetricsAsk>) => {
    if (message?.type !== 'unicard.metrics.ask' || typeof message.id !== 'number') return;
    process.send?.({ type: 'unicard.metrics', id: message.id, figures: processFigures(counted()) } satisfies MetricsAnswer);
  };
  process.on('message', answer);
  return { close: () => process.off('message', answer) };
}
