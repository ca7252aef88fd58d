/**
 * What a hostile back office or member could still do (issue 21), each closed and shown closed through the gateway and,
 * where a subgraph decides, straight at that subgraph with the gateway's credential.
 *
 * 1. A freeze says who set it; a member lifts only its own, HQ any but erasure's (subgraphs/wallet/ledger/accounts/freeze.ts).
 * 2. Erasure, a lost card and HQ's freeze end the member's sessions at once, in every subgraph (lib/session-end.ts).
 * 3. Webhook targets are public addresses, classified by ipaddr.js (lib/outbound.ts; its unit test shows the rebinding).
 * 4. What a movement fans out to runs beside the request, bounded per owner (subgraphs/wallet/marketing/follow-up/after-movement.ts).
 * 5. Analytical fields weigh what they scan, one a request, one request at a time per caller.
 * 6. Only HQ learns freely whether a phone is a member's.
 * 8. The audit log's completeness and who acted through a member session: audit-log.test.ts.
 * 9. Client mistakes are 4xx with their code: bad-input.test.ts, which runs under both gateway engines.
 * 10. Reading by id what one may not see is FORBIDDEN, whether or not it exists.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE } from '../lib/database-roles.js';
import { startTestHub, subgraphCall, type TestHub } from './support/hub.js';
import { codeOf, contract, graphql, ok, outcome } from './support/graphql.js';
import { authenticate, memberWithSession, setUpTwoMerchants, type MemberWithSession, type TwoMerchants } from './support/coalition.js';
import { withDatabase } from './support/ledger.js';
import { until } from './support/wait.js';

let hub: TestHub;
let coalition: TwoMerchants;
let tokens: TwoMerchants['tokens'];

const FREEZE = 'mutation($id: ID) { freezeWallet(memberId: $id) { status freezes { reason since } } }';
const UNFREEZE = 'mutation($id: ID) { unfreezeWallet(memberId: $id) { status freezes { reason } } }';
const WALLET = 'query($id: ID!) { member(id: $id) { wallet { status balance { amount } freezes { reason } } } }';
const m = (amount: string) => ({ amount });

/** A member of A with ¥80 of A's stored value and a session from A's back office. */
async function fundedMember(name: string): Promise<MemberWithSession> {
  const member = await memberWithSession(hub.gatewayUrl, coalition.A, name);
  ok(
    await contract(
      hub.gatewayUrl,
      'TopUp',
      { input: { memberId: member.id, storeId: coalition.A.stores[0]!.id, amount: m('80'), idempotencyKey: `fund-${member.id}` } },
      tokens.MERCHANT,
    ),
  );
  return member;
}

const walletOf = async (memberId: string) => ok(await graphql(hub.gatewayUrl, WALLET, { id: memberId }, tokens.HQ)).member.wallet;
const reasons = async (memberId: string) => (await walletOf(memberId)).freezes.map((f: { reason: string }) => f.reason);

/** Spends with a pay code at A's till: what a lifted freeze would let through. */
async function spend(member: MemberWithSession, key: string) {
  const payCode = await member.payCode();
  return contract(
    hub.gatewayUrl,
    'Checkout',
    { input: { payCode, storeId: coalition.A.stores[0]!.id, orderAmount: m('80'), storedValue: m('80'), idempotencyKey: key } },
    tokens.TERMINAL,
  );
}

beforeAll(async () => {
  hub = await startTestHub({
    now: '2026-09-10T10:00:00+08:00',
    env: { UNICARD_MAX_EVENT_CAMPAIGNS: '3', UNICARD_MAX_RULE_TAGS: '3', UNICARD_MAX_CLIENTS_PER_MERCHANT: '6' },
  });
  coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  tokens = coalition.tokens;
});
afterAll(async () => hub?.stop());

