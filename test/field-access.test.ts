/**
 * The access table of docs/access.md field by field: every field that carries identity,
 * money or commercial terms, for every role, however the entity is reached:
 * by `_entities` straight at the subgraph that owns the field (as another
 * router would, or an attacker who got past the gateway), and through the
 * gateway's own entry points. Issue 9 items 2-4 are among them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, subgraphCall, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok, outcome } from './support/graphql.js';
import { newPhone, setUpTwoMerchants, type SetUpMerchant } from './support/coalition.js';
import { ledgerSnapshot } from './support/ledger.js';

let hub: HubAccess;
let A: SetUpMerchant;
let memberId: string, otherMemberId: string;
const tokens: Record<Role, string> = {} as Record<Role, string>;

type Role = 'HQ' | 'MERCHANT' | 'OTHER_MERCHANT' | 'TERMINAL' | 'OTHER_TERMINAL' | 'MEMBER' | 'OTHER_MEMBER';
const ROLES: Role[] = ['HQ', 'MERCHANT', 'OTHER_MERCHANT', 'TERMINAL', 'OTHER_TERMINAL', 'MEMBER', 'OTHER_MEMBER'];

beforeAll(async () => {
  hub = await sharedTestHub('field-access');
  const coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  ({ A } = coalition);
  Object.assign(tokens, coalition.tokens);
  const register = async (name: string) =>
    ok(
      await contract(
        hub.gatewayUrl,
        'RegisterMember',
        { input: { phone: newPhone(), name, birthday: '1990-05-17', storeId: A.stores[0]!.id } },
        tokens.TERMINAL,
      ),
    ).registerMember.member.id as string;
  memberId = await register('周芷若');
  otherMemberId = await register('殷离');
  tokens.MEMBER = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, tokens.MERCHANT)).createMemberSession.token;
  tokens.OTHER_MEMBER = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId: otherMemberId }, tokens.MERCHANT)).createMemberSession.token;
  ok(
    await contract(
      hub.gatewayUrl,
      'TopUp',
      { input: { memberId, storeId: A.stores[0]!.id, amount: { amount: '100' }, idempotencyKey: 'fund' } },
      tokens.MERCHANT,
    ),
  );
});

const ok_ = 'ok' as const;
const F = 'FORBIDDEN' as const;
type Outcome = typeof ok_ | typeof F;
/** Identity: HQ, the member itself, and the back office of a merchant it joined. Never a terminal. */
const IDENTITY: Record<Role, Outcome> = { HQ: ok_, MERCHANT: ok_, OTHER_MERCHANT: F, TERMINAL: F, OTHER_TERMINAL: F, MEMBER: ok_, OTHER_MEMBER: F };
/** Pseudonymous (masked name, tier): any coalition caller but another member. */
const PSEUDONYMOUS: Record<Role, Outcome> = { HQ: ok_, MERCHANT: ok_, OTHER_MERCHANT: ok_, TERMINAL: ok_, OTHER_TERMINAL: ok_, MEMBER: ok_, OTHER_MEMBER: F };
/** Wallet and history: as identity (a terminal sees a balance only through a pay code). */
const MONEY = IDENTITY;
/** Marketing labels: HQ's for HQ, a merchant's own on its members; never the member, a till or another merchant. */
const TAGS: Record<Role, Outcome> = { HQ: ok_, MERCHANT: ok_, OTHER_MERCHANT: F, TERMINAL: F, OTHER_TERMINAL: F, MEMBER: F, OTHER_MEMBER: F };
/** A merchant's commercial terms: HQ and that merchant's back office. */
const TERMS: Record<Role, Outcome> = { HQ: ok_, MERCHANT: ok_, OTHER_MERCHANT: F, TERMINAL: F, OTHER_TERMINAL: F, MEMBER: F, OTHER_MEMBER: F };

