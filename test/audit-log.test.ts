/**
 * The audit log (issue 9; lib/audit.ts): every administrative change, made in
 * any subgraph, is appended with who made it, when, what it changed and the
 * request id; a refused change leaves nothing; nobody can edit or delete an
 * entry, not even with SQL; only HQ reads it; no secret or personal data is
 * written into it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, type HubAccess } from './support/hub.js';
import { codeOf, contract, graphql, ok, outcome } from './support/graphql.js';
import { newPhone, setUpTwoMerchants, type TwoMerchants } from './support/coalition.js';
import { withDatabase } from './support/ledger.js';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { AUDITED_ACTIONS } from '../lib/audit.js';
import { commandInfo } from '../lib/commands.js';
import { Mutation as memberMutations } from '../subgraphs/member/resolvers/Mutation.js';
import { Mutation as walletMutations } from '../subgraphs/wallet/resolvers/Mutation.js';
import { Mutation as merchantMutations } from '../subgraphs/merchant/resolvers/Mutation.js';
import { projectPath } from '../lib/project-root.js';

let hub: HubAccess;
let coalition: TwoMerchants;
let tokens: TwoMerchants['tokens'] & Record<string, string>;

const AUDIT_LOG = `query($first: Int, $after: String, $action: AuditAction, $subjectId: ID) {
  auditLog(first: $first, after: $after, action: $action, subjectId: $subjectId) {
    entries { id at action actor { role id merchant { id } } openedBy { role id merchant { id } } subjectType subjectId details requestId }
    hasMore endCursor
  }
}`;

interface Entry {
  id: string;
  at: string;
  action: string;
  actor: { role: string; id: string; merchant: { id: string } | null };
  openedBy: { role: string; id: string; merchant: { id: string } | null } | null;
  subjectType: string;
  subjectId: string;
  details: string;
  requestId: string;
}

async function entriesAbout(subjectId: string): Promise<Entry[]> {
  return ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { subjectId, first: 50 }, tokens.HQ)).auditLog.entries;
}

/** Sends a request with a request id of our own, as a client or a proxy in front of the hub would. */
function withRequestId(requestId: string, query: string, variables: Record<string, unknown>, token: string) {
  return graphql(hub.gatewayUrl, query, variables, token, undefined, { 'x-request-id': requestId });
}