describe('1. who may lift a freeze', () => {
  it("a member lifts its own freeze; HQ lifts a member's freeze too", async () => {
    const member = await fundedMember('冻结甲');
    expect(ok(await graphql(hub.gatewayUrl, FREEZE, {}, member.session)).freezeWallet.freezes.map((f: { reason: string }) => f.reason)).toEqual(['MEMBER']);
    expect(codeOf(await spend(member, `spend-own-frozen-${member.id}`))).toBe('WALLET_FROZEN');
    expect(ok(await graphql(hub.gatewayUrl, UNFREEZE, {}, member.session)).unfreezeWallet).toEqual({ status: 'ACTIVE', freezes: [] });
    ok(await graphql(hub.gatewayUrl, FREEZE, {}, member.session));
    expect(ok(await graphql(hub.gatewayUrl, UNFREEZE, { id: member.id }, tokens.HQ)).unfreezeWallet).toEqual({ status: 'ACTIVE', freezes: [] });
  });

  it("a member session cannot lift HQ's freeze, whoever opened it, and the frozen value stays unspent", async () => {
    const member = await fundedMember('冻结乙');
    ok(await graphql(hub.gatewayUrl, FREEZE, { id: member.id }, tokens.HQ));
    // The attack: the back office opens a session for the member, the member lifts the freeze, a till spends the ¥80.
    await member.renewSession();
    const lifted = await graphql(hub.gatewayUrl, UNFREEZE, {}, member.session);
    expect(codeOf(lifted)).toBe('FORBIDDEN');
    expect(lifted.errors![0]!.message).toBe('Only HQ lifts a freeze HQ set');
    // Straight at the wallet with the gateway's credential: the same rule, decided there.
    expect(codeOf(await subgraphCall(hub, 'wallet', UNFREEZE, {}, member.session))).toBe('FORBIDDEN');
    expect(codeOf(await spend(member, `spend-hq-frozen-${member.id}`))).toBe('WALLET_FROZEN');
    expect(await walletOf(member.id)).toEqual({ status: 'FROZEN', balance: m('80.00'), freezes: [{ reason: 'HQ' }] });
    // Under HQ's freeze the member may add its own, and lifting its own is refused while HQ's stands: nothing changes.
    ok(await graphql(hub.gatewayUrl, FREEZE, {}, member.session));
    expect(codeOf(await graphql(hub.gatewayUrl, UNFREEZE, {}, member.session))).toBe('FORBIDDEN');
    expect(await reasons(member.id)).toEqual(['HQ', 'MEMBER']);
    expect(ok(await graphql(hub.gatewayUrl, UNFREEZE, { id: member.id }, tokens.HQ)).unfreezeWallet).toEqual({ status: 'ACTIVE', freezes: [] });
    expect(ok(await spend(member, `spend-lifted-${member.id}`)).checkout.transaction.id).toBeTruthy();
  });

  it("nobody lifts an erasure's freeze: the value is HQ's to settle outside the hub", async () => {
    const member = await fundedMember('冻结丙');
    ok(await graphql(hub.gatewayUrl, FREEZE, {}, member.session));
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID!) { eraseMember(memberId: $id) { id } }', { id: member.id }, tokens.HQ));
    expect(await reasons(member.id)).toEqual(['MEMBER', 'ERASURE']);
    const refused = await graphql(hub.gatewayUrl, UNFREEZE, { id: member.id }, tokens.HQ);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toBe("An erased member's wallet stays frozen");
    expect(codeOf(await subgraphCall(hub, 'wallet', UNFREEZE, { id: member.id }, tokens.HQ))).toBe('FORBIDDEN');
    expect(await walletOf(member.id)).toEqual({ status: 'FROZEN', balance: m('80.00'), freezes: [{ reason: 'MEMBER' }, { reason: 'ERASURE' }] });
  });

  it('per role: the member and HQ freeze and lift; back offices and tills do neither, through the gateway and at the wallet', async () => {
    const member = await fundedMember('冻结丁');
    const want: Record<string, string> = { MERCHANT: 'FORBIDDEN', OTHER_MERCHANT: 'FORBIDDEN', TERMINAL: 'FORBIDDEN', OTHER_TERMINAL: 'FORBIDDEN', HQ: 'ok' };
    for (const [role, expected] of Object.entries(want)) {
      const token = tokens[role as keyof typeof tokens];
      for (const op of [FREEZE, UNFREEZE]) {
        expect(outcome(await graphql(hub.gatewayUrl, op, { id: member.id }, token)), role).toBe(expected);
        expect(outcome(await subgraphCall(hub, 'wallet', op, { id: member.id }, token)), `${role} at the wallet`).toBe(expected);
      }
    }
    const other = await fundedMember('冻结戊');
    const session = await member.renewSession(); // HQ's freeze above ended the one before
    expect(codeOf(await graphql(hub.gatewayUrl, FREEZE, { id: other.id }, session))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(hub.gatewayUrl, UNFREEZE, { id: other.id }, session))).toBe('FORBIDDEN');
    expect(await walletOf(member.id)).toMatchObject({ status: 'ACTIVE', freezes: [] });
  });

  it("concurrent freezes by HQ and lifts by the member leave HQ's freeze standing, whatever the order", async () => {
    const member = await fundedMember('冻结己');
    const sessions = await Promise.all(Array.from({ length: 4 }, () => member.renewSession()));
    const results = await Promise.all([
      ...sessions.flatMap((session) => [graphql(hub.gatewayUrl, FREEZE, {}, session), graphql(hub.gatewayUrl, UNFREEZE, {}, session)]),
      ...Array.from({ length: 4 }, () => graphql(hub.gatewayUrl, FREEZE, { id: member.id }, tokens.HQ)),
    ]);
    // Every answer is an answer: done, refused (HQ's freeze stood), or the session already ended by HQ's freeze.
    for (const result of results) expect(['ok', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(outcome(result));
    const wallet = await walletOf(member.id);
    expect(wallet.status).toBe('FROZEN');
    expect(wallet.freezes.map((f: { reason: string }) => f.reason)).toContain('HQ');
    expect(codeOf(await graphql(hub.gatewayUrl, UNFREEZE, {}, await member.renewSession()))).toBe('FORBIDDEN');
  });
});

