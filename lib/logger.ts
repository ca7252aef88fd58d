import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; one logger per process, a child per request. */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    redact: ['req.headers.authorization', 'clientSecret', 'token'],
  });
}
