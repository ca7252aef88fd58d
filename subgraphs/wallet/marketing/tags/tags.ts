/**
 * Tags: a merchant's (seen by it alone) or HQ's. A manual tag's members are
 * set by its owner; a rule tag's follow its rule (tag-rules.ts). A merchant
 * tags only members who joined it.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { requireRole } from '../../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { sqlArray, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import { checkText } from '../../../../lib/input-checks.js';
import { checkTagRule, rebuildRuleTags, type TagRuleInput } from './tag-rules.js';

export type TagKind = 'MANUAL' | 'RULE';

export interface TagRecord {
  id: string;
  ownerId: string | null;
  name: string;
  kind: TagKind;
  members: number;
}

/** The owner a caller's tags belong to: its merchant, or HQ (null). */
const ownerOf = (caller: Claims): string | null => (caller.role === 'MERCHANT' ? caller.merchantId : null);

async function tagNamed(em: EntityManager, ownerId: string | null, name: string, lock = false): Promise<Omit<TagRecord, 'members'> | null> {
  const rows: { id: string; owner_id: string | null; name: string; kind: TagKind }[] = await executeSql(
    em,
    sql`select id, owner_id, name, kind from wallet.tag where owner_id is not distinct from ${ownerId}::uuid and name = ${name}${trustedSql(lock ? ' for update' : '')}`,
  );
  return rows[0] ? { id: rows[0].id, ownerId: rows[0].owner_id, name: rows[0].name, kind: rows[0].kind } : null;
}

async function withCount(em: EntityManager, tag: Omit<TagRecord, 'members'>): Promise<TagRecord> {
  const rows: { n: string }[] = await executeSql(em, sql`select count(*) as n from wallet.member_tag where tag_id = ${tag.id}`);
  return { ...tag, members: Number(rows[0]!.n) };
}

export interface TagMembersInput {
  tag: string;
  memberIds: readonly string[];
  remove?: boolean | null;
}

/** Adds members to a manual tag (made on first use) or removes them. */
export async function tagMembers(em: EntityManager, now: Date, claims: Claims | null, input: TagMembersInput): Promise<TagRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = ownerOf(caller);
  const name = checkText(input.tag, 'tag', 1, 40);
  if (input.memberIds.length === 0 || input.memberIds.length > 10_000) throw userInputError('name 1 to 10000 members', 'memberIds');
  const memberIds = [...new Set(input.memberIds.map((id, i) => requireUuid(id, `memberIds.${i}`)))];
  return em.transactional(async (tx) => {
    const known: { member_id: string; joined: boolean }[] = await executeSql(
      tx,
      sql`select w.member_id, exists (select 1 from wallet.membership j where j.member_id = w.member_id and j.merchant_id = ${ownerId}::uuid) as joined
       from wallet.wallet w where w.member_id = any(${sqlArray(memberIds)}::uuid[])`,
    );
    if (known.length !== memberIds.length) throw notFound('Member');
    if (ownerId !== null && known.some((m) => !m.joined)) throw forbidden('A merchant tags its own members only');
    await executeSql(
      tx,
      sql`insert into wallet.tag (id, owner_id, name, kind, created_at) values (${randomUUID()}, ${ownerId}, ${name}, ${'MANUAL'}, ${now}) on conflict do nothing`,
    );
    const tag = (await tagNamed(tx, ownerId, name, true))!;
    if (tag.kind === 'RULE') throw userInputError("a rule tag's members follow its rule; tag by hand under another name", 'tag');
    if (input.remove) {
      await executeSql(tx, sql`delete from wallet.member_tag where tag_id = ${tag.id} and member_id = any(${sqlArray(memberIds)}::uuid[])`);
    } else {
      await executeSql(
        tx,
        sql`insert into wallet.member_tag (tag_id, member_id, tagged_at) select ${tag.id}, unnest(${sqlArray(memberIds)}::uuid[]), ${now} on conflict do nothing`,
      );
    }
    return withCount(tx, tag);
  });
}

