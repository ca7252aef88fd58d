/**
 * Badges (勋章, docs/tasks.md "Badges"): display-only marks, coalition-wide by code. A tier names one (given on first
 * reaching the tier) and a task rewards one; whoever names a badge first defines it, and naming the same code later
 * with another name is BAD_USER_INPUT. A member holds each badge once, with the instant it was awarded.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../lib/errors.js';
import { checkText } from '../../../lib/input-checks.js';
import { executeSql, sql, sqlArray } from '../../../lib/sql.js';

export interface BadgeRecord {
  code: string;
  name: string;
  description: string;
}

export interface BadgeInput {
  code: string;
  name: string;
  description?: string | null;
}

export interface MemberBadgeRecord {
  badge: BadgeRecord;
  awardedAt: Date;
}

/** The badge's checked fields (code: capital letters, digits and _, up to 32). */
export function checkBadge(input: BadgeInput, field: string): BadgeRecord {
  const code = String(input.code ?? '').trim();
  if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(code))
    throw userInputError('a badge code is 1 to 32 capital letters, digits or _ starting with a letter', `${field}.code`);
  return {
    code,
    name: checkText(input.name ?? '', `${field}.name`, 1, 20),
    description: checkText(input.description ?? '', `${field}.description`, 0, 200),
  };
}

/** Defines the badge if it is new; the same code already defined with another name is refused. */
export async function defineBadge(em: EntityManager, badge: BadgeRecord, field: string, now: Date): Promise<void> {
  const rows: { name: string }[] = await executeSql(
    em,
    sql`with added as (insert into wallet.badge (code, name, description, created_at) values (${badge.code}, ${badge.name}, ${badge.description}, ${now})
        on conflict (code) do nothing returning name)
      select name from added union all select name from wallet.badge where code = ${badge.code} and not exists (select 1 from added)`,
  );
  if (rows[0]?.name !== badge.name)
    throw userInputError(`badge ${badge.code} is already named ${rows[0]?.name ?? '?'}: a badge code means one badge across the coalition`, `${field}.name`);
}

/** Awards a badge to a member, once: a badge held already keeps its first instant. */
export async function awardBadge(em: EntityManager, memberId: string, code: string, at: Date): Promise<void> {
  await executeSql(em, sql`insert into wallet.member_badge (member_id, badge_code, awarded_at) values (${memberId}, ${code}, ${at}) on conflict do nothing`);
}

export async function badgesByCodes(em: EntityManager, codes: readonly string[]): Promise<(BadgeRecord | null)[]> {
  const rows: BadgeRecord[] = await executeSql(em, sql`select code, name, description from wallet.badge where code = any(${sqlArray(codes)}::text[])`);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((c) => byCode.get(c) ?? null);
}

/** A member's badges, first awarded first. */
export async function badgesOfMember(em: EntityManager, memberId: string): Promise<MemberBadgeRecord[]> {
  const rows: (BadgeRecord & { awarded_at: Date })[] = await executeSql(
    em,
    sql`select b.code, b.name, b.description, m.awarded_at from wallet.member_badge m join wallet.badge b on b.code = m.badge_code
     where m.member_id = ${memberId} order by m.awarded_at, b.code`,
  );
  return rows.map((r) => ({ badge: { code: r.code, name: r.name, description: r.description }, awardedAt: new Date(r.awarded_at) }));
}