/** A month as the coalition names it (Asia/Shanghai, UTC+8 all year), counted from this one. */
function monthFromNow(months: number): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const month = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1));
  return `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Entries of one action whose details name one of `ids` (another file's entries on the shared hub are not ours). */
async function entriesOfAction(action: string, matches: (details: Record<string, unknown>) => boolean): Promise<Entry[]> {
  const entries: Entry[] = ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 200, action }, tokens.HQ)).auditLog.entries;
  return entries.filter((e) => matches(JSON.parse(e.details) as Record<string, unknown>));
}

// The project's shared hub, on the real clock: this file's merchants, members and settlement month are its own, and it
// reads the log by its own subjects (other files audit their own changes on the same hub meanwhile).
beforeAll(async () => {
  hub = await sharedTestHub('audit-log');
  coalition = await setUpTwoMerchants(hub.gatewayUrl, hub.hq);
  tokens = { ...coalition.tokens, HQ: coalition.tokens.HQ };
});

describe('the audit log', () => {
  it("records changes in the merchant subgraph with who, when, what and the request id, and never a client's secret", async () => {
    const created = ok(
      await withRequestId(
        'audit-create-merchant',
        'mutation($input: CreateMerchantInput!) { createMerchant(input: $input) { merchant { id } } }',
        { input: { name: '审计咖啡', kind: 'ALLY' } },
        tokens.HQ,
      ),
    );
    const merchantId = created.createMerchant.merchant.id;
    const [entry] = await entriesAbout(merchantId);
    expect(entry).toMatchObject({
      action: 'createMerchant',
      subjectType: 'Merchant',
      subjectId: merchantId,
      requestId: 'audit-create-merchant',
      actor: { role: 'HQ', id: hub.hq.clientId, merchant: null },
    });
    expect(JSON.parse(entry!.details)).toEqual({ name: '审计咖啡', kind: 'ALLY' });
    // The hub's clock, which is the real one on the shared hub.
    expect(Math.abs(Date.now() - Date.parse(entry!.at))).toBeLessThan(120_000);

    // A back office creating a till for itself: the actor is its client, bound to its merchant.
    const till = ok(
      await contract(
        hub.gatewayUrl,
        'CreateApiClient',
        { input: { kind: 'TERMINAL', merchantId: coalition.A.id, storeId: coalition.A.stores[0]!.id, label: 'till 9' } },
        tokens.MERCHANT,
      ),
    ).createApiClient;
    const [tillEntry] = await entriesAbout(till.clientId);
    expect(tillEntry).toMatchObject({
      action: 'createApiClient',
      subjectType: 'ApiClient',
      actor: { role: 'MERCHANT', id: coalition.A.backOffice.clientId, merchant: { id: coalition.A.id } },
    });
    expect(JSON.parse(tillEntry!.details)).toEqual({ kind: 'TERMINAL', label: 'till 9', merchantId: coalition.A.id, storeId: coalition.A.stores[0]!.id });
    const everything = JSON.stringify(ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 200 }, tokens.HQ)));
    expect(everything).not.toContain(till.clientSecret);
    expect(everything).not.toContain(coalition.A.backOffice.clientSecret);
  });

  it('records changes in the wallet and member subgraphs (terms, settlement runs, sessions, freezes, lost cards, erasure) by the time the mutation answers', async () => {
    ok(
      await withRequestId(
        'audit-terms',
        'mutation($input: SettlementTermsInput!) { setSettlementTerms(input: $input) { merchant { id } } }',
        { input: { merchantId: coalition.B.id, canIssue: true, canAccept: true, commissionBps: 275 } },
        tokens.HQ,
      ),
    );
    const [terms] = await entriesAbout(coalition.B.id);
    expect(terms).toMatchObject({ action: 'setSettlementTerms', subjectType: 'Merchant', requestId: 'audit-terms', actor: { role: 'HQ' } });
    expect(JSON.parse(terms!.details)).toMatchObject({ canIssue: true, canAccept: true, commissionBps: 275 });

    const memberId = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '审计员', storeId: coalition.A.stores[0]!.id } }, tokens.TERMINAL),
    ).registerMember.member.id;
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, tokens.MERCHANT)).createMemberSession.token;
    ok(await graphql(hub.gatewayUrl, 'mutation { freezeWallet { status } }', {}, session));
    ok(await graphql(hub.gatewayUrl, 'mutation { unfreezeWallet { status } }', {}, session));
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID) { freezeWallet(memberId: $id) { status } }', { id: memberId }, tokens.HQ));
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID) { unfreezeWallet(memberId: $id) { status } }', { id: memberId }, tokens.HQ));
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID) { reportCardLost(memberId: $id) { number } }', { id: memberId }, tokens.MERCHANT));
    ok(await graphql(hub.gatewayUrl, 'mutation($id: ID!) { eraseMember(memberId: $id) { id } }', { id: memberId }, tokens.HQ));
    const entries = await entriesAbout(memberId);
    expect(entries.map((e) => [e.action, e.actor.role, e.openedBy?.role ?? null, e.subjectType])).toEqual([
      ['eraseMember', 'HQ', null, 'Member'],
      ['reportCardLost', 'MERCHANT', null, 'Member'],
      ['unfreezeWallet', 'HQ', null, 'Wallet'],
      ['freezeWallet', 'HQ', null, 'Wallet'],
      ['unfreezeWallet', 'MEMBER', 'MERCHANT', 'Wallet'],
      ['freezeWallet', 'MEMBER', 'MERCHANT', 'Wallet'],
      ['createMemberSession', 'MERCHANT', null, 'Member'],
    ]);
    // What a back office does through a member session names both: the member, and the back office that opened it.
    const throughSession = entries.find((e) => e.action === 'freezeWallet' && e.actor.role === 'MEMBER')!;
    expect(throughSession.actor.id).toBe(memberId);
    expect(throughSession.openedBy).toEqual({ role: 'MERCHANT', id: coalition.A.backOffice.clientId, merchant: { id: coalition.A.id } });
    // The session's token is no part of the log.
    expect(JSON.stringify(entries)).not.toContain(session);
    // Ids and values only: nothing of the erased identity is in the log.
    expect(JSON.stringify(await entriesAbout(memberId))).not.toContain('审计员');

    // The month before last: no other file on the shared hub settles, and all their movements are this month's.
    const period = monthFromNow(-2);
    const run = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period }, tokens.HQ)).runSettlement;
    ok(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, tokens.HQ));
    expect((await entriesAbout(run.id)).map((e) => [e.action, JSON.parse(e.details).period])).toEqual([
      ['finalizeSettlement', period],
      ['runSettlement', period],
    ]);
  });

  it('keeps nothing of a refused change', async () => {
    const ours = async () => ({
      A: await entriesAbout(coalition.A.id),
      B: await entriesAbout(coalition.B.id),
      stores: await entriesOfAction('createStore', (d) => d.merchantId === coalition.B.id),
      runs: await entriesOfAction('runSettlement', (d) => d.period === monthFromNow(1)),
    });
    const before = await ours();
    expect(before.A.length).toBeGreaterThan(0);
    expect(before.stores.length).toBe(coalition.B.stores.length);
    expect(
      codeOf(
        await contract(
          hub.gatewayUrl,
          'SetSettlementTerms',
          { input: { merchantId: coalition.A.id, canIssue: true, canAccept: true, commissionBps: 20000 } },
          tokens.HQ,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await contract(
          hub.gatewayUrl,
          'SetSettlementTerms',
          { input: { merchantId: coalition.A.id, canIssue: true, canAccept: true, commissionBps: 100 } },
          tokens.MERCHANT,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await contract(hub.gatewayUrl, 'CreateStore', { input: { merchantId: coalition.B.id, name: '别人的店', city: '上海' } }, tokens.MERCHANT)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await contract(hub.gatewayUrl, 'RunSettlement', { period: monthFromNow(1) }, tokens.HQ))).toBe('PERIOD_NOT_ENDED');
    expect(await ours()).toEqual(before);
  });

  it('pages newest first and filters by action', async () => {
    const first = ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 2 }, tokens.HQ)).auditLog;
    expect(first.entries).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const next = ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 2, after: first.endCursor }, tokens.HQ)).auditLog;
    expect(BigInt(next.entries[0].id)).toBeLessThan(BigInt(first.entries[1].id));
    const stores = ok(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 200, action: 'createStore' }, tokens.HQ)).auditLog.entries as Entry[];
    expect(new Set(stores.map((e) => e.action))).toEqual(new Set(['createStore']));
    const ourStores = [...coalition.A.stores, ...coalition.B.stores].map((store) => store.id);
    expect(
      stores
        .filter((e) => ourStores.includes(e.subjectId))
        .map((e) => e.subjectId)
        .sort(),
    ).toEqual([...ourStores].sort());
    expect(codeOf(await graphql(hub.gatewayUrl, AUDIT_LOG, { first: 201 }, tokens.HQ))).toBe('BAD_USER_INPUT');
    expect(codeOf(await graphql(hub.gatewayUrl, AUDIT_LOG, { after: "1' or 1=1" }, tokens.HQ))).toBe('BAD_USER_INPUT');
  });

  it('is read by HQ alone', async () => {
    const want: Record<string, string> = { HQ: 'ok', MERCHANT: 'FORBIDDEN', OTHER_MERCHANT: 'FORBIDDEN', TERMINAL: 'FORBIDDEN', OTHER_TERMINAL: 'FORBIDDEN' };
    for (const [role, expected] of Object.entries(want)) expect(outcome(await graphql(hub.gatewayUrl, AUDIT_LOG, {}, tokens[role])), role).toBe(expected);
    const memberId = ok(
      await contract(hub.gatewayUrl, 'RegisterMember', { input: { phone: newPhone(), name: '读者', storeId: coalition.A.stores[0]!.id } }, tokens.TERMINAL),
    ).registerMember.member.id;
    const session = ok(await contract(hub.gatewayUrl, 'CreateMemberSession', { memberId }, tokens.MERCHANT)).createMemberSession.token;
    expect(outcome(await graphql(hub.gatewayUrl, AUDIT_LOG, {}, session))).toBe('FORBIDDEN');
    expect(outcome(await graphql(hub.gatewayUrl, AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
  });

  it("names the same actions in the schema's AuditAction as the hub audits", () => {
    const sdl = parse(readFileSync(projectPath('schema', 'merchant.graphql'), 'utf8'));
    const values = sdl.definitions.flatMap((d) =>
      d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'AuditAction' ? (d.values?.map((v) => v.name.value) ?? []) : [],
    );
    expect(values).toEqual([...AUDITED_ACTIONS]);
  });

  it('covers every mutation of the composed schema: each is audited, or its command says why not', () => {
    const supergraph = parse(readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8'));
    const mutations = supergraph.definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation' ? (d.fields?.map((f) => f.name.value) ?? []) : [],
    );
    expect(mutations.length).toBeGreaterThan(20);
    // Each mutation's command, from the subgraph that resolves it (lib/commands.ts).
    const commands = new Map(
      [memberMutations, walletMutations, merchantMutations].flatMap((resolvers) =>
        Object.entries(resolvers).map(([name, resolver]) => [name, commandInfo(resolver)] as const),
      ),
    );
    expect(mutations.filter((name) => !commands.get(name))).toEqual([]);
    const audited: string[] = [];
    for (const name of mutations) {
      const audit = commands.get(name)!.audit;
      if ('action' in audit) {
        expect(audit.action, name).toBe(name);
        audited.push(name);
      } else {
        expect(audit.notAudited.length, name).toBeGreaterThan(20); // a reason, in words
      }
    }
    expect(audited.sort()).toEqual([...AUDITED_ACTIONS].sort());
  });

  it('cannot be edited, deleted or truncated, even with SQL', async () => {
    await withDatabase(hub.databaseUrl, async (db) => {
      for (const sql of ["update merchant.audit_entry set actor_id = 'someone else'", 'delete from merchant.audit_entry', 'truncate merchant.audit_entry']) {
        await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
      }
      const { rows } = await db.query('select count(*)::int as n from merchant.audit_entry');
      expect(rows[0].n).toBeGreaterThan(10);
    });
  });
});