describe('2. sessions that end', () => {
  const ME = '{ me { id } }';
  const MERCHANTS = '{ merchants { id } }';
  /** One request to each subgraph a session reaches: the member's profile, a pay code, the merchants. */
  async function sessionAnswers(session: string) {
    return {
      member: outcome(await graphql(hub.gatewayUrl, ME, {}, session)),
      wallet: outcome(await contract(hub.gatewayUrl, 'IssuePayCode', {}, session)),
      merchant: outcome(await graphql(hub.gatewayUrl, MERCHANTS, {}, session)),
      memberDirect: outcome(await subgraphCall(hub, 'member', ME, {}, session)),
      walletDirect: outcome(await subgraphCall(hub, 'wallet', 'mutation { issuePayCode { code } }', {}, session)),
      merchantDirect: outcome(await subgraphCall(hub, 'merchant', MERCHANTS, {}, session)),
    };
  }
  const ALL_OK = { member: 'ok', wallet: 'ok', merchant: 'ok', memberDirect: 'ok', walletDirect: 'ok', merchantDirect: 'ok' };
  const ALL_ENDED = Object.fromEntries(Object.keys(ALL_OK).map((k) => [k, 'UNAUTHENTICATED']));

  it('erasure ends every session of the member in every subgraph by the time it answers', async () => {
    const member = await fundedMember('会话甲');
    const second = await member.renewSession();
    const first = member.session;
    expect(await sessionAnswers(second)).toEqual(ALL_OK);
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID!) { eraseMember(memberId: $id) { id } }', { id: member.id }, tokens.HQ));
    expect(await sessionAnswers(second)).toEqual(ALL_ENDED);
    expect(await sessionAnswers(first)).toEqual(ALL_ENDED);
    // What an erased member's old session did before: top-ups to it, joining another merchant, signing in for points.
    expect(codeOf(await graphql(hub.gatewayUrl, 'mutation($id: ID!) { joinMerchant(merchantId: $id) { id } }', { id: coalition.B.id }, second))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await contract(hub.gatewayUrl, 'SignIn', {}, second))).toBe('UNAUTHENTICATED');
    // The check lives with each subgraph's data, in PostgreSQL.
    const ended = await withDatabase(hub.databaseUrl, async (db) =>
      Promise.all(
        ['member', 'wallet', 'merchant'].map(
          async (schema) => (await db.query(`select reason from "${schema}".session_end where subject = $1`, [member.id])).rows[0]?.reason,
        ),
      ),
    );
    expect(ended).toEqual(['ERASED', 'ERASED', 'ERASED']);
  });

  it("a lost card and HQ's freeze end the sessions issued until then; a session opened after works", async () => {
    for (const [ending, act] of [
      [
        'lost card, by the back office',
        (id: string) => graphql(hub.gatewayUrl, 'mutation($id: ID) { reportCardLost(memberId: $id) { number } }', { id }, tokens.MERCHANT),
      ],
      ["HQ's freeze", (id: string) => graphql(hub.gatewayUrl, FREEZE, { id }, tokens.HQ)],
    ] as const) {
      const member = await fundedMember(`会话${ending}`);
      const before = member.session;
      ok(await act(member.id));
      expect(await sessionAnswers(before), ending).toEqual(ALL_ENDED);
      const after = await member.renewSession();
      expect(outcome(await graphql(hub.gatewayUrl, ME, {}, after)), ending).toBe('ok');
      expect(outcome(await subgraphCall(hub, 'merchant', MERCHANTS, {}, after)), ending).toBe('ok');
    }
  });

  it("the member's own freeze ends nothing: it froze its wallet from the session it keeps", async () => {
    const member = await fundedMember('会话丙');
    ok(await graphql(hub.gatewayUrl, FREEZE, {}, member.session));
    expect(await sessionAnswers(member.session)).toEqual(ALL_OK);
  });
});

