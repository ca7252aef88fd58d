/**
 * Webhooks through the gateway with v3's SetWebhook (issue 11): a real HTTP
 * receiver here checks every delivery's HMAC-SHA256 signature and timestamp,
 * answers 500 to see the hub retry with the same delivery id, is down while
 * the wallet restarts, and sees each event once after deduplicating on the id.
 * Brand A's webhook wants coupons issued, campaign notifications and tier
 * upgrades; Ally B's wants the same and must never hear of A's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, ok } from './support/graphql.js';
import { authenticate, memberWithSession, setUpTwoMerchants, type MemberWithSession, type TwoMerchants } from './support/coalition.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { until } from './support/wait.js';
import { withDatabase } from './support/ledger.js';

let hub: TestHub;
let coalition: TwoMerchants;
let member: MemberWithSession;
let receiverA: WebhookReceiver;
let receiverB: WebhookReceiver;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const EVENTS = ['COUPON_ISSUED', 'CAMPAIGN_NOTIFICATION', 'TIER_UPGRADED'];

beforeAll(async () => {
  // The receivers listen on this machine's loopback, which a production hub refuses (webhooks.ts).
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00', env: { UNICARD_WEBHOOK_ALLOW_PRIVATE: '1' } });
  coalition = await setUpTwoMerchants(url(), hub.hq);
  member = await memberWithSession(url, coalition.A, '张三');
  [receiverA, receiverB] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
});
afterAll(async () => {
  await Promise.all([receiverA?.close(), receiverB?.close()]);
  await hub?.stop();
});

const setWebhook = (input: Record<string, unknown>, token: string) => contract(url(), 'SetWebhook', { input }, token);

describe('webhooks', () => {
  it('are registered by a back office or HQ, with a secret shown once; bad input names the field', async () => {
    const set = ok(await setWebhook({ url: receiverA.url, events: EVENTS }, coalition.tokens.MERCHANT)).setWebhook;
    expect(set.webhook).toEqual({ url: receiverA.url, events: EVENTS });
    expect(set.signingSecret).toMatch(/^whsec_[\w-]{32}$/);
    receiverA.secret = set.signingSecret;
    receiverB.secret = ok(await setWebhook({ url: receiverB.url, events: EVENTS }, coalition.tokens.OTHER_MERCHANT)).setWebhook.signingSecret;
    for (const [input, name] of [
      [{ url: 'ftp://example.com/x', events: EVENTS }, 'url'],
      [{ url: 'https://user:pw@example.com/x', events: EVENTS }, 'url'],
      [{ url: 'not a url', events: EVENTS }, 'url'],
      [{ url: receiverA.url, events: [] }, 'events'],
    ] as const) {
      const refused = await setWebhook(input, coalition.tokens.MERCHANT);
      expect([codeOf(refused), fieldOf(refused)], JSON.stringify(input)).toEqual(['BAD_USER_INPUT', name]);
    }
    for (const token of [coalition.tokens.TERMINAL, member.session])
      expect(codeOf(await setWebhook({ url: receiverA.url, events: EVENTS }, token))).toBe('FORBIDDEN');
    // The audit log has the change, never the secret.
    const audit = await withDatabase(hub.databaseUrl, (db) => db.query("select details::text from merchant.audit_entry where action = 'setWebhook'"));
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows.map((r) => r.details).join()).not.toContain('whsec_');
  });

  it('deliver coupons issued, signed, retried after a 500 with the same id, once each after deduplication', async () => {
    const template = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: '券', kind: 'AMOUNT_OFF', amountOff: m('5.00'), validDays: 10, budget: 10 } },
        coalition.tokens.MERCHANT,
      ),
    ).createCouponTemplate.template.id;
    receiverA.failNext(2);
    ok(await contract(url(), 'IssueCoupons', { input: { templateId: template, memberIds: [member.id], idempotencyKey: 'w1' } }, coalition.tokens.MERCHANT));
    const [delivery] = await until('the coupon delivery, after two refusals', () => receiverA.deliveries().length === 1 && receiverA.deliveries());
    const attempts = receiverA.attempts.filter((a) => a.delivery === delivery!.delivery);
    expect(attempts.map((a) => a.answered)).toEqual([500, 500, 200]);
    expect(attempts.every((a) => a.signatureValid)).toBe(true);
    expect(delivery!.body).toMatchObject({
      id: delivery!.delivery,
      event: 'COUPON_ISSUED',
      data: { templateId: template, coupons: [{ memberId: member.id }] },
    });
    expect(receiverB.attempts).toEqual([]);
  });

  it("deliver a NOTIFY campaign's message and a tier upgrade; a wrong signature is what a receiver refuses", async () => {
    ok(await contract(url(), 'SetMarketingConsent', { marketing: true }, member.session));
    await until(
      'the consent at the wallet',
      async () =>
        (await withDatabase(hub.databaseUrl, (db) => db.query('select marketing_consent from wallet.wallet where member_id = $1', [member.id]))).rows[0]
          ?.marketing_consent === true,
    );
    const notify = ok(
      await contract(
        url(),
        'CreateCampaign',
        {
          input: {
            name: '新品通知',
            trigger: { kind: 'NOW' },
            audience: {},
            action: { kind: 'NOTIFY', message: '新品上市' },
            controlGroupBps: 0,
            idempotencyKey: 'n1',
          },
        },
        coalition.tokens.MERCHANT,
      ),
    ).createCampaign.campaign;
    const till = await authenticate(url(), coalition.A.stores[0]!.terminal);
    // ¥1,000 paid outside the hub: 1,000 growth, 银卡.
    ok(
      await contract(
        url(),
        'Checkout',
        {
          input: { payCode: await member.payCode(), storeId: coalition.A.stores[0]!.id, orderAmount: m('1000.00'), storedValue: m('0'), idempotencyKey: 'up' },
        },
        till,
      ),
    );
    await until('both deliveries', () => receiverA.deliveries().length === 3);
    const byEvent = Object.fromEntries(receiverA.deliveries().map((d) => [d.event, d.body.data]));
    expect(byEvent.CAMPAIGN_NOTIFICATION).toEqual({ campaignId: notify.id, message: '新品上市', memberIds: [member.id] });
    expect(byEvent.TIER_UPGRADED).toMatchObject({ memberId: member.id, from: 'NORMAL', to: 'SILVER' });
    expect(receiverB.attempts).toEqual([]);

    // A receiver holding another secret refuses every attempt; the hub keeps retrying (and would, up to 50 attempts).
    receiverA.secret = 'whsec_not-the-one-the-hub-signs-with-000000';
    ok(
      await contract(
        url(),
        'IssueCoupons',
        { input: { templateId: await couponTemplateOf(), memberIds: [member.id], idempotencyKey: 'w2' } },
        coalition.tokens.MERCHANT,
      ),
    );
    await until('two refused attempts', () => receiverA.attempts.filter((a) => a.answered === 401).length >= 2);
    expect(receiverA.deliveries()).toHaveLength(3);
  });

  it('are not lost while the receiver and the wallet (their sender) are down: delivered once both are back', async () => {
    const secret = ok(await setWebhook({ url: receiverA.url, events: EVENTS }, coalition.tokens.MERCHANT)).setWebhook.signingSecret;
    const port = Number(new URL(receiverA.url).port);
    await receiverA.close();
    ok(
      await contract(
        url(),
        'IssueCoupons',
        { input: { templateId: await couponTemplateOf(), memberIds: [member.id], idempotencyKey: 'w3' } },
        coalition.tokens.MERCHANT,
      ),
    );
    await new Promise((r) => setTimeout(r, 1500)); // an attempt or two meet a closed port
    await hub.restartAt('2026-05-11T10:00:00+08:00', ['wallet']);
    const back = await startWebhookReceiver(port);
    back.secret = secret;
    receiverA = back;
    const delivered = await until('the delivery after the restart', () => back.deliveries().length > 0 && back.deliveries(), { timeoutMs: 60_000 });
    expect(delivered.map((d) => d.event)).toContain('COUPON_ISSUED');
    // The delivery refused for its signature earlier is signed with the new secret now, and arrives too: each once.
    const ids = delivered.map((d) => d.delivery);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('points about to expire', () => {
  it('are announced once per lot, within 30 days of the expiry, to HQ and the merchants the member joined', async () => {
    // The clock has moved a day since the tokens were issued: a fresh one.
    const office = await authenticate(url(), coalition.A.backOffice);
    const secret = ok(await setWebhook({ url: receiverA.url, events: ['POINTS_EXPIRING'] }, office)).setWebhook.signingSecret;
    receiverA.secret = secret;
    const before = receiverA.deliveries().length;
    // 2026's points expire at the end of 2027 (Shanghai): on 10 December they are within 30 days. The daily job runs at
    // start and when the clock jumps (lib/clock.ts).
    await hub.moveClockTo('2027-12-10T10:00:00+08:00');
    const [notice] = await until(
      'the expiry notice',
      () => {
        const found = receiverA
          .deliveries()
          .slice(before)
          .filter((d) => d.event === 'POINTS_EXPIRING');
        return found.length > 0 && found;
      },
      { timeoutMs: 60_000 },
    );
    expect(notice!.body.data.memberId).toBe(member.id);
    expect(new Date(notice!.body.data.expiresAt).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(notice!.body.data.points).toBeGreaterThan(0);
    // Once per lot: the job run again a day later announces nothing more.
    await hub.moveClockTo('2027-12-11T10:00:00+08:00');
    await new Promise((r) => setTimeout(r, 3000));
    expect(
      receiverA
        .deliveries()
        .slice(before)
        .filter((d) => d.event === 'POINTS_EXPIRING'),
    ).toHaveLength(1);
    expect(receiverB.deliveries().filter((d) => d.event === 'POINTS_EXPIRING')).toEqual([]);
  });
});

let templateForMore = '';
async function couponTemplateOf(): Promise<string> {
  if (!templateForMore)
    templateForMore = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: '更多', kind: 'AMOUNT_OFF', amountOff: m('1.00'), validDays: 10, budget: 10, perMemberLimit: 10 } },
        coalition.tokens.MERCHANT,
      ),
    ).createCouponTemplate.template.id;
  return templateForMore;
}