const MEMBER_FIELDS: [subgraph: 'member' | 'wallet', selection: string, rule: Record<Role, Outcome>][] = [
  ['member', 'displayName', IDENTITY],
  ['member', 'phone', IDENTITY],
  ['member', 'birthday', IDENTITY],
  ['member', 'card { number }', IDENTITY],
  ['member', 'card { status }', IDENTITY],
  ['member', 'registeredAt', IDENTITY],
  ['member', 'registeredStore { id }', IDENTITY],
  ['member', 'joinedMerchants { id }', IDENTITY],
  // Marketing consent (issue 11): part of the member's profile.
  ['member', 'consents { marketing updatedAt }', IDENTITY],
  ['member', 'maskedName', PSEUDONYMOUS],
  ['wallet', 'tier { code }', PSEUDONYMOUS],
  ['wallet', 'wallet { balance { amount } }', MONEY],
  ['wallet', 'wallet { balanceByIssuer { balance { amount } } }', MONEY],
  ['wallet', 'transactions { edges { node { id amount { amount } } } }', MONEY],
  ['wallet', 'transactions { edges { node { pointsChange } } }', MONEY],
  // The programme's standing and points (issue 10): tier is pseudonymous, the rest are the member's own.
  ['wallet', 'tier { pointsMultiplierBps description }', PSEUDONYMOUS],
  ['wallet', 'tierProgress { growth keepsTier }', MONEY],
  ['wallet', 'membershipPlan { validUntil }', MONEY],
  ['wallet', 'points { balance }', MONEY],
  ['wallet', 'points { value { amount } nextExpiry { points } }', MONEY],
  ['wallet', 'points { projection { weeklySpend { amount } pointsPerYear } }', MONEY],
  // Coupons are the member's assets (issue 11); tags are their owners' labels.
  ['wallet', 'coupons { id validUntil template { name } }', MONEY],
  ['wallet', 'tags', TAGS],
];

/** Straight to a subgraph, as a router would send it. */
function entities(subgraph: 'member' | 'wallet', typename: string, id: string, selection: string, token: string) {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
  return subgraphCall(hub, subgraph, query, { r: [{ __typename: typename, id }] }, token);
}

describe('member fields, reached by _entities at the subgraph that owns them', () => {
  const cases = MEMBER_FIELDS.flatMap(([subgraph, selection, rule]) => ROLES.map((role) => [selection, subgraph, role, rule[role]] as const));
  it.each(cases)('%s (%s) as %s: %s', async (selection, subgraph, role, want) => {
    expect(outcome(await entities(subgraph, 'Member', memberId, selection, tokens[role]))).toBe(want);
  });
});

describe('settlement terms, reached by _entities at the wallet and through the gateway', () => {
  it.each(ROLES.map((role) => [role, TERMS[role]] as const))('Merchant.settlementTerms as %s: %s', async (role, want) => {
    expect(outcome(await entities('wallet', 'Merchant', A.id, 'settlementTerms { commissionBps }', tokens[role]))).toBe(want);
    expect(
      outcome(await entities('wallet', 'Merchant', A.id, 'settlementTerms { pointsPerYuan earnCostPer100Points burnValuePer100Points }', tokens[role])),
    ).toBe(want);
    const viaGateway = await graphql(
      hub.gatewayUrl,
      'query($id: ID!) { merchant(id: $id) { id settlementTerms { commissionBps canIssue } } }',
      { id: A.id },
      tokens[role],
    );
    expect(outcome(viaGateway)).toBe(want);
    if (want === F) expect(viaGateway.data?.merchant?.settlementTerms ?? null).toBeNull();
  });
});

describe("a coupon template's commercial terms (budget, counts, funding)", () => {
  // HQ's, accepted at A: A's back office sees what it gives and not HQ's budget or funding; B may not read it at all.
  const WANT: Record<Role, Outcome> = { HQ: ok_, MERCHANT: F, OTHER_MERCHANT: F, TERMINAL: F, OTHER_TERMINAL: F, MEMBER: F, OTHER_MEMBER: F };
  let templateId: string;
  beforeAll(async () => {
    templateId = ok(
      await contract(
        hub.gatewayUrl,
        'CreateCouponTemplate',
        {
          input: { name: '九折', kind: 'PERCENT_OFF', percentOff: 10, maxDiscount: { amount: '5' }, validDays: 9, budget: 7, acceptedBy: [A.id] },
        },
        tokens.HQ,
      ),
    ).createCouponTemplate.template.id;
  });
  it.each(ROLES.map((role) => [role, WANT[role]] as const))('as %s: %s', async (role, want) => {
    const answer = await graphql(
      hub.gatewayUrl,
      'query($id: ID!) { couponTemplate(id: $id) { budget issued redeemed funders { shareBps } } }',
      { id: templateId },
      tokens[role],
    );
    expect(outcome(answer)).toBe(want);
    if (want === F) expect(answer.data?.couponTemplate ?? null).toBeNull();
  });
});

