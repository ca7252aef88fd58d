/**
 * Rule tags (docs/marketing.md "Tags"): a tag whose members are those for
 * whom every condition given holds, written once here as SQL over the
 * wallet:
 *   tiers                   the member's tier is one of these (codes of the programme in force)
 *   birthdayMonth           born in this month (1-12)
 *   registeredAtMerchantId  registered at this merchant's store
 *   minSpend {days, amount} paid at least this much (stored value and outside the hub, net of refunds) in the last N days
 *   minVisits {days, count} at least this many checkouts in the last N days
 *   inactiveDays            no checkout in the last N days
 *   minPoints               holds at least this many points
 *   hasPlan                 holds a paid plan now (or, false, does not)
 * Spend, visits and inactivity count the owner's stores for a merchant's tag,
 * the coalition for HQ's; a merchant's tag only ever holds its own members.
 * Kept current for a member after each of its movements
 * (refreshRuleTagsOf) and rebuilt whole nightly (rebuildRuleTags).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { parseAmount, type MoneyInput } from '../../../../lib/money.js';
import { executeSql, joinSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import { planValidSql, programmeInForce } from '../../programme/index.js';
import { wholeNumber } from '../../../../lib/input-checks.js';
import { paidNetOnTheDay } from '../../ledger/index.js';

/** A rule as stored (jsonb): amounts in fen as strings, tiers as codes. */
export interface TagRule {
  tiers?: string[];
  birthdayMonth?: number;
  registeredAtMerchantId?: string;
  minSpend?: { days: number; fen: string };
  minVisits?: { days: number; count: number };
  inactiveDays?: number;
  minPoints?: number;
  hasPlan?: boolean;
}

export interface TagRuleInput {
  tiers?: readonly string[] | null;
  birthdayMonth?: number | null;
  registeredAtMerchantId?: string | null;
  minSpend?: { days: number; amount: MoneyInput } | null;
  minVisits?: { days: number; count: number } | null;
  inactiveDays?: number | null;
  minPoints?: number | null;
  hasPlan?: boolean | null;
}

/** Checks a rule's input (each field named on error) and returns it as stored. */
export async function checkTagRule(em: EntityManager, now: Date, input: TagRuleInput): Promise<TagRule> {
  const rule: TagRule = {};
  if (input.tiers?.length) {
    const codes = new Set((await programmeInForce(em, now)).tiers.map((t) => t.code));
    for (const [i, code] of input.tiers.entries()) if (!codes.has(code)) throw userInputError(`no tier ${code} in the programme in force`, `rule.tiers.${i}`);
    rule.tiers = [...new Set(input.tiers)];
  }
  if (input.birthdayMonth != null) rule.birthdayMonth = wholeNumber(input.birthdayMonth, 'rule.birthdayMonth', 1, 12);
  if (input.registeredAtMerchantId != null) rule.registeredAtMerchantId = requireUuid(input.registeredAtMerchantId, 'rule.registeredAtMerchantId');
  if (input.minSpend != null) {
    rule.minSpend = {
      days: wholeNumber(input.minSpend.days, 'rule.minSpend.days', 1, 3660),
      fen: parseAmount(input.minSpend.amount, 'rule.minSpend.amount').toString(),
    };
  }
  if (input.minVisits != null) {
    rule.minVisits = {
      days: wholeNumber(input.minVisits.days, 'rule.minVisits.days', 1, 3660),
      count: wholeNumber(input.minVisits.count, 'rule.minVisits.count', 1, 100_000),
    };
  }
  if (input.inactiveDays != null) rule.inactiveDays = wholeNumber(input.inactiveDays, 'rule.inactiveDays', 1, 3660);
  if (input.minPoints != null) rule.minPoints = wholeNumber(input.minPoints, 'rule.minPoints', 0, 1_000_000_000);
  if (input.hasPlan != null) rule.hasPlan = input.hasPlan;
  if (Object.keys(rule).length === 0) throw userInputError('a rule needs at least one condition', 'rule');
  return rule;
}

/**
 * The members a rule selects, as a select of member_id: over all wallets, or one member's (`memberId`).
 */
