import cluster from 'node:cluster';
import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; one logger per process, a child per request. A replica's lines say which (lib/replicas.ts). */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: cluster.isWorker && cluster.worker ? { service, replica: cluster.worker.id } : { service },
    redact: ['req.headers.authorization', 'clientSecret', 'token'],
  });
}