describe('2b. API clients that can be listed, revoked and counted', () => {
  const LIST = 'query($m: ID) { apiClients(merchantId: $m) { id kind label revokedAt merchant { id } store { id } } }';
  const REVOKE = 'mutation($id: ID!) { revokeApiClient(clientId: $id) { id revokedAt } }';
  const newClient = async (kind: 'MERCHANT' | 'TERMINAL', merchant: TwoMerchants['A'], token = tokens.HQ) =>
    contract(
      hub.gatewayUrl,
      'CreateApiClient',
      { input: { kind, merchantId: merchant.id, storeId: kind === 'TERMINAL' ? merchant.stores[0]!.id : undefined, label: `${kind} ${Date.now()}` } },
      token,
    );

  it('are listed by HQ for any merchant and by a back office for its own, never with a secret', async () => {
    const own = ok(await graphql(hub.gatewayUrl, LIST, {}, tokens.MERCHANT)).apiClients as { id: string; merchant: { id: string } }[];
    expect(own.map((c) => c.id)).toEqual(expect.arrayContaining([coalition.A.backOffice.clientId, coalition.A.stores[0]!.terminal.clientId]));
    expect(own.every((c) => c.merchant.id === coalition.A.id)).toBe(true);
    expect(ok(await graphql(hub.gatewayUrl, LIST, { m: coalition.B.id }, tokens.HQ)).apiClients.map((c: { id: string }) => c.id)).toContain(
      coalition.B.backOffice.clientId,
    );
    expect(ok(await graphql(hub.gatewayUrl, LIST, {}, tokens.HQ)).apiClients.map((c: { kind: string }) => c.kind)).toEqual(expect.arrayContaining(['HQ']));
    expect(codeOf(await graphql(hub.gatewayUrl, LIST, { m: coalition.B.id }, tokens.MERCHANT))).toBe('FORBIDDEN');
    for (const token of [tokens.TERMINAL, (await fundedMember('列客户')).session])
      expect(codeOf(await graphql(hub.gatewayUrl, LIST, {}, token))).toBe('FORBIDDEN');
    expect(JSON.stringify(own)).not.toContain(coalition.A.backOffice.clientSecret);
  });

  it('revoked, hold no token that works anywhere and cannot sign in again; only HQ and their own back office revoke them', async () => {
    const till = ok(await newClient('TERMINAL', coalition.A, tokens.MERCHANT)).createApiClient;
    const tillToken = await authenticate(hub.gatewayUrl, till);
    const LOOKUP = 'query($c: String!) { payCode(code: $c) { member { id } } }';
    expect(codeOf(await graphql(hub.gatewayUrl, LOOKUP, { c: '123456789012345678' }, tillToken))).toBe('PAY_CODE_INVALID');
    // Another merchant's back office, a till, and a client id that does not exist: FORBIDDEN alike.
    for (const token of [tokens.OTHER_MERCHANT, tokens.TERMINAL])
      expect(codeOf(await graphql(hub.gatewayUrl, REVOKE, { id: till.clientId }, token))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(hub.gatewayUrl, REVOKE, { id: 'tm_doesnotexist' }, tokens.MERCHANT))).toBe('FORBIDDEN');
    const revoked = ok(await graphql(hub.gatewayUrl, REVOKE, { id: till.clientId }, tokens.MERCHANT)).revokeApiClient;
    expect(revoked.revokedAt).toBeTruthy();
    // At once, in every subgraph: through the gateway and straight at each.
    expect(codeOf(await graphql(hub.gatewayUrl, LOOKUP, { c: '123456789012345678' }, tillToken))).toBe('UNAUTHENTICATED');
    for (const [subgraph, query] of [
      ['wallet', LOOKUP],
      ['merchant', '{ merchants { id } }'],
      ['member', '{ memberSearch(phone: "13900000000") { id } }'],
    ] as const) {
      expect(codeOf(await subgraphCall(hub, subgraph, query, { c: '123456789012345678' }, tillToken)), subgraph).toBe('UNAUTHENTICATED');
    }
    await expect(authenticate(hub.gatewayUrl, till)).rejects.toThrow(/UNAUTHENTICATED/);
    // HQ revokes a back office; its token stops too; revoking again answers the same.
    const office = ok(await newClient('MERCHANT', coalition.B)).createApiClient;
    const officeToken = await authenticate(hub.gatewayUrl, office);
    const again = ok(await graphql(hub.gatewayUrl, REVOKE, { id: office.clientId }, tokens.HQ)).revokeApiClient;
    expect(ok(await graphql(hub.gatewayUrl, REVOKE, { id: office.clientId }, tokens.HQ)).revokeApiClient).toEqual(again);
    expect(codeOf(await graphql(hub.gatewayUrl, LIST, {}, officeToken))).toBe('UNAUTHENTICATED');
  });

  it("revoked, a till's checkout and top-up (whose first statement carries the session's check) are refused before anything moves", async () => {
    const till = ok(await newClient('TERMINAL', coalition.A, tokens.MERCHANT)).createApiClient;
    const tillToken = await authenticate(hub.gatewayUrl, till);
    const member = await fundedMember('撤销台');
    const storeId = coalition.A.stores[0]!.id;
    const checkout = (payCode: string, key: string, amount = '10') => ({
      input: { payCode, storeId, orderAmount: m(amount), storedValue: m(amount), idempotencyKey: key },
    });
    const paid = checkout(await member.payCode(), 'revoked-till-1');
    ok(await contract(hub.gatewayUrl, 'Checkout', paid, tillToken));
    ok(await graphql(hub.gatewayUrl, REVOKE, { id: till.clientId }, tokens.MERCHANT));
    const balance = (await walletOf(member.id)).balance.amount;
    const code = await member.payCode();
    const refusals = {
      'a new checkout': await contract(hub.gatewayUrl, 'Checkout', checkout(code, 'revoked-till-2'), tillToken),
      // Its key seen before: no replayed answer either.
      'the same checkout again': await contract(hub.gatewayUrl, 'Checkout', paid, tillToken),
      // Refused as a whole, as when the check ran first: not the input's mistake.
      'a checkout with a bad amount': await contract(hub.gatewayUrl, 'Checkout', checkout(code, 'revoked-till-3', '-1'), tillToken),
      'a top-up': await contract(hub.gatewayUrl, 'TopUp', { input: { payCode: code, storeId, amount: m('5'), idempotencyKey: 'revoked-till-4' } }, tillToken),
      'a checkout at the wallet': await subgraphCall(
        hub,
        'wallet',
        'mutation($input: CheckoutInput!) { checkout(input: $input) { transaction { id } } }',
        checkout(code, 'revoked-till-5'),
        tillToken,
      ),
      'a top-up at the wallet': await subgraphCall(
        hub,
        'wallet',
        'mutation($input: TopUpInput!) { topUp(input: $input) { transaction { id } } }',
        { input: { payCode: code, storeId, amount: m('5'), idempotencyKey: 'revoked-till-6' } },
        tillToken,
      ),
    };
    // Two checkouts in one mutation: the second must not run unchecked once the first was refused (graphql-js stops a
    // mutation at its first non-null field's error; the session also refuses any later statement that would carry it).
    const TWICE =
      'mutation($a: CheckoutInput!, $b: CheckoutInput!) { a: checkout(input: $a) { transaction { id } } b: checkout(input: $b) { transaction { id } } }';
    const twice = { a: checkout(code, 'revoked-till-7').input, b: checkout(code, 'revoked-till-8').input };
    Object.assign(refusals, {
      'two checkouts in one request': await graphql(hub.gatewayUrl, TWICE, twice, tillToken),
      'two checkouts in one request at the wallet': await subgraphCall(hub, 'wallet', TWICE, twice, tillToken),
    });
    for (const [what, answer] of Object.entries(refusals)) {
      expect(codeOf(answer), what).toBe('UNAUTHENTICATED');
      expect(answer.data ?? null, what).toBeNull();
      expect(answer.errors, what).toHaveLength(1);
    }
    expect((await walletOf(member.id)).balance.amount).toBe(balance);
    // The code the refused requests carried was not used up: a live till still takes it.
    ok(await contract(hub.gatewayUrl, 'Checkout', checkout(code, 'live-till-after-revoked'), tokens.TERMINAL));
    expect((await walletOf(member.id)).balance.amount).not.toBe(balance);
  });

  it('are limited per merchant (UNICARD_MAX_CLIENTS_PER_MERCHANT, 6 here); revoking one makes room', async () => {
    const live = async () =>
      (ok(await graphql(hub.gatewayUrl, LIST, {}, tokens.OTHER_MERCHANT)).apiClients as { revokedAt: string | null }[]).filter((c) => !c.revokedAt).length;
    const made: string[] = [];
    while ((await live()) < 6) made.push(ok(await newClient('TERMINAL', coalition.B, tokens.OTHER_MERCHANT)).createApiClient.clientId);
    const refused = await newClient('MERCHANT', coalition.B, tokens.OTHER_MERCHANT);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('merchantId');
    expect(codeOf(await newClient('TERMINAL', coalition.B))).toBe('BAD_USER_INPUT'); // HQ too: the limit is the merchant's
    ok(await graphql(hub.gatewayUrl, REVOKE, { id: made[0] ?? coalition.B.stores[0]!.terminal.clientId }, tokens.OTHER_MERCHANT));
    ok(await newClient('TERMINAL', coalition.B, tokens.OTHER_MERCHANT));
  });
});