export interface CreateTagRuleInput {
  tag: string;
  rule: TagRuleInput;
}

/** How many rule tags one owner (HQ, or a merchant) may have: UNICARD_MAX_RULE_TAGS, default 50. */
export const maxRuleTags = () => Number(process.env.UNICARD_MAX_RULE_TAGS ?? 50);

/** Creates a rule tag (or replaces the rule of one), and fills it at once. */
export async function createTagRule(em: EntityManager, now: Date, claims: Claims | null, input: CreateTagRuleInput): Promise<TagRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = ownerOf(caller);
  const name = checkText(input.tag, 'tag', 1, 40);
  const rule = await checkTagRule(em, now, input.rule);
  const tag = await em.transactional(async (tx) => {
    // Every rule tag of the member's merchants is looked at after each of its movements (marketing/follow-up/after-movement.ts): each owner
    // has a bounded number (UNICARD_MAX_RULE_TAGS), counted under a lock so that two at once cannot both pass.
    await executeSql(tx, sql`select pg_advisory_xact_lock(hashtext(${`rule-tags:${ownerId ?? 'HQ'}`}))`);
    const [counted] = await executeSql<{ n: number }>(
      tx,
      sql`select count(*)::int as n from wallet.tag where kind = 'RULE' and owner_id is not distinct from ${ownerId} and name <> ${name}`,
    );
    if (counted!.n >= maxRuleTags()) throw userInputError(`at most ${maxRuleTags()} rule tags per owner; change or reuse one`, 'tag');
    await executeSql(
      tx,
      sql`insert into wallet.tag (id, owner_id, name, kind, rule, created_at) values (${randomUUID()}, ${ownerId}, ${name}, 'RULE', ${JSON.stringify(rule)}, ${now}) on conflict do nothing`,
    );
    const found = (await tagNamed(tx, ownerId, name, true))!;
    if (found.kind === 'MANUAL') throw userInputError('a manual tag has this name; a rule tag needs another', 'tag');
    await executeSql(tx, sql`update wallet.tag set rule = ${JSON.stringify(rule)} where id = ${found.id}`);
    return found;
  });
  await rebuildRuleTags(em, now, [tag.id]);
  return withCount(em, tag);
}

/** A caller's own tags (HQ's, or its merchant's), by name. */
export async function tagsOf(em: EntityManager, claims: Claims | null): Promise<TagRecord[]> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const rows: { id: string; owner_id: string | null; name: string; kind: TagKind; members: string }[] = await executeSql(
    em,
    sql`select t.id, t.owner_id, t.name, t.kind, (select count(*) from wallet.member_tag m where m.tag_id = t.id) as members
     from wallet.tag t where t.owner_id is not distinct from ${ownerOf(caller)}::uuid order by t.name collate "C"`,
  );
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, name: r.name, kind: r.kind, members: Number(r.members) }));
}

/** The names of a member's tags that a caller owns (a merchant sees its own tags only, HQ HQ's). */
export async function tagNamesOfMember(em: EntityManager, claims: Claims, memberId: string): Promise<string[]> {
  const rows: { name: string }[] = await executeSql(
    em,
    sql`select t.name from wallet.member_tag m join wallet.tag t on t.id = m.tag_id
     where m.member_id = ${memberId} and t.owner_id is not distinct from ${ownerOf(claims)}::uuid order by t.name collate "C"`,
  );
  return rows.map((r) => r.name);
}

/** Members holding any of the caller's tags with these names, as a select of member_id (for audiences). */
export function taggedMembersSql(claims: Claims, names: readonly string[]): Sql {
  return sql`select m.member_id from wallet.member_tag m join wallet.tag t on t.id = m.tag_id
    where t.owner_id is not distinct from ${ownerOf(claims)}::uuid and t.name = any(${sqlArray(names)}::text[])`;
}
