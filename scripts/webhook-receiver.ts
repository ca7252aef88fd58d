/**
 * A webhook receiver to watch the hub's deliveries: `node dist/scripts/webhook-receiver.js`
 * (after `npm run build`; `npm start` built it). It listens on
 * WEBHOOK_RECEIVER_PORT (default 4090), checks each delivery's signature
 * with WEBHOOK_SECRET (the signingSecret SetWebhook returned) and its
 * timestamp, answers 200, and prints each delivery once: a retry carries the
 * same X-Unicard-Delivery id and is acknowledged without printing it again.
 *
 *   WEBHOOK_SECRET=whsec_... node dist/scripts/webhook-receiver.js
 *   then, as a back office: setWebhook(input: { url: "http://127.0.0.1:4090/hooks", events: [COUPON_ISSUED, ...] })
 *
 * The hub refuses loopback URLs unless UNICARD_WEBHOOK_ALLOW_PRIVATE=1
 * (`npm start` sets it for its wallet: the demo is on one machine).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.env.WEBHOOK_RECEIVER_PORT ?? 4090);
const secret = process.env.WEBHOOK_SECRET ?? '';
const seen = new Set<string>();
if (!secret) process.stdout.write('WEBHOOK_SECRET is not set: signatures cannot be checked, deliveries are refused with 401\n');

createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const timestamp = Number(req.headers['x-unicard-timestamp']);
    const given = String(req.headers['x-unicard-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
    const fresh = Math.abs(Date.now() / 1000 - timestamp) <= 300;
    if (!secret || !fresh || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      process.stdout.write(`refused a delivery: ${fresh ? 'bad signature' : 'stale timestamp'}\n`);
      res.writeHead(401).end();
      return;
    }
    const id = String(req.headers['x-unicard-delivery']);
    if (!seen.has(id)) {
      seen.add(id);
      process.stdout.write(`${new Date().toISOString()} ${req.headers['x-unicard-event']} ${id}\n${raw}\n`);
    }
    res.writeHead(200).end();
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`webhook receiver on http://127.0.0.1:${port}/hooks\n`));
