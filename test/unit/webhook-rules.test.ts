/** Webhook URLs and signatures, pure: what a merchant may register, and the signature a receiver recomputes. */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWebhookUrl, signatureOf } from '../../subgraphs/wallet/marketing/webhooks/webhooks.js';

const refusal = (url: string) => {
  try {
    checkWebhookUrl(url);
    return 'accepted';
  } catch (e) {
    return (e as { extensions: { field: string } }).extensions.field;
  }
};

describe('webhook URLs', () => {
  afterEach(() => void delete process.env.UNICARD_WEBHOOK_ALLOW_PRIVATE);

  it("refuse addresses inside HQ's network unless private receivers are allowed (the demo, the tests)", () => {
    for (const url of [
      'http://127.0.0.1:9000/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
      'http://172.20.0.1/x',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://[fd00::1]/x',
    ]) {
      expect(refusal(url), url).toBe('url');
    }
    expect(refusal('https://hooks.example.com/unicard')).toBe('accepted');
    expect(refusal('http://8.8.8.8/x')).toBe('accepted');
    process.env.UNICARD_WEBHOOK_ALLOW_PRIVATE = '1';
    expect(refusal('http://127.0.0.1:9000/x')).toBe('accepted');
  });

  it('refuse other schemes and credentials', () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'https://u:p@example.com/', 'example.com/x']) expect(refusal(url), url).toBe('url');
  });
});

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of the timestamp, a dot and the body', () => {
    const expected = createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex');
    expect(signatureOf('whsec_test', 1700000000, '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signatureOf('whsec_test', 1700000001, '{"a":1}')).not.toBe(`sha256=${expected}`);
  });
});