describe('3. webhook targets that reach inward', () => {
  const SET = 'mutation($input: WebhookInput!) { setWebhook(input: $input) { webhook { url } } }';
  it('are refused at registration in every address form, through the gateway and at the wallet', async () => {
    const inward = [
      'http://[::ffff:127.0.0.1]:4000/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[::]:4000/',
      'http://[::7f00:1]/',
      'http://[fec0::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://198.18.0.1/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://127.0.0.1/',
      'http://169.254.169.254/',
      'http://[::1]/',
      'http://localhost/',
      'http://10.0.0.1/',
      'http://127.1/',
      'http://0x7f.1/',
      'http://[fe80::1]/',
      'http://a.localhost/',
      'http://0.0.0.0/',
      'http://2130706433/',
    ];
    for (const url of inward) {
      const input = { url, events: ['TIER_UPGRADED'] };
      expect(codeOf(await graphql(hub.gatewayUrl, SET, { input }, tokens.MERCHANT)), url).toBe('BAD_USER_INPUT');
      expect(codeOf(await subgraphCall(hub, 'wallet', SET, { input }, tokens.MERCHANT)), `${url} at the wallet`).toBe('BAD_USER_INPUT');
    }
    // A public address is taken (it is never called here: nothing is due for this merchant).
    expect(
      ok(await graphql(hub.gatewayUrl, SET, { input: { url: 'https://8.8.8.8/hooks', events: ['TIER_UPGRADED'] } }, tokens.OTHER_MERCHANT)).setWebhook.webhook
        .url,
    ).toBe('https://8.8.8.8/hooks');
  });
});

