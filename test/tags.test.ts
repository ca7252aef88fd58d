/**
 * Tags through the gateway with v3's TagMembers and CreateTagRule (issue 11,
 * docs/marketing.md "Tags"): a merchant's tags are its own (no one else
 * sees them, and it tags only its own members), HQ's are HQ's; a rule tag
 * follows its rule as members move value, and the nightly rebuild (run at
 * start, as after a night) catches up with what time alone changes.
 *
 * In May 2026: 张三 and 李四 registered at A, 王五 at B (born in May). 张三 buys
 * ¥150.00 at A (paid outside the hub), then it is refunded whole; then buys
 * ¥120.00. A's "big spender" rule (¥100 in 30 days at A) holds 张三 after
 * each purchase and not between; 40 days on it holds nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, graphql, ok } from './support/graphql.js';
import { authenticate, memberWithSession, newPhone, setUpTwoMerchants, type MemberWithSession, type TwoMerchants } from './support/coalition.js';
import { until } from './support/wait.js';

let hub: TestHub;
let coalition: TwoMerchants;
let zhang: MemberWithSession;
let li: MemberWithSession;
let wang: string;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const tag = (input: Record<string, unknown>, token: string) => contract(url(), 'TagMembers', { input }, token);
const rule = (input: Record<string, unknown>, token: string) => contract(url(), 'CreateTagRule', { input }, token);
const tagsOf = async (token: string) =>
  ok(await graphql(url(), '{ tags { name kind members } }', {}, token)).tags as { name: string; kind: string; members: number }[];
const memberTags = (memberId: string, token: string) => graphql(url(), 'query($id: ID!) { member(id: $id) { tags } }', { id: memberId }, token);

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00', logLevel: 'info' }); // the rebuild's report
  coalition = await setUpTwoMerchants(url(), hub.hq);
  zhang = await memberWithSession(url, coalition.A, '张三');
  li = await memberWithSession(url, coalition.A, '李四');
  wang = ok(
    await contract(
      url(),
      'RegisterMember',
      { input: { phone: newPhone(), name: '王五', birthday: '1990-05-17', storeId: coalition.B.stores[0]!.id } },
      coalition.tokens.OTHER_TERMINAL,
    ),
  ).registerMember.member.id;
});
afterAll(async () => hub?.stop());

describe('manual tags', () => {
  it("a merchant tags its own members; its tags are its own, HQ's are HQ's", async () => {
    const { MERCHANT, OTHER_MERCHANT, HQ } = coalition.tokens;
    expect(ok(await tag({ tag: 'VIP', memberIds: [zhang.id, li.id] }, MERCHANT)).tagMembers.tag).toEqual({ name: 'VIP', kind: 'MANUAL', members: 2 });
    expect(ok(await tag({ tag: 'VIP', memberIds: [li.id], remove: true }, MERCHANT)).tagMembers.tag.members).toBe(1);
    expect(codeOf(await tag({ tag: 'VIP', memberIds: [wang] }, MERCHANT))).toBe('FORBIDDEN');
    // B's VIP is another tag: its own name space.
    expect(ok(await tag({ tag: 'VIP', memberIds: [wang] }, OTHER_MERCHANT)).tagMembers.tag.members).toBe(1);
    expect(ok(await tag({ tag: '总部关注', memberIds: [zhang.id, wang] }, HQ)).tagMembers.tag.members).toBe(2);
    expect(await tagsOf(MERCHANT)).toEqual([{ name: 'VIP', kind: 'MANUAL', members: 1 }]);
    expect(await tagsOf(OTHER_MERCHANT)).toEqual([{ name: 'VIP', kind: 'MANUAL', members: 1 }]);
    expect(await tagsOf(HQ)).toEqual([{ name: '总部关注', kind: 'MANUAL', members: 2 }]);

    expect(ok(await memberTags(zhang.id, MERCHANT)).member.tags).toEqual(['VIP']);
    expect(ok(await memberTags(zhang.id, HQ)).member.tags).toEqual(['总部关注']);
    // B never sees A's member; nor do the member, a till or nobody see tags.
    expect(codeOf(await memberTags(zhang.id, OTHER_MERCHANT))).toBe('FORBIDDEN');
    for (const token of [zhang.session, coalition.tokens.TERMINAL]) expect(codeOf(await memberTags(zhang.id, token))).toBe('FORBIDDEN');
    expect(codeOf(await memberTags(zhang.id, ''))).toBe('UNAUTHENTICATED');
    for (const token of [coalition.tokens.TERMINAL, zhang.session]) {
      expect(codeOf(await tag({ tag: 'VIP', memberIds: [zhang.id] }, token))).toBe('FORBIDDEN');
      expect(codeOf(await graphql(url(), '{ tags { name } }', {}, token))).toBe('FORBIDDEN');
    }
  });

  it('bad input names the field and changes nothing', async () => {
    const { MERCHANT } = coalition.tokens;
    for (const [input, name] of [
      [{ tag: ' ', memberIds: [zhang.id] }, 'tag'],
      [{ tag: 'VIP', memberIds: [] }, 'memberIds'],
      [{ tag: 'VIP', memberIds: ['nope'] }, 'memberIds.0'],
    ] as const) {
      const refused = await tag(input, MERCHANT);
      expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', name]);
    }
    expect(await tagsOf(MERCHANT)).toEqual([{ name: 'VIP', kind: 'MANUAL', members: 1 }]);
  });
});

describe('rule tags', () => {
  const bigSpender = { tag: '大客户', rule: { minSpend: { days: 30, amount: m('100.00') } } };
  const count = async (name: string, token: string) => (await tagsOf(token)).find((t) => t.name === name)?.members;
  const buy = async (yuan: string, key: string) =>
    ok(
      await contract(
        url(),
        'Checkout',
        { input: { payCode: await zhang.payCode(), storeId: coalition.A.stores[0]!.id, orderAmount: m(yuan), storedValue: m('0'), idempotencyKey: key } },
        coalition.tokens.TERMINAL,
      ),
    ).checkout;

  it('hold those meeting every condition, and follow their members as they buy and are refunded', async () => {
    const { MERCHANT, HQ } = coalition.tokens;
    expect(ok(await rule(bigSpender, MERCHANT)).createTagRule.tag).toEqual({ name: '大客户', kind: 'RULE', members: 0 });
    // Each movement's follow-up refreshes the member's rule tags beside the request (marketing/follow-up/after-movement.ts, issue 21).
    const counted = (n: number, what: string) => until(what, async () => (await count('大客户', MERCHANT)) === n);
    const first = await buy('150.00', 'b1');
    await counted(1, 'the purchase to tag the member');
    ok(
      await contract(
        url(),
        'Refund',
        { input: { transactionId: first.transaction.id, orderAmount: m('150.00'), idempotencyKey: 'r1' } },
        coalition.tokens.TERMINAL,
      ),
    );
    await counted(0, 'the refund to untag the member');
    await buy('120.00', 'b2');
    await counted(1, 'the next purchase to tag the member again');
    expect(ok(await memberTags(zhang.id, MERCHANT)).member.tags).toEqual(['VIP', '大客户']);

    // HQ's rules over the coalition: tiers, where they registered, birthdays, inactivity.
    expect(ok(await rule({ tag: '普通会员', rule: { tiers: ['NORMAL'] } }, HQ)).createTagRule.tag.members).toBe(3);
    expect(ok(await rule({ tag: 'B注册', rule: { registeredAtMerchantId: coalition.B.id } }, HQ)).createTagRule.tag.members).toBe(1);
    expect(ok(await rule({ tag: '沉睡', rule: { inactiveDays: 30 } }, HQ)).createTagRule.tag.members).toBe(2);
    const may = await until('the wallet to learn 王五 is born in May', async () => {
      const made = ok(await rule({ tag: '五月生日', rule: { birthdayMonth: 5 } }, HQ)).createTagRule.tag;
      return made.members === 1 && made;
    });
    expect(may).toEqual({ name: '五月生日', kind: 'RULE', members: 1 });
    expect(ok(await memberTags(wang, HQ)).member.tags).toEqual(['B注册', '五月生日', '总部关注', '普通会员', '沉睡']);
    // A merchant's rule only ever holds its own members, whatever the conditions.
    expect(ok(await rule({ tag: '全部', rule: { tiers: ['NORMAL'] } }, MERCHANT)).createTagRule.tag.members).toBe(2);
  });

  it('bad rules name the field; a manual tag cannot become a rule, nor a rule tag be set by hand', async () => {
    const { MERCHANT } = coalition.tokens;
    for (const [input, name] of [
      [{ tag: '空', rule: {} }, 'rule'],
      [{ tag: '坏', rule: { minSpend: { days: 0, amount: m('1.00') } } }, 'rule.minSpend.days'],
      [{ tag: '坏', rule: { tiers: ['PLATINUM'] } }, 'rule.tiers.0'],
      [{ tag: '坏', rule: { birthdayMonth: 13 } }, 'rule.birthdayMonth'],
      [{ tag: 'VIP', rule: { minPoints: 1 } }, 'tag'],
    ] as const) {
      const refused = await rule(input, MERCHANT);
      expect([codeOf(refused), fieldOf(refused)], name).toEqual(['BAD_USER_INPUT', name]);
    }
    const byHand = await tag({ tag: '大客户', memberIds: [li.id] }, MERCHANT);
    expect([codeOf(byHand), fieldOf(byHand)]).toEqual(['BAD_USER_INPUT', 'tag']);
    expect(codeOf(await rule(bigSpender, coalition.tokens.TERMINAL))).toBe('FORBIDDEN');
  });

  it('an audience by tag reaches those holding it who gave marketing consent', async () => {
    const { MERCHANT } = coalition.tokens;
    const template = ok(
      await contract(
        url(),
        'CreateCouponTemplate',
        { input: { name: 'VIP券', kind: 'AMOUNT_OFF', amountOff: m('5.00'), validDays: 10, budget: 10 } },
        MERCHANT,
      ),
    ).createCouponTemplate.template.id;
    ok(await contract(url(), 'SetMarketingConsent', { marketing: true }, li.session));
    ok(await tag({ tag: 'VIP', memberIds: [li.id] }, MERCHANT));
    let attempt = 0;
    const reached = await until('the consent to reach the wallet', async () => {
      const r = ok(
        await contract(url(), 'IssueCoupons', { input: { templateId: template, audience: { tags: ['VIP'] }, idempotencyKey: `vip-${++attempt}` } }, MERCHANT),
      ).issueCoupons;
      return r.issued > 0 && r;
    });
    // 张三 holds VIP too, without consent: not reached.
    expect(reached.issued).toBe(1);
    expect(ok(await contract(url(), 'MemberHome', { first: 1 }, li.session)).me.coupons.map((c: any) => c.template.name)).toEqual(['VIP券']);
    expect(ok(await contract(url(), 'MemberHome', { first: 1 }, zhang.session)).me.coupons).toEqual([]);
  });

  it('are rebuilt at start (and when the clock jumps) and nightly: 40 days on, nobody has spent ¥100 in the last 30', async () => {
    await hub.moveClockTo('2026-06-20T10:00:00+08:00');
    const office = await authenticate(url(), coalition.A.backOffice);
    await until('the rebuild run as at start', async () => (await count('大客户', office)) === 0);
    const hq = await authenticate(url(), hub.hq);
    expect(await count('沉睡', hq)).toBe(3);
    // The job's line comes through the process's stdout, and may come after its effect is in the database.
    await until('the rebuild logged', () => hub.logs.some((l) => /rule tags rebuilt/.test(l)), { timeoutMs: 10_000 });
  });
});