export async function ruleMembersSql(em: EntityManager, now: Date, ownerId: string | null, rule: TagRule, memberId?: string): Promise<Sql> {
  const where: Sql[] = [];
  const scope = ownerId === null ? sql`` : sql`and t.acquirer_id = ${ownerId}`;
  const since = (days: number) => new Date(now.getTime() - days * 86_400_000);
  if (memberId) where.push(sql`w.member_id = ${memberId}`);
  if (ownerId !== null) where.push(sql`exists (select 1 from wallet.membership j where j.member_id = w.member_id and j.merchant_id = ${ownerId})`);
  if (rule.tiers) {
    const tiers = (await programmeInForce(em, now)).tiers;
    where.push(sql`w.tier_rank = any(${sqlArray(rule.tiers.map((code) => tiers.findIndex((t) => t.code === code)))}::int[])`);
  }
  if (rule.birthdayMonth !== undefined) where.push(sql`w.birth_month = ${rule.birthdayMonth}`);
  if (rule.registeredAtMerchantId !== undefined) where.push(sql`w.registered_at_merchant_id = ${rule.registeredAtMerchantId}`);
  if (rule.minSpend) {
    where.push(sql`(select coalesce(sum(${trustedSql(paidNetOnTheDay('t'))}), 0)
      from wallet.journal_transaction t where t.member_id = w.member_id and t.kind in ('CHECKOUT', 'REFUND')
        and t.occurred_at > ${since(rule.minSpend.days)} and t.occurred_at <= ${now} ${scope}) >= ${rule.minSpend.fen}::bigint`);
  }
  if (rule.minVisits) {
    where.push(sql`(select count(*) from wallet.journal_transaction t
      where t.member_id = w.member_id and t.kind = 'CHECKOUT' and t.occurred_at > ${since(rule.minVisits.days)} and t.occurred_at <= ${now} ${scope}) >= ${rule.minVisits.count}`);
  }
  if (rule.inactiveDays !== undefined) {
    where.push(sql`not exists (select 1 from wallet.journal_transaction t
      where t.member_id = w.member_id and t.kind = 'CHECKOUT' and t.occurred_at > ${since(rule.inactiveDays)} and t.occurred_at <= ${now} ${scope})`);
  }
  if (rule.minPoints !== undefined) where.push(sql`w.points_balance >= ${rule.minPoints}`);
  if (rule.hasPlan !== undefined) where.push(sql`${planValidSql(sql`w.plan_valid_until`, now)} = ${rule.hasPlan}`);
  return sql`select w.member_id from wallet.wallet w where ${joinSql(where, ' and ', sql`true`)}`;
}

export interface RuleTagRow {
  id: string;
  owner_id: string | null;
  rule: TagRule;
}

/** Every rule tag, for a member's refresh. */
export const RULE_TAGS_SQL = "select id, owner_id, rule from wallet.tag where kind = 'RULE'";

/** Rebuilds every rule tag (or those given) from its rule: set-based, one statement per tag. Returns how many tags. */
export async function rebuildRuleTags(em: EntityManager, now: Date, tagIds?: readonly string[]): Promise<number> {
  const tags: RuleTagRow[] = await executeSql(
    em,
    sql`select id, owner_id, rule from wallet.tag where kind = 'RULE' ${tagIds ? sql`and id = any(${sqlArray(tagIds)}::uuid[])` : sql``} order by id`,
  );
  for (const tag of tags) {
    const members = await ruleMembersSql(em, now, tag.owner_id, tag.rule);
    const rebuild = sql`with selected as (${members}),
         gone as (delete from wallet.member_tag m where m.tag_id = ${tag.id}::uuid and m.member_id not in (select member_id from selected)),
         added as (insert into wallet.member_tag (tag_id, member_id, tagged_at) select ${tag.id}::uuid, member_id, ${now} from selected on conflict do nothing)
         update wallet.tag set rebuilt_at = ${now} where id = ${tag.id}::uuid`;
    await em.transactional(async (tx) => {
      await executeSql(tx, rebuild);
    });
  }
  return tags.length;
}

/** Re-evaluates every rule tag for one member (after its movement): in or out of each. */
export async function refreshRuleTagsOf(em: EntityManager, now: Date, memberId: string): Promise<void> {
  await refreshRuleTags(em, now, memberId, await em.execute(RULE_TAGS_SQL));
}

/** The same, given the rule tags (marketing/follow-up/after-movement.ts reads them with the event campaigns, in one statement). */
export async function refreshRuleTags(em: EntityManager, now: Date, memberId: string, tags: readonly RuleTagRow[]): Promise<void> {
  if (tags.length === 0) return;
  const verdicts: Sql[] = [];
  for (const tag of tags)
    verdicts.push(sql`select ${tag.id}::uuid as tag_id, (exists (${await ruleMembersSql(em, now, tag.owner_id, tag.rule, memberId)})) as holds`);
  const refresh = sql`with verdicts as (${joinSql(verdicts, ' union all ')}),
     gone as (delete from wallet.member_tag m using verdicts v where m.tag_id = v.tag_id and m.member_id = ${memberId}::uuid and not v.holds)
     insert into wallet.member_tag (tag_id, member_id, tagged_at) select tag_id, ${memberId}::uuid, ${now} from verdicts where holds on conflict do nothing`;
  await executeSql(em, refresh);
}