describe("4. a till's cost does not grow with what other merchants configure", () => {
  const statementsOfWallet = async () => {
    const text = await fetch(hub.hub.processes.wallet.metricsUrl).then((r) => r.text());
    return Number(/^unicard_db_statements_total\{source="graphql"\} (\d+)$/m.exec(text)![1]);
  };
  /** The wallet's SQL statements for one checkout at A's till (the pay code is issued before counting). */
  async function checkoutStatements(member: MemberWithSession, key: string): Promise<number> {
    const payCode = await member.payCode();
    const before = await statementsOfWallet();
    ok(
      await contract(
        hub.gatewayUrl,
        'Checkout',
        { input: { payCode, storeId: coalition.A.stores[0]!.id, orderAmount: m('10'), storedValue: m('10'), idempotencyKey: key } },
        tokens.TERMINAL,
      ),
    );
    return (await statementsOfWallet()) - before;
  }

  it("B's event campaigns and rule tags, up to its limits, add nothing to a checkout at A; past them B is refused", async () => {
    const member = await fundedMember('扇出');
    await checkoutStatements(member, `warm-${member.id}`);
    const alone = await checkoutStatements(member, `alone-${member.id}`);
    // The hub runs with 3 of each per owner (UNICARD_MAX_EVENT_CAMPAIGNS, UNICARD_MAX_RULE_TAGS in beforeAll).
    for (let i = 0; i < 3; i++) {
      ok(
        await contract(
          hub.gatewayUrl,
          'CreateCampaign',
          {
            input: {
              name: `B消费${i}`,
              trigger: { kind: 'PURCHASE' },
              audience: {},
              action: { kind: 'NOTIFY', message: 'hi' },
              idempotencyKey: `b-purchase-${i}`,
            },
          },
          tokens.OTHER_MERCHANT,
        ),
      );
      ok(
        await contract(
          hub.gatewayUrl,
          'CreateTagRule',
          { input: { tag: `B规则${i}`, rule: { minSpend: { days: 30, amount: m(String(i + 1)) } } } },
          tokens.OTHER_MERCHANT,
        ),
      );
    }
    const refusedCampaign = await contract(
      hub.gatewayUrl,
      'CreateCampaign',
      {
        input: {
          name: 'B消费X',
          trigger: { kind: 'PURCHASE' },
          audience: {},
          action: { kind: 'NOTIFY', message: 'hi' },
          idempotencyKey: 'b-purchase-x',
        },
      },
      tokens.OTHER_MERCHANT,
    );
    expect(codeOf(refusedCampaign)).toBe('BAD_USER_INPUT');
    expect(refusedCampaign.errors![0]!.extensions!.field).toBe('trigger.kind');
    const refusedTag = await contract(
      hub.gatewayUrl,
      'CreateTagRule',
      { input: { tag: 'B规则X', rule: { minSpend: { days: 30, amount: m('9') } } } },
      tokens.OTHER_MERCHANT,
    );
    expect(codeOf(refusedTag)).toBe('BAD_USER_INPUT');
    // Changing the rule of a tag it has is no new tag.
    ok(await contract(hub.gatewayUrl, 'CreateTagRule', { input: { tag: 'B规则0', rule: { minSpend: { days: 30, amount: m('2') } } } }, tokens.OTHER_MERCHANT));
    expect(await checkoutStatements(member, `crowded-${member.id}`)).toBe(alone);
  });

  it('what follows a checkout still happens, beside the request: a rule tag of the merchant the member joined', async () => {
    const member = await fundedMember('扇出后');
    ok(await contract(hub.gatewayUrl, 'CreateTagRule', { input: { tag: 'A消费者', rule: { minSpend: { days: 30, amount: m('50') } } } }, tokens.MERCHANT));
    ok(await spend(member, `follow-${member.id}`));
    await until(
      'the follow-up to tag the member',
      async () =>
        (
          await withDatabase(hub.databaseUrl, (db) =>
            db.query("select 1 from wallet.member_tag mt join wallet.tag t on t.id = mt.tag_id where mt.member_id = $1 and t.name = 'A消费者'", [member.id]),
          )
        ).rowCount === 1,
    );
  });
});