describe('issue 9 items 2-4 through the gateway', () => {
  it("item 2: a terminal's pay-code look-up gives the masked name and tier, never name, phone, birthday or card", async () => {
    const code = ok(await contract(hub.gatewayUrl, 'IssuePayCode', {}, tokens.MEMBER)).issuePayCode.code;
    const lookup = await graphql(
      hub.gatewayUrl,
      'query($c: String!) { payCode(code: $c) { member { maskedName tier { code } displayName phone birthday card { number } } } }',
      { c: code },
      tokens.TERMINAL,
    );
    expect(lookup.data?.payCode?.member?.displayName ?? null).toBeNull();
    expect(JSON.stringify(lookup)).not.toMatch(/周芷若|\+86|1990-05-17|"8860\d{12}"/);
    expect(new Set(lookup.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    const masked = ok(
      await graphql(
        hub.gatewayUrl,
        'query($c: String!) { payCode(code: $c) { member { maskedName tier { code } } wallet { balance { amount } } points { balance } } }',
        { c: code },
        tokens.TERMINAL,
      ),
    );
    expect(masked.payCode).toEqual({
      member: { maskedName: '周**', tier: { code: 'NORMAL' } },
      wallet: { balance: { amount: '100.00' } },
      points: { balance: 0 },
    });
    // Through the pay code a terminal sees the points, never the member's progress or plan.
    const standing = await graphql(
      hub.gatewayUrl,
      'query($c: String!) { payCode(code: $c) { member { tierProgress { growth } membershipPlan { validUntil } points { balance } } } }',
      { c: code },
      tokens.TERMINAL,
    );
    expect(new Set(standing.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('item 2: a terminal reads back the member it has just registered, and only in that answer', async () => {
    const registered = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '小昭', storeId: A.stores[0]!.id } }, tokens.TERMINAL),
    ).registerMember.member;
    expect(registered.displayName).toBe('小昭');
    expect(registered.card.number).toMatch(/^8860\d{12}$/);
    expect(outcome(await entities('member', 'Member', registered.id, 'displayName', tokens.TERMINAL))).toBe('FORBIDDEN');
  });

  it("item 4: a member naming another member's wallet is refused, and nothing changes", async () => {
    const before = await ledgerSnapshot(hub.databaseUrl, { members: [memberId, otherMemberId] });
    for (const op of ['freezeWallet', 'unfreezeWallet']) {
      const response = await graphql(hub.gatewayUrl, `mutation($id: ID) { ${op}(memberId: $id) { status } }`, { id: otherMemberId }, tokens.MEMBER);
      expect(codeOf(response), op).toBe('FORBIDDEN');
    }
    const other = await entities('wallet', 'Member', otherMemberId, 'wallet { status }', tokens.HQ);
    expect(ok(other)._entities[0].wallet.status).toBe('ACTIVE');
    const own = await entities('wallet', 'Member', memberId, 'wallet { status }', tokens.HQ);
    expect(ok(own)._entities[0].wallet.status).toBe('ACTIVE');
    expect(await ledgerSnapshot(hub.databaseUrl, { members: [memberId, otherMemberId] })).toEqual(before);
    // Naming itself is fine.
    expect(
      ok(await graphql(hub.gatewayUrl, 'mutation($id: ID) { freezeWallet(memberId: $id) { status } }', { id: memberId }, tokens.MEMBER)).freezeWallet.status,
    ).toBe('FROZEN');
    ok(await graphql(hub.gatewayUrl, 'mutation { unfreezeWallet { status } }', {}, tokens.MEMBER));
  });

  it('a back office sees its members by id, never the members of others', async () => {
    const q = 'query($id: ID!) { member(id: $id) { displayName phone } }';
    expect(ok(await graphql(hub.gatewayUrl, q, { id: memberId }, tokens.MERCHANT)).member.displayName).toBe('周芷若');
    const other = await graphql(hub.gatewayUrl, q, { id: memberId }, tokens.OTHER_MERCHANT);
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(JSON.stringify(other)).not.toMatch(/周芷若|\+86/);
  });
});
