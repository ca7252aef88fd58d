/**
 * Targeted campaigns through the gateway with v3's CreateCampaign and
 * CampaignResults (issue 11, docs/marketing.md "Targeted campaigns"). Brand A has
 * 20 members who gave marketing consent at registration and 2 who did not;
 * Ally B has one who did. A's campaign issues its ¥10-off coupon to its
 * consenting members, holding half of them out as the control group (a hash
 * of campaign and member decides, so the split is only known after the run);
 * then two reached members buy ¥100.00 at A with the coupon (¥90.00 paid
 * each), one held-out member buys ¥50.00 at A and another ¥70.00 at B, which
 * an A campaign does not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, graphql, ok } from './support/graphql.js';
import { authenticate, buyPayingOutside, newPhone, setUpTwoMerchants, type SetUpMerchant, type TwoMerchants } from './support/coalition.js';
import { until } from './support/wait.js';
import { refreshRfm } from './support/rfm.js';
import { campaignRan } from './support/campaigns.js';
import { withDatabase } from './support/ledger.js';

let hub: TestHub;
let coalition: TwoMerchants;
const consenting: string[] = [];
const unconsenting: string[] = [];
let atB: string;
let template: string;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const campaign = (input: Record<string, unknown>, token: string) => contract(url(), 'CreateCampaign', { input }, token);
const results = async (id: string, token: string) => ok(await contract(url(), 'CampaignResults', { id }, token)).campaign;
const couponsOf = async (memberId: string) =>
  ok(await graphql(url(), 'query($id: ID!) { member(id: $id) { coupons { id template { id } } } }', { id: memberId }, coalition.tokens.HQ)).member.coupons as {
    id: string;
    template: { id: string };
  }[];

async function register(storeId: string, till: string, marketingConsent: boolean): Promise<string> {
  return ok(await contract(url(), 'RegisterMember', { input: { phone: newPhone(), name: '会员', storeId, marketingConsent } }, till)).registerMember.member.id;
}

// Every member here joined A, whose back office opens its sessions (wherever it then buys).
const buy = (memberId: string, at: SetUpMerchant, yuan: string, key: string, couponId?: string) =>
  buyPayingOutside(url(), memberId, coalition.A, at, yuan, key, couponId);

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00' });
  coalition = await setUpTwoMerchants(url(), hub.hq);
  const [A, B] = [coalition.A, coalition.B];
  for (let i = 0; i < 20; i++) consenting.push(await register(A.stores[0]!.id, coalition.tokens.TERMINAL, true));
  for (let i = 0; i < 2; i++) unconsenting.push(await register(A.stores[0]!.id, coalition.tokens.TERMINAL, false));
  atB = await register(B.stores[0]!.id, coalition.tokens.OTHER_TERMINAL, true);
  template = ok(
    await contract(
      url(),
      'CreateCouponTemplate',
      { input: { name: '回馈券', kind: 'AMOUNT_OFF', amountOff: m('10.00'), validDays: 30, budget: 100 } },
      coalition.tokens.MERCHANT,
    ),
  ).createCouponTemplate.template.id;
});
afterAll(async () => hub?.stop());

describe('a campaign run now', () => {
  let id: string;
  it("reaches the owner's consenting members, holding out the control group, and is idempotent", async () => {
    const input = {
      name: '五月回馈',
      trigger: { kind: 'NOW' },
      audience: {},
      action: { kind: 'ISSUE_COUPON', couponTemplateId: template },
      controlGroupBps: 5000,
      idempotencyKey: 'may',
    };
    // The wallet learns of each registration (and its consent) from an event.
    await until(
      'every registration to reach the wallet',
      async () =>
        (await withDatabase(hub.databaseUrl, (db) => db.query('select count(*)::int as n from wallet.wallet where marketing_consent'))).rows[0].n === 21,
    );
    const made = ok(await campaign(input, coalition.tokens.MERCHANT)).createCampaign.campaign;
    // It answers at once; the campaign-run job reaches the audience beside the request.
    expect(made).toMatchObject({ name: '五月回馈', status: 'SCHEDULED', owner: { id: coalition.A.id, name: 'Brand A' } });
    expect(await campaignRan(hub.databaseUrl, made.id)).toBe('COMPLETED');
    id = made.id;
    expect(ok(await campaign(input, coalition.tokens.MERCHANT)).createCampaign.campaign.id).toBe(id);
    expect(codeOf(await campaign({ ...input, name: '别的' }, coalition.tokens.MERCHANT))).toBe('IDEMPOTENCY_KEY_REUSED');

    const counted = await results(id, coalition.tokens.MERCHANT);
    expect(counted.reached + counted.heldOut).toBe(20);
    // Half held out by a hash: none or all of 20 would happen once in a million runs.
    expect(counted.heldOut).toBeGreaterThan(0);
    expect(counted.reached).toBeGreaterThan(0);
    const holding = await Promise.all([...consenting, ...unconsenting, atB].map(async (memberId) => (await couponsOf(memberId)).length));
    expect(holding.slice(0, 20).reduce((a, b) => a + b, 0)).toBe(counted.reached);
    expect(holding.slice(20)).toEqual([0, 0, 0]);
  });

  it('compares the reached with the control group over the days after', async () => {
    const reached: string[] = [];
    const held: string[] = [];
    for (const memberId of consenting) {
      const coupons = (await couponsOf(memberId)).filter((c) => c.template.id === template);
      (coupons.length > 0 ? reached : held).push(memberId);
    }
    // Two reached members use their coupon at A; a held-out member buys at A, another at B (not the campaign's owner).
    for (const [i, memberId] of reached.slice(-2).entries()) {
      const [coupon] = await couponsOf(memberId);
      expect((await buy(memberId, coalition.A, '100.00', `r${i}`, coupon!.id)).couponDiscount.amount).toBe('10.00');
    }
    await buy(held[0]!, coalition.A, '50.00', 'h0');
    await buy(held[1]!, coalition.B, '70.00', 'h1');
    const r = await results(id, coalition.tokens.MERCHANT);
    const R = r.reached;
    const C = r.heldOut;
    expect(r.couponsRedeemed).toBe(2);
    expect(r.pointsGranted).toBe(0);
    const uplift = Math.round(10_000 * (2 / R - 1 / C));
    for (const [i, days] of [7, 30].entries()) {
      expect(r.results[i]).toEqual({
        days,
        reached: { members: R, buyers: 2, purchases: 2, paid: { amount: '180.00', currencyCode: 'CNY' } },
        control: { members: C, buyers: 1, purchases: 1, paid: { amount: '50.00', currencyCode: 'CNY' } },
        upliftBps: uplift,
      });
    }

    // An audience by RFM segment over the coalition, worked out from the four purchases above (all today, one each):
    // R and F equal everyone's average (none above), M 90.00, 90.00, 50.00, 70.00 against an average of 75.00, so the
    // two coupon users are 重要挽留客户 (M high only) and the other two 流失客户. The audience reads the latest refresh.
    await refreshRfm(url(), coalition.tokens.HQ);
    const retain = ok(
      await contract(
        url(),
        'CreateCampaign',
        {
          input: {
            name: '挽留',
            trigger: { kind: 'NOW' },
            audience: { rfmSegments: ['IMPORTANT_RETAIN'] },
            action: { kind: 'NOTIFY', message: '想你了' },
            controlGroupBps: 0,
            idempotencyKey: 'retain',
          },
        },
        coalition.tokens.HQ,
      ),
    ).createCampaign.campaign;
    await campaignRan(hub.databaseUrl, retain.id);
    expect(await results(retain.id, coalition.tokens.HQ)).toMatchObject({ reached: 2, heldOut: 0 });
    const rfm = ok(await contract(url(), 'Rfm', {}, coalition.tokens.HQ)).rfm.segments;
    expect(Object.fromEntries(rfm.filter((x: any) => x.members > 0).map((x: any) => [x.segment, x.members]))).toEqual({ IMPORTANT_RETAIN: 2, LOST: 2 });
  });

  it("is its owner's and HQ's alone", async () => {
    expect(codeOf(await contract(url(), 'CampaignResults', { id }, coalition.tokens.OTHER_MERCHANT))).toBe('FORBIDDEN');
    expect(ok(await contract(url(), 'CampaignResults', { id }, coalition.tokens.HQ)).campaign.id).toBe(id);
    for (const token of [coalition.tokens.TERMINAL]) expect(codeOf(await contract(url(), 'CampaignResults', { id }, token))).toBe('FORBIDDEN');
    expect(codeOf(await contract(url(), 'CampaignResults', { id }))).toBe('UNAUTHENTICATED');
  });
});

describe('campaign rules', () => {
  const base = () => ({
    name: '活动',
    trigger: { kind: 'NOW' },
    audience: {},
    action: { kind: 'ISSUE_COUPON', couponTemplateId: template },
    idempotencyKey: `k-${Math.random()}`,
  });

  it('bad input names the field; a merchant uses its own coupons and its own members', async () => {
    for (const [input, name] of [
      [{ ...base(), trigger: { kind: 'SCHEDULE' } }, 'trigger.at'],
      [{ ...base(), trigger: { kind: 'SCHEDULE', at: '2026-05-01T00:00:00Z' } }, 'trigger.at'],
      [{ ...base(), controlGroupBps: 6000 }, 'controlGroupBps'],
      [{ ...base(), budget: { members: 0 } }, 'budget.members'],
      [{ ...base(), action: { kind: 'ISSUE_COUPON' } }, 'action.couponTemplateId'],
      [{ ...base(), audience: { tiers: ['NOPE'] } }, 'audience.tiers.0'],
      [{ ...base(), name: '' }, 'name'],
    ] as const) {
      const refused = await campaign(input, coalition.tokens.MERCHANT);
      expect([codeOf(refused), fieldOf(refused)], name).toEqual(['BAD_USER_INPUT', name]);
    }
    expect(codeOf(await campaign({ ...base(), audience: { joinedMerchantId: coalition.B.id } }, coalition.tokens.MERCHANT))).toBe('FORBIDDEN');
    const hqTemplate = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        {
          input: {
            name: 'HQ券',
            kind: 'AMOUNT_OFF',
            amountOff: m('1.00'),
            validDays: 5,
            budget: 50,
            perMemberLimit: 5,
            acceptedBy: [coalition.A.id, coalition.B.id],
          },
        },
        coalition.tokens.HQ,
      ),
    ).createCouponTemplate.template.id;
    expect(codeOf(await campaign({ ...base(), action: { kind: 'ISSUE_COUPON', couponTemplateId: hqTemplate } }, coalition.tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const token of [coalition.tokens.TERMINAL]) expect(codeOf(await campaign(base(), token))).toBe('FORBIDDEN');

    // HQ's campaign reaches consenting members across the coalition, within its member budget.
    const hq = ok(
      await campaign(
        { ...base(), action: { kind: 'ISSUE_COUPON', couponTemplateId: hqTemplate }, controlGroupBps: 0, budget: { members: 25 } },
        coalition.tokens.HQ,
      ),
    ).createCampaign.campaign;
    // The run is the campaign-run job's, beside the request: looked at once it is over.
    expect(await campaignRan(hub.databaseUrl, hq.id)).toBe('COMPLETED');
    const counted = await results(hq.id, coalition.tokens.HQ);
    expect(counted).toMatchObject({ reached: 21, heldOut: 0 });
    expect((await couponsOf(atB)).map((c) => c.template.id)).toEqual([hqTemplate]);
    const capped = ok(
      await campaign(
        { ...base(), action: { kind: 'ISSUE_COUPON', couponTemplateId: hqTemplate }, controlGroupBps: 0, budget: { members: 3 } },
        coalition.tokens.HQ,
      ),
    ).createCampaign.campaign;
    expect(await campaignRan(hub.databaseUrl, capped.id)).toBe('COMPLETED');
    expect((await results(capped.id, coalition.tokens.HQ)).reached).toBe(3);
  });

  it('a scheduled campaign runs when its instant has come (when the wallet starts again after it was down)', async () => {
    const scheduled = ok(await campaign({ ...base(), trigger: { kind: 'SCHEDULE', at: '2026-05-12T09:00:00+08:00' } }, coalition.tokens.MERCHANT))
      .createCampaign.campaign;
    expect(scheduled.status).toBe('SCHEDULED');
    expect((await results(scheduled.id, coalition.tokens.MERCHANT)).reached).toBe(0);
    await hub.restartAt('2026-05-13T10:00:00+08:00', ['wallet']);
    const office = await authenticate(url(), coalition.A.backOffice);
    const ran = await until('the scheduled campaign to run', async () => {
      const r = ok(await contract(url(), 'CampaignResults', { id: scheduled.id }, office)).campaign;
      return r.status === 'COMPLETED' && r;
    });
    expect(ran.reached + ran.heldOut).toBeGreaterThan(0);
  });
});
