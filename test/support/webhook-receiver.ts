/**
 * A real HTTP receiver of the hub's webhooks for tests: it checks each
 * delivery's signature and timestamp as a merchant's server should, answers
 * what the test tells it to (500s, to see retries), and keeps every attempt.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookAttempt {
  delivery: string;
  event: string;
  timestamp: number;
  signatureValid: boolean;
  body: { id: string; event: string; createdAt: string; data: any };
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  attempts: WebhookAttempt[];
  /** The secret signatures are checked with (set once SetWebhook returns it). */
  secret: string;
  /** Answers this status to the next `times` attempts, then 200 again. */
  failNext(times: number, status?: number): void;
  /** Each delivery once, as a receiver deduplicating on its id keeps them. */
  deliveries(): WebhookAttempt[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  let failing = 0;
  let failStatus = 500;
  const receiver: WebhookReceiver = {
    url: '',
    attempts: [],
    secret: '',
    failNext(times, status = 500) {
      failing = times;
      failStatus = status;
    },
    deliveries() {
      const seen = new Set<string>();
      return receiver.attempts.filter((a) => a.answered === 200 && a.signatureValid && !seen.has(a.delivery) && seen.add(a.delivery));
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const timestamp = Number(req.headers['x-unicard-timestamp']);
      const expected = `sha256=${createHmac('sha256', receiver.secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      const given = String(req.headers['x-unicard-signature'] ?? '');
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= 300;
      const signatureValid = fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      const answered = !signatureValid ? 401 : failing > 0 ? (failing--, failStatus) : 200;
      receiver.attempts.push({
        delivery: String(req.headers['x-unicard-delivery']),
        event: String(req.headers['x-unicard-event']),
        timestamp,
        signatureValid,
        body: JSON.parse(raw),
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', () => listening()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
