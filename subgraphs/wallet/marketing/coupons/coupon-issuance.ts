/**
 * Issuing coupons of a template to members: named ones, or an audience.
 * Set-based (one INSERT … SELECT however many members), under the template's
 * row lock, so that concurrent issuance never passes the budget or a
 * member's limit: members past either are skipped and counted. Idempotent per
 * client and key, as value movements are.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { requireRole } from '../../../../lib/auth.js';
import { domainError, forbidden, notFound, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { sqlArray, HASH_WORK_MEM, executeSql, sql } from '../../../../lib/sql.js';
import { audienceOf, type AudienceInput, type AudienceSelection } from '../audience/audience.js';
import { checkIdempotencyKey, lockRequestKey, requestHash, requireSameRequest } from '../../ledger/index.js';
import { lockTemplate, type CouponTemplateRecord } from './coupon-template.js';

export type CouponSource = 'ISSUED' | 'EXCHANGE' | 'CAMPAIGN' | 'TIER_GIFT' | 'BENEFIT' | 'TASK';

export interface IssueCouponsInput {
  templateId: string;
  memberIds?: readonly string[] | null;
  audience?: AudienceInput | null;
  idempotencyKey: string;
}

export interface IssueCouponsResult {
  issued: number;
  skipped: number;
  templateId: string;
}

/** At most this many named members per request; an audience has no such limit. */
export const MAX_NAMED_MEMBERS = 10_000;

/** When coupons issued now are valid: the template's fixed dates, or its days from now. */
export function validityOf(template: CouponTemplateRecord, now: Date): { validFrom: Date; validUntil: Date } {
  if (template.validDays !== null) return { validFrom: now, validUntil: new Date(now.getTime() + template.validDays * 86_400_000) };
  return { validFrom: template.validFrom && template.validFrom > now ? template.validFrom : now, validUntil: template.validUntil! };
}

/**
 * Issues one coupon of a locked template to each selected member still
 * under its per-member limit, in member id order, while the budget lasts.
 * Returns how many were issued, of how many selected.
 */
export async function issueToSelection(
  em: EntityManager,
  template: CouponTemplateRecord,
  selection: AudienceSelection,
  source: CouponSource,
  now: Date,
  campaign?: { id: string; maxCoupons: number | null },
): Promise<{ issued: number; selected: number; couponIds: string[] }> {
  const left = template.budget - template.issued;
  const cap = campaign?.maxCoupons != null && campaign.maxCoupons < left ? campaign.maxCoupons : left;
  const { validFrom, validUntil } = validityOf(template, now);
  if (validUntil <= now) throw domainError('COUPON_EXPIRED', 'This coupon template is no longer valid');
  // The owner's COUPON_ISSUED webhook deliveries (500 coupons each) go in the same statement, if it has such a webhook.
  const announce =
    (await executeSql(em, sql`select 1 from wallet.webhook where owner_id is not distinct from ${template.ownerId}::uuid and 'COUPON_ISSUED' = any(events)`))
      .length > 0;
  // A campaign to all members hashes a million of them (lib/sql.ts).
  await em.execute(HASH_WORK_MEM);
  // One statement: the coupons, the template's count and the deliveries. Each selected member's coupons of the template
  // are counted in one pass (a hash join, or the template's index for a campaign's batch), never the whole template's.
  const announced = announce
    ? sql`, announced as (
       insert into wallet.webhook_delivery (id, owner_id, event, payload, created_at, next_attempt_at)
       select gen_random_uuid(), ${template.ownerId}::uuid, 'COUPON_ISSUED',
         jsonb_build_object('templateId', ${template.id}::text, 'campaignId', ${campaign?.id ?? null}::text, 'validUntil', ${validUntil.toISOString()}::text,
           'coupons', jsonb_agg(jsonb_build_object('couponId', c.id, 'memberId', c.member_id) order by c.id)), ${now}::timestamptz, ${now}::timestamptz
       from (select id, member_id, (row_number() over (order by id) - 1) / 500 as chunk from coupons) c
       group by c.chunk)`
    : sql``;
  const rows: { issued: string; selected: string; ids: string[] | null }[] = await executeSql(
    em,
    sql`with selected as (select distinct member_id from (${selection}) s),
     held as (
       select member_id, count(*) as n from wallet.coupon
       where template_id = ${template.id}::uuid and member_id in (select member_id from selected) group by member_id),
     eligible as (
       select s.member_id from selected s left join held h using (member_id)
       where coalesce(h.n, 0) < ${template.perMemberLimit}
       order by s.member_id limit ${cap}),
     coupons as (
       insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until, campaign_id)
       select gen_random_uuid(), ${template.id}::uuid, member_id, ${source}, ${now}::timestamptz, ${validFrom}::timestamptz, ${validUntil}::timestamptz,
         ${campaign?.id ?? null}::uuid from eligible
       returning id, member_id),
     counted as (update wallet.coupon_template set issued = issued + (select count(*) from coupons) where id = ${template.id}::uuid)
     ${announced}
     select (select count(*) from coupons) as issued, (select count(*) from selected) as selected,
       (select array_agg(id) from (select id from coupons limit 1) one) as ids`,
  );
  return { issued: Number(rows[0]!.issued), selected: Number(rows[0]!.selected), couponIds: rows[0]!.ids ?? [] };
}