describe('5. the cost of what the database computes on read', () => {
  const limitOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.limit;
  it('several analytical fields in one request are refused before anything runs, through the gateway and at the wallet', async () => {
    const yearLong = Array.from({ length: 15 }, (_, i) => `a${i}: analytics(from: "2025-09-01", to: "2026-08-31") { repurchaseRate }`).join(' ');
    const months = Array.from({ length: 2 }, (_, i) => `m${i}: analytics(from: "2026-0${i + 7}-01", to: "2026-0${i + 7}-28") { repurchaseRate }`).join(' ');
    for (const query of [`{ ${yearLong} }`, `{ ${months} }`]) {
      for (const answer of [await graphql(hub.gatewayUrl, query, {}, tokens.HQ), await subgraphCall(hub, 'wallet', query, {}, tokens.HQ)]) {
        expect(codeOf(answer)).toBe('BAD_USER_INPUT');
        expect(limitOf(answer)).toBe('maxAnalyticalFields');
      }
    }
    // One analytical field weighs what it scans: three years of the coalition is over the cost limit, a year of one merchant is not.
    expect(limitOf(await graphql(hub.gatewayUrl, '{ analytics(from: "2023-09-01", to: "2026-08-31") { repurchaseRate } }', {}, tokens.HQ))).toBe('maxCost');
    expect(outcome(await graphql(hub.gatewayUrl, '{ analytics(from: "2025-09-01", to: "2026-08-31") { repurchaseRate } }', {}, tokens.MERCHANT))).toBe('ok');
    // RFM is not one: a request reads the job's latest refresh (a few rows), so fifteen in one request are still cheap.
    const rfms = Array.from({ length: 15 }, (_, i) => `r${i}: rfm { asOf segments { members } }`).join(' ');
    expect(outcome(await graphql(hub.gatewayUrl, `{ ${rfms} }`, {}, tokens.HQ))).toBe('ok');
  });

  it('a caller runs one analytical request at a time, across replicas: the running one is a row in PostgreSQL', async () => {
    const month = '{ analytics(from: "2026-08-01", to: "2026-08-31") { repurchaseRate } }';
    const running = `HQ:${hub.hq.clientId}`;
    await withDatabase(hub.databaseUrl, (db) => db.query("insert into wallet.analytical_run values ($1, 'elsewhere', now())", [running]));
    const refused = await graphql(hub.gatewayUrl, month, {}, tokens.HQ);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBe(5);
    // Another caller is not held up, and HQ's next one runs once the first is done.
    expect(outcome(await graphql(hub.gatewayUrl, month, {}, tokens.MERCHANT))).toBe('ok');
    await withDatabase(hub.databaseUrl, (db) => db.query('delete from wallet.analytical_run where caller = $1', [running]));
    expect(outcome(await graphql(hub.gatewayUrl, month, {}, tokens.HQ))).toBe('ok');
    // Done requests leave nothing behind; concurrent ones each run or are refused, never fail otherwise.
    const answers = await Promise.all(Array.from({ length: 6 }, () => graphql(hub.gatewayUrl, month, {}, tokens.HQ)));
    for (const answer of answers) expect(['ok', 'RATE_LIMITED']).toContain(outcome(answer));
    expect(answers.some((a) => outcome(a) === 'ok')).toBe(true);
    expect((await withDatabase(hub.databaseUrl, (db) => db.query('select 1 from wallet.analytical_run'))).rowCount).toBe(0);
  });
});

describe('6. whose phone is it', () => {
  it("a back office probing other merchants' members' phones is locked out like a terminal, whichever of its clients asks", async () => {
    const REGISTER = 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }';
    // Five members of B: their phones are what A's back office probes.
    const phones: string[] = [];
    for (let i = 0; i < 6; i++) {
      const phone = `139${String(Date.now() + i).slice(-8)}`;
      ok(await graphql(hub.gatewayUrl, REGISTER, { input: { phone, name: `B会员${i}`, storeId: coalition.B.stores[0]!.id } }, tokens.OTHER_TERMINAL));
      phones.push(phone);
    }
    const probe = (phone: string, token: string) =>
      graphql(hub.gatewayUrl, REGISTER, { input: { phone, name: '探测', storeId: coalition.A.stores[0]!.id } }, token);
    for (const phone of phones.slice(0, 4)) expect(codeOf(await probe(phone, tokens.MERCHANT))).toBe('BAD_USER_INPUT');
    // A second back-office client of the same merchant shares its budget: minting clients buys no more probes.
    const second = ok(
      await contract(hub.gatewayUrl, 'CreateApiClient', { input: { kind: 'MERCHANT', merchantId: coalition.A.id, label: 'probe 2' } }, tokens.HQ),
    ).createApiClient;
    const secondToken = await authenticate(hub.gatewayUrl, second);
    expect(codeOf(await probe(phones[4]!, secondToken))).toBe('BAD_USER_INPUT');
    const locked = await probe(phones[5]!, secondToken);
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect(codeOf(await probe(`137${String(Date.now()).slice(-8)}`, tokens.MERCHANT))).toBe('RATE_LIMITED');
    // HQ may ask as it likes.
    for (const phone of phones)
      expect(codeOf(await graphql(hub.gatewayUrl, REGISTER, { input: { phone, name: '总部', storeId: coalition.A.stores[0]!.id } }, tokens.HQ))).toBe(
        'BAD_USER_INPUT',
      );
  });
});

