/** Sets up merchants, stores, clients and terms through the gateway with the contract's HQ operations. */
import { contract, ok } from './graphql.js';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export async function authenticate(url: string, credentials: Credentials): Promise<string> {
  const data = ok(await contract(url, 'Authenticate', { ...credentials }));
  return data.authenticate.token as string;
}

export interface MerchantSpec {
  name: string;
  kind: 'BRAND' | 'ALLY';
  stores: string[];
  terms: { canIssue: boolean; canAccept: boolean; commissionBps: number };
}

export interface SetUpStore {
  id: string;
  name: string;
  terminal: Credentials;
}

export interface SetUpMerchant {
  id: string;
  name: string;
  backOffice: Credentials;
  stores: SetUpStore[];
}

export async function setUpMerchant(url: string, hqToken: string, spec: MerchantSpec): Promise<SetUpMerchant> {
  const { createMerchant } = ok(await contract(url, 'CreateMerchant', { input: { name: spec.name, kind: spec.kind } }, hqToken));
  const merchantId = createMerchant.merchant.id as string;
  ok(await contract(url, 'SetSettlementTerms', { input: { merchantId, ...spec.terms } }, hqToken));
  const { createApiClient: backOffice } = ok(
    await contract(url, 'CreateApiClient', { input: { kind: 'MERCHANT', merchantId, label: `${spec.name} office` } }, hqToken),
  );
  const stores: SetUpStore[] = [];
  for (const name of spec.stores) {
    const { createStore } = ok(await contract(url, 'CreateStore', { input: { merchantId, name, city: '上海' } }, hqToken));
    const { createApiClient: terminal } = ok(
      await contract(url, 'CreateApiClient', { input: { kind: 'TERMINAL', merchantId, storeId: createStore.store.id, label: `${name} till` } }, hqToken),
    );
    stores.push({ id: createStore.store.id, name, terminal });
  }
  return { id: merchantId, name: spec.name, backOffice, stores };
}

let phoneCounter = 0;
/** A fresh valid mainland mobile number per call, unique across a run's test files. */
export function newPhone(): string {
  phoneCounter++;
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

/** Callers of every kind around a member: A's (which the member will join) and B's (which it will not). */
export interface TwoMerchants {
  A: SetUpMerchant;
  B: SetUpMerchant;
  tokens: { HQ: string; MERCHANT: string; OTHER_MERCHANT: string; TERMINAL: string; OTHER_TERMINAL: string };
}

/** Brand A (issues and accepts) and Ally B (accepts), one store each, with a token for HQ, each back office and each till. */
export async function setUpTwoMerchants(url: string, hq: Credentials): Promise<TwoMerchants> {
  const HQ = await authenticate(url, hq);
  const A = await setUpMerchant(url, HQ, { name: 'Brand A', kind: 'BRAND', stores: ['A1'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
  const B = await setUpMerchant(url, HQ, { name: 'Ally B', kind: 'ALLY', stores: ['B1'], terms: { canIssue: false, canAccept: true, commissionBps: 150 } });
  const tokens = {
    HQ,
    MERCHANT: await authenticate(url, A.backOffice),
    OTHER_MERCHANT: await authenticate(url, B.backOffice),
    TERMINAL: await authenticate(url, A.stores[0]!.terminal),
    OTHER_TERMINAL: await authenticate(url, B.stores[0]!.terminal),
  };
  return { A, B, tokens };
}

/** Two merchants and a third, Ally C (accepts), with its back office's token: for an HQ offer co-funded by a merchant that takes no part in it. */
export interface ThreeMerchants extends TwoMerchants {
  C: SetUpMerchant;
  tokens: TwoMerchants['tokens'] & { C_MERCHANT: string };
}

export async function setUpThreeMerchants(url: string, hq: Credentials): Promise<ThreeMerchants> {
  const two = await setUpTwoMerchants(url, hq);
  const C = await setUpMerchant(url, two.tokens.HQ, {
    name: 'Ally C',
    kind: 'ALLY',
    stores: ['C1'],
    terms: { canIssue: false, canAccept: true, commissionBps: 150 },
  });
  return { ...two, C, tokens: { ...two.tokens, C_MERCHANT: await authenticate(url, C.backOffice) } };
}

export interface MemberWithSession {
  id: string;
  /** A MEMBER token, as the brand app holds it. */
  session: string;
  /** A fresh pay code, as the app shows it at the till. */
  payCode(): Promise<string>;
  /** A new session (after the clock moved past the old one's expiry). */
  renewSession(): Promise<string>;
}

/**
 * A member registered at a store of `merchant` by its terminal, with a session from its back office.
 * `gateway`: its URL, or a getter for a hub that restarts on new ports.
 */
export async function memberWithSession(gateway: string | (() => string), merchant: SetUpMerchant, name = '会员'): Promise<MemberWithSession> {
  const at = () => (typeof gateway === 'string' ? gateway : gateway());
  const url = at();
  const till = await authenticate(url, merchant.stores[0]!.terminal);
  const id = ok(await contract(url, 'RegisterMember', { input: { phone: newPhone(), name, storeId: merchant.stores[0]!.id } }, till)).registerMember.member
    .id as string;
  const member: MemberWithSession = {
    id,
    session: '',
    payCode: async () => ok(await contract(at(), 'IssuePayCode', {}, member.session)).issuePayCode.code as string,
    renewSession: async () => {
      const office = await authenticate(at(), merchant.backOffice);
      member.session = ok(await contract(at(), 'CreateMemberSession', { memberId: id }, office)).createMemberSession.token as string;
      return member.session;
    },
  };
  await member.renewSession();
  return member;
}

/**
 * A member buys at the first store of `at`, paying outside the hub (and with a coupon, if given): a session from its
 * `home` back office (a merchant it joined), a pay code, the till's Checkout. Returns the checkout's payload.
 */
export async function buyPayingOutside(
  url: string,
  memberId: string,
  home: SetUpMerchant,
  at: SetUpMerchant,
  amount: string,
  idempotencyKey: string,
  couponId?: string,
) {
  const office = await authenticate(url, home.backOffice);
  const session = ok(await contract(url, 'CreateMemberSession', { memberId }, office)).createMemberSession.token;
  const payCode = ok(await contract(url, 'IssuePayCode', {}, session)).issuePayCode.code;
  const till = await authenticate(url, at.stores[0]!.terminal);
  return ok(
    await contract(
      url,
      'Checkout',
      {
        input: { payCode, storeId: at.stores[0]!.id, orderAmount: { amount }, couponId, storedValue: { amount: '0' }, idempotencyKey },
      },
      till,
    ),
  ).checkout;
}