/** The named members, each once, all with a wallet; a merchant names only its own members. */
async function namedMembers(em: EntityManager, caller: Claims, ids: readonly string[]): Promise<AudienceSelection> {
  if (ids.length === 0) throw userInputError('name at least one member', 'memberIds');
  if (ids.length > MAX_NAMED_MEMBERS) throw userInputError(`at most ${MAX_NAMED_MEMBERS} members per request; issue to an audience for more`, 'memberIds');
  const memberIds = [...new Set(ids.map((id, i) => requireUuid(id, `memberIds.${i}`)))];
  const rows: { member_id: string; joined: boolean }[] = await executeSql(
    em,
    sql`select w.member_id, exists (select 1 from wallet.membership j where j.member_id = w.member_id and j.merchant_id = ${caller.role === 'MERCHANT' ? caller.merchantId : null}) as joined
     from wallet.wallet w where w.member_id = any(${sqlArray(memberIds)}::uuid[])`,
  );
  if (rows.length !== memberIds.length) throw notFound('Member');
  if (caller.role === 'MERCHANT' && rows.some((r) => !r.joined)) throw forbidden('A merchant issues coupons to its own members only');
  return sql`select unnest(${sqlArray(memberIds)}::uuid[]) as member_id`;
}

export async function issueCoupons(em: EntityManager, now: () => Date, claims: Claims | null, input: IssueCouponsInput): Promise<IssueCouponsResult> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const templateId = requireUuid(input.templateId, 'templateId');
  const key = checkIdempotencyKey(input.idempotencyKey);
  if ((input.memberIds == null) === (input.audience == null)) throw userInputError('name memberIds or an audience, not both', 'memberIds');
  const hash = requestHash('issueCoupons', {
    templateId,
    memberIds: input.memberIds ? [...input.memberIds].map((id) => id.toLowerCase()).sort() : null,
    audience: input.audience ?? null,
  });
  return em.transactional(async (tx) => {
    await lockRequestKey(tx, ['issueCoupons', caller.subject, key]);
    const prior: { request_hash: string; template_id: string; issued: number; skipped: number }[] = await executeSql(
      tx,
      sql`select request_hash, template_id, issued, skipped from wallet.coupon_issue where client_id = ${caller.subject} and idempotency_key = ${key}`,
    );
    if (prior[0]) {
      requireSameRequest(prior[0].request_hash, hash);
      return { issued: prior[0].issued, skipped: prior[0].skipped, templateId: prior[0].template_id };
    }
    const template = await lockTemplate(tx, templateId);
    if (!template) throw notFound('Coupon template');
    if (caller.role === 'MERCHANT' && template.ownerId !== caller.merchantId) throw forbidden("A merchant issues its own templates' coupons");
    const at = now();
    const selection = input.memberIds ? await namedMembers(tx, caller, input.memberIds) : await audienceOf(tx, at, caller, input.audience!);
    if (template.issued >= template.budget) throw domainError('BUDGET_EXHAUSTED', `All ${template.budget} coupons of this template are issued`);
    const { issued, selected } = await issueToSelection(tx, template, selection, 'ISSUED', at);
    const skipped = selected - issued;
    await executeSql(
      tx,
      sql`insert into wallet.coupon_issue (client_id, idempotency_key, request_hash, template_id, issued, skipped, issued_at) values (${caller.subject}, ${key}, ${hash}, ${templateId}, ${issued}, ${skipped}, ${at})`,
    );
    return { issued, skipped, templateId };
  });
}