describe('8. an audit log the hub itself cannot rewrite', () => {
  /** What PostgreSQL answers the app role for `sql`: 'ok' or its error code. */
  const asApp = (sql: string) =>
    withDatabase(hub.appDatabaseUrl, (db) =>
      db.query(sql).then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? 'error',
      ),
    );
  const auditEntries = async () => Number((await withDatabase(hub.databaseUrl, (db) => db.query('select count(*) from merchant.audit_entry'))).rows[0].count);

  it('every process connects as the app role, which is not a superuser and owns nothing', async () => {
    ok(await graphql(hub.gatewayUrl, '{ merchants { id } }', {}, tokens.HQ));
    const roles = await withDatabase(hub.databaseUrl, (db) =>
      db.query('select distinct usename from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()'),
    );
    expect(roles.rows.map((r) => r.usename)).toEqual([APP_ROLE]);
    const role = (
      await withDatabase(hub.appDatabaseUrl, (db) =>
        db.query('select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication from pg_roles where rolname = current_user'),
      )
    ).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false });
    const owned = await withDatabase(hub.databaseUrl, (db) => db.query('select count(*) from pg_tables where tableowner = $1', [APP_ROLE]));
    expect(Number(owned.rows[0].count)).toBe(0);
  });

  it('cannot delete, change or empty an audit entry or a journal row however it sets its session', async () => {
    const before = await auditEntries();
    expect(before).toBeGreaterThan(0); // setting up the merchants was audited
    const forbidden = '42501'; // insufficient_privilege
    expect(await asApp('set session_replication_role = replica')).toBe(forbidden);
    expect(await asApp('begin; set local session_replication_role = replica; delete from merchant.audit_entry; commit')).toBe(forbidden);
    for (const table of ['merchant.audit_entry', 'wallet.journal_entry', 'wallet.journal_transaction']) {
      expect(await asApp(`delete from ${table}`)).toBe(forbidden);
      expect(await asApp(`update ${table} set id = id`)).toBe(forbidden);
      expect(await asApp(`truncate ${table}`)).toBe(forbidden);
      expect(await asApp(`alter table ${table} disable trigger all`)).toBe(forbidden);
    }
    expect(await asApp('drop trigger audit_entry_append_only on merchant.audit_entry')).toBe(forbidden);
    expect(await asApp('set role postgres')).toBe(forbidden);
    expect(await asApp('create schema elsewhere')).toBe(forbidden);
    expect(await asApp('alter role current_user superuser')).toBe(forbidden);
    expect(await auditEntries()).toBe(before);
    // What it must do, it does: read and add.
    expect(await asApp('select count(*) from merchant.audit_entry')).toBe('ok');
  });

  it("the embedded server's own user and the app role have passwords made at first start, not a fixed one", async () => {
    // On a server of the developer's (DATABASE_URL) the server's user is theirs; the app role's password is still made here.
    for (const made of [...(process.env.DATABASE_URL ? [] : [inject('databaseServerUrl')]), hub.appDatabaseUrl]) {
      const url = new URL(made);
      expect(url.password.length).toBeGreaterThanOrEqual(24);
      url.password = 'unicard';
      expect(await withDatabase(url.toString(), async () => 'ok').catch((error: { code?: string }) => error.code)).toBe('28P01'); // invalid_password
    }
  });
});

describe('10. reading by id what one may not see', () => {
  it('is FORBIDDEN whether or not it exists, for campaigns, coupon templates and transactions; HQ gets null for what does not exist', async () => {
    const template = ok(
      await contract(
        hub.gatewayUrl,
        'CreateCouponTemplate',
        {
          input: { name: 'B的券', kind: 'AMOUNT_OFF', amountOff: m('5'), minOrder: m('50'), validDays: 30, budget: 100 },
        },
        tokens.OTHER_MERCHANT,
      ),
    ).createCouponTemplate.template.id;
    const campaign = ok(
      await contract(
        hub.gatewayUrl,
        'CreateCampaign',
        {
          input: {
            name: 'B的活动',
            trigger: { kind: 'NOW' },
            audience: {},
            action: { kind: 'ISSUE_COUPON', couponTemplateId: template },
            idempotencyKey: `b-campaign-${template}`,
          },
        },
        tokens.OTHER_MERCHANT,
      ),
    ).createCampaign.campaign.id;
    const member = await fundedMember('按编号读');
    const tx = ok(await spend(member, `by-id-${member.id}`)).checkout.transaction.id;
    const missing = '00000000-0000-4000-8000-000000000000';
    const reads = {
      campaign: 'query($id: ID!) { campaign(id: $id) { id } }',
      couponTemplate: 'query($id: ID!) { couponTemplate(id: $id) { id } }',
      transaction: 'query($id: ID!) { transaction(id: $id) { id } }',
    };
    const seen = async (query: string, id: string, token: string) => outcome(await graphql(hub.gatewayUrl, query, { id }, token));
    for (const [name, query] of Object.entries(reads)) {
      const theirs = name === 'transaction' ? tx : name === 'campaign' ? campaign : template;
      const stranger = name === 'transaction' ? tokens.OTHER_TERMINAL : tokens.MERCHANT;
      expect(await seen(query, theirs, stranger), `${name}: someone else's`).toBe('FORBIDDEN');
      expect(await seen(query, missing, stranger), `${name}: one that does not exist`).toBe('FORBIDDEN');
      expect(await seen(query, 'not-an-id', stranger), `${name}: not an id`).toBe('FORBIDDEN');
      expect(outcome(await subgraphCall(hub, 'wallet', query, { id: theirs }, stranger)), `${name} at the wallet`).toBe('FORBIDDEN');
      expect(await seen(query, theirs, tokens.HQ), `${name}: HQ`).toBe('ok');
      expect(ok(await graphql(hub.gatewayUrl, query, { id: missing }, tokens.HQ))[name], `${name}: HQ, missing`).toBeNull();
    }
    expect(await seen(reads.campaign, campaign, tokens.OTHER_MERCHANT)).toBe('ok');
    expect(await seen(reads.transaction, tx, member.session)).toBe('ok');
    expect(codeOf(await contract(hub.gatewayUrl, 'CampaignResults', { id: campaign }, tokens.MERCHANT))).toBe('FORBIDDEN');
  });
});
