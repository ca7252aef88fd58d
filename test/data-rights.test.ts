/**
 * Member data rights (issue 9; 个人信息保护法): a lost card is blocked and
 * reissued under a new number with everything kept; a member gets a copy of
 * its data; HQ erases a member's identity while the ledger keeps its
 * entries under the member's id; a member gives and withdraws its marketing
 * consent. Who may do each, per role.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok, outcome } from './support/graphql.js';
import { until } from './support/wait.js';
import { newPhone, setUpTwoMerchants, type TwoMerchants } from './support/coalition.js';
import { ledgerViolations, withDatabase } from './support/ledger.js';
import { isLuhnValid } from '../subgraphs/member/membership/card.js';

let hub: HubAccess;
let coalition: TwoMerchants;
let tokens: Record<string, string>;

const LOST = 'mutation($id: ID) { reportCardLost(memberId: $id) { number status } }';
const MY_DATA =
  '{ myData { exportedAt member { id displayName phone birthday } cards { number status issuedAt } memberships { merchant { id name } joinedAt } } }';
const ERASE = 'mutation($id: ID!) { eraseMember(memberId: $id) { id erasedAt } }';

async function newMember(name: string): Promise<{ id: string; session: string; phone: string }> {
  const phone = newPhone();
  const id = ok(
    await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone, name, birthday: '1988-08-08', storeId: coalition.A.stores[0]!.id } }, tokens.TERMINAL),
  ).registerMember.member.id;
  const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: id }, tokens.MERCHANT)).createMemberSession.token;
  ok(
    await contract(
      hub.gatewayUrl,
      'TopUp',
      { input: { memberId: id, storeId: coalition.A.stores[0]!.id, amount: { amount: '50' }, idempotencyKey: `fund-${id}` } },
      tokens.MERCHANT,
    ),
  );
  return { id, session, phone };
}

beforeAll(async () => {
  hub = await sharedTestHub('data-rights');
  coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  tokens = { ...coalition.tokens };
});

describe('a lost card', () => {
  it('is blocked and reissued under a new number; the member keeps its balance, history and pay codes, and signs in again', async () => {
    const member = await newMember('郭靖');
    const before = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, member.session)).me;
    const card = ok(await graphql(hub.gatewayUrl, LOST, {}, member.session)).reportCardLost;
    expect(card.number).not.toBe(before.card.number);
    expect(isLuhnValid(card.number)).toBe(true);
    expect(card.status).toBe('ACTIVE');
    // Whoever holds the lost card may hold the phone too: the session it was reported with has ended (issue 21).
    expect(codeOf(await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, member.session))).toBe('UNAUTHENTICATED');
    member.session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: member.id }, tokens.MERCHANT)).createMemberSession.token;
    const after = ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 5 }, member.session)).me;
    expect(after.card.number).toBe(card.number);
    expect(after.wallet.balance).toEqual(before.wallet.balance);
    expect(after.transactions.edges.length).toBe(before.transactions.edges.length);
    const code = ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, member.session)).issuePayCode.code;
    expect(ok(await contract(hub.gatewayUrl, 'LookupPayCode', { code }, tokens.TERMINAL)).payCode.member.id).toBe(member.id);
    const data = ok(await graphql(hub.gatewayUrl, MY_DATA, {}, member.session)).myData;
    expect(data.cards.map((c: { number: string; status: string }) => [c.number, c.status])).toEqual([
      [before.card.number, 'LOST'],
      [card.number, 'ACTIVE'],
    ]);
  });

  it('may be reported by the member, HQ and a back office it joined; not by another merchant or a terminal', async () => {
    const member = await newMember('黄蓉');
    const want: Record<string, string> = { HQ: 'ok', MERCHANT: 'ok', OTHER_MERCHANT: 'FORBIDDEN', TERMINAL: 'FORBIDDEN', OTHER_TERMINAL: 'FORBIDDEN' };
    for (const [role, expected] of Object.entries(want))
      expect(outcome(await graphql(hub.gatewayUrl, LOST, { id: member.id }, tokens[role])), role).toBe(expected);
    const other = await newMember('欧阳锋');
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: member.id }, tokens.MERCHANT)).createMemberSession.token;
    expect(codeOf(await graphql(hub.gatewayUrl, LOST, { id: other.id }, session))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(hub.gatewayUrl, LOST, {}, tokens.HQ))).toBe('BAD_USER_INPUT');
  });
});

describe('marketing consent', () => {
  const CONSENTS = 'query($id: ID!) { member(id: $id) { consents { marketing updatedAt } } }';
  const walletKnows = (memberId: string) =>
    withDatabase(
      hub.databaseUrl,
      async (db) => (await db.query('select marketing_consent from wallet.wallet where member_id = $1', [memberId])).rows[0]?.marketing_consent,
    );

  it('is given at the till or not, withdrawn and given again by the member in the app, and reaches the wallet', async () => {
    const phone = newPhone();
    const registeredFrom = Date.now();
    const id = ok(
      await contract(
        hub.gatewayUrl,
        'RegisterMember',
        { input: { phone, name: '小龙女', storeId: coalition.A.stores[0]!.id, marketingConsent: true } },
        tokens.TERMINAL,
      ),
    ).registerMember.member.id;
    const given = ok(await graphql(hub.gatewayUrl, CONSENTS, { id }, tokens.HQ)).member.consents;
    expect(given.marketing).toBe(true);
    // Given when the registration was made (the shared hub runs on the real clock; a second either side for the clocks).
    expect(Date.parse(given.updatedAt)).toBeGreaterThanOrEqual(registeredFrom - 1000);
    expect(Date.parse(given.updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    await until('the wallet to learn the consent given at registration', async () => (await walletKnows(id)) === true);
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: id }, tokens.MERCHANT)).createMemberSession.token;

    const withdrawn = ok(await contract(hub.gatewayUrl, 'SetMarketingConsent', { marketing: false }, session)).setMarketingConsent.consents;
    expect(withdrawn.marketing).toBe(false);
    expect(Date.parse(withdrawn.updatedAt)).toBeGreaterThanOrEqual(Date.parse(given.updatedAt));
    expect(ok(await graphql(hub.gatewayUrl, '{ me { consents { marketing updatedAt } } }', {}, session)).me.consents).toEqual(withdrawn);
    await until('the wallet to learn the withdrawal', async () => (await walletKnows(id)) === false);
    expect(ok(await contract(hub.gatewayUrl, 'SetMarketingConsent', { marketing: true }, session)).setMarketingConsent.consents.marketing).toBe(true);
    await until('the wallet to learn it was given again', async () => (await walletKnows(id)) === true);

    // Not asked at the till: not given, and never changed.
    const quiet = await newMember('杨过');
    expect(ok(await graphql(hub.gatewayUrl, CONSENTS, { id: quiet.id }, tokens.HQ)).member.consents).toEqual({ marketing: false, updatedAt: null });
    expect(await walletKnows(quiet.id)).toBe(false);
  });

  it('is set by the member only, and seen by the member, HQ and a back office it joined', async () => {
    const member = await newMember('段誉');
    for (const role of ['HQ', 'MERCHANT', 'OTHER_MERCHANT', 'TERMINAL', 'OTHER_TERMINAL']) {
      expect(codeOf(await contract(hub.gatewayUrl, 'SetMarketingConsent', { marketing: true }, tokens[role])), role).toBe('FORBIDDEN');
    }
    expect(codeOf(await contract(hub.gatewayUrl, 'SetMarketingConsent', { marketing: true }))).toBe('UNAUTHENTICATED');
    const want: Record<string, string> = { HQ: 'ok', MERCHANT: 'ok', OTHER_MERCHANT: 'FORBIDDEN', TERMINAL: 'FORBIDDEN', OTHER_TERMINAL: 'FORBIDDEN' };
    for (const [role, expected] of Object.entries(want))
      expect(outcome(await graphql(hub.gatewayUrl, CONSENTS, { id: member.id }, tokens[role])), role).toBe(expected);
    // Nothing the refusals asked for happened.
    expect(ok(await graphql(hub.gatewayUrl, CONSENTS, { id: member.id }, tokens.HQ)).member.consents).toEqual({ marketing: false, updatedAt: null });
    const other = await newMember('王语嫣');
    expect(outcome(await graphql(hub.gatewayUrl, CONSENTS, { id: other.id }, member.session))).toBe('FORBIDDEN');
  });
});

describe("a member's copy of its data", () => {
  it('holds its identity, cards and memberships, for the member only', async () => {
    const member = await newMember('杨过');
    const data = ok(await graphql(hub.gatewayUrl, MY_DATA, {}, member.session)).myData;
    expect(data.member).toEqual({ id: member.id, displayName: '杨过', phone: `+86${member.phone}`, birthday: '1988-08-08' });
    expect(data.memberships.map((m: { merchant: { id: string } }) => m.merchant.id)).toEqual([coalition.A.id]);
    expect(data.cards).toHaveLength(1);
    for (const role of ['HQ', 'MERCHANT', 'TERMINAL']) expect(codeOf(await graphql(hub.gatewayUrl, MY_DATA, {}, tokens[role])), role).toBe('FORBIDDEN');
  });
});

describe("erasing a member's identity", () => {
  it('is for HQ only; name, phone and birthday are gone, cards closed, wallet frozen, the ledger intact under the id', async () => {
    const member = await newMember('小龙女');
    for (const role of ['MERCHANT', 'TERMINAL']) expect(codeOf(await graphql(hub.gatewayUrl, ERASE, { id: member.id }, tokens[role])), role).toBe('FORBIDDEN');
    expect(codeOf(await graphql(hub.gatewayUrl, ERASE, { id: member.id }, member.session))).toBe('FORBIDDEN');

    const erased = ok(await graphql(hub.gatewayUrl, ERASE, { id: member.id }, tokens.HQ)).eraseMember;
    expect(erased.id).toBe(member.id);
    expect(ok(await graphql(hub.gatewayUrl, ERASE, { id: member.id }, tokens.HQ)).eraseMember).toEqual(erased); // again: the same answer

    const row = await withDatabase(
      hub.databaseUrl,
      async (db) => (await db.query('select name, phone, birthday, erased_at from member.member where id = $1', [member.id])).rows[0],
    );
    expect(row).toMatchObject({ name: null, phone: null, birthday: null });
    const cards = await withDatabase(hub.databaseUrl, async (db) =>
      (await db.query('select status from member.card where member_id = $1', [member.id])).rows.map((r) => r.status),
    );
    expect(cards).toEqual(['CLOSED']);
    const seen = ok(
      await graphql(
        hub.gatewayUrl,
        'query($id: ID!) { member(id: $id) { displayName maskedName phone wallet { status balance { amount } } transactions { edges { node { id } } } } }',
        { id: member.id },
        tokens.HQ,
      ),
    ).member;
    expect(seen).toMatchObject({ displayName: '(erased)', maskedName: '*', phone: null, wallet: { status: 'FROZEN', balance: { amount: '50.00' } } });
    expect(seen.transactions.edges).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain('小龙女');
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);

    // No one can act for it any more, and its phone is free for a new registration.
    expect(codeOf(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: member.id }, tokens.HQ))).toBe('NOT_FOUND');
    expect(codeOf(await graphql(hub.gatewayUrl, LOST, { id: member.id }, tokens.HQ))).toBe('NOT_FOUND');
    ok(await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: member.phone, name: '新人', storeId: coalition.A.stores[0]!.id } }, tokens.TERMINAL));
  });

  it('the database refuses an erased member with a name, or a living one without', async () => {
    const member = await newMember('尹志平');
    await withDatabase(hub.databaseUrl, async (db) => {
      await expect(db.query('update member.member set erased_at = now() where id = $1', [member.id])).rejects.toThrow(/member_identity_or_erased/);
      await expect(db.query('update member.member set name = null where id = $1', [member.id])).rejects.toThrow(/member_identity_or_erased/);
    });
  });
});
