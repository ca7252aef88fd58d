/**
 * Targeted campaigns (DESIGN "Targeted campaigns (定向)"), first part: run
 * now or at a scheduled instant (the campaign-run job), over an audience
 * (audience/audience.ts: marketing consent always; a merchant's among its own
 * members), issuing a coupon of the owner's template (within the campaign's
 * budget of members and coupons and the template's own) or notifying them
 * through the owner's webhook (CAMPAIGN_NOTIFICATION).
 *
 * A control group is held out of the audience before anything is issued:
 * each member falls in it when a hash of (campaign, member) lands under
 * controlGroupBps of 10,000 (10% by default): reproducible, and unrelated to
 * member ids' order. Results compare, for the days after the run, the
 * reached members' purchases with the control group's (campaign-results.ts).
 */
import { HASH_WORK_MEM } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Claims } from '../../../lib/auth.js';
import { requireRole } from '../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import { audienceOf, type AudienceInput } from '../audience/audience.js';
import { issueToSelection, validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate } from '../coupons/coupon-template.js';
import { checkIdempotencyKey, lockRequestKey, requestHash, requireSameRequest } from '../ledger/transaction.js';
import { checkText, wholeNumber } from '../programme/programme.js';
import { queueDeliveries } from '../webhooks/webhooks.js';

export type CampaignStatus = 'SCHEDULED' | 'COMPLETED';
export type CampaignTriggerKind = 'NOW' | 'SCHEDULE';
export type CampaignActionKind = 'ISSUE_COUPON' | 'NOTIFY';

export interface CampaignRecord {
  id: string;
  ownerId: string | null;
  name: string;
  status: CampaignStatus;
  triggerKind: CampaignTriggerKind;
  runAt: Date;
  ranAt: Date | null;
  audience: AudienceInput;
  actionKind: CampaignActionKind;
  couponTemplateId: string | null;
  message: string | null;
  budgetMembers: number | null;
  budgetCoupons: number | null;
  controlBps: number;
}

export interface CampaignInput {
  name: string;
  trigger: { kind: CampaignTriggerKind; at?: string | null };
  audience: AudienceInput;
  action: { kind: CampaignActionKind; couponTemplateId?: string | null; message?: string | null };
  budget?: { members?: number | null; coupons?: number | null } | null;
  controlGroupBps?: number | null;
  idempotencyKey: string;
}

export const DEFAULT_CONTROL_BPS = 1000;

interface CampaignRow {
  id: string; owner_id: string | null; name: string; status: CampaignStatus; trigger_kind: CampaignTriggerKind; run_at: Date; ran_at: Date | null;
  audience: AudienceInput; action_kind: CampaignActionKind; coupon_template_id: string | null; message: string | null; budget_members: number | null; budget_coupons: number | null; control_bps: number;
}

const toCampaign = (r: CampaignRow): CampaignRecord => ({
  id: r.id, ownerId: r.owner_id, name: r.name, status: r.status, triggerKind: r.trigger_kind, runAt: new Date(r.run_at), ranAt: r.ran_at && new Date(r.ran_at),
  audience: r.audience, actionKind: r.action_kind, couponTemplateId: r.coupon_template_id, message: r.message, budgetMembers: r.budget_members, budgetCoupons: r.budget_coupons, controlBps: r.control_bps,
});

/** The claims a campaign's audience is chosen with: its owner's. */
const ownerClaims = (ownerId: string | null): Claims => (ownerId ? { role: 'MERCHANT', subject: `campaign-owner:${ownerId}`, merchantId: ownerId } : { role: 'HQ', subject: 'campaign-owner:hq' });

export async function createCampaign(em: EntityManager, now: Date, claims: Claims | null, input: CampaignInput): Promise<CampaignRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const key = checkIdempotencyKey(input.idempotencyKey);
  const name = checkText(input.name, 'name', 1, 60);
  let runAt = now;
  if (input.trigger.kind === 'SCHEDULE') {
    if (!input.trigger.at) throw userInputError('a scheduled campaign needs trigger.at', 'trigger.at');
    runAt = new Date(input.trigger.at);
    if (Number.isNaN(runAt.getTime()) || runAt <= now) throw userInputError('trigger.at must be a future instant', 'trigger.at');
  } else if (input.trigger.kind !== 'NOW') {
    throw userInputError('trigger.kind must be NOW or SCHEDULE', 'trigger.kind');
  }
  let templateId: string | null = null;
  let message: string | null = null;
  if (input.action.kind === 'ISSUE_COUPON') {
    if (!input.action.couponTemplateId) throw userInputError('an ISSUE_COUPON action names action.couponTemplateId', 'action.couponTemplateId');
    templateId = requireUuid(input.action.couponTemplateId, 'action.couponTemplateId');
  } else if (input.action.kind === 'NOTIFY') {
    message = checkText(input.action.message ?? '', 'action.message', 1, 500);
  } else {
    throw userInputError('action.kind must be ISSUE_COUPON or NOTIFY', 'action.kind');
  }
  const budgetMembers = input.budget?.members == null ? null : wholeNumber(input.budget.members, 'budget.members', 1, 100_000_000);
  const budgetCoupons = input.budget?.coupons == null ? null : wholeNumber(input.budget.coupons, 'budget.coupons', 1, 100_000_000);
  const controlBps = wholeNumber(input.controlGroupBps ?? DEFAULT_CONTROL_BPS, 'controlGroupBps', 0, 5000);
  // The audience is checked now (a bad tier or segment is the creator's mistake), and chosen again when the campaign runs.
  await audienceOf(em, now, ownerClaims(ownerId), input.audience);
  const hash = requestHash('createCampaign', { ...input, idempotencyKey: null });

  const campaign = await em.transactional(async (tx) => {
    await lockRequestKey(tx, ['createCampaign', caller.subject, key]);
    const prior: (CampaignRow & { request_hash: string })[] = await tx.execute('select * from wallet.campaign where client_id = ? and idempotency_key = ?', [caller.subject, key]);
    if (prior[0]) {
      requireSameRequest(prior[0].request_hash, hash);
      return toCampaign(prior[0]);
    }
    if (templateId) {
      const template: { owner_id: string | null }[] = await tx.execute('select owner_id from wallet.coupon_template where id = ?', [templateId]);
      if (!template[0]) throw notFound('Coupon template');
      if (template[0].owner_id !== ownerId) throw forbidden("A campaign issues its owner's own coupons");
    }
    const id = randomUUID();
    const rows: CampaignRow[] = await tx.execute(
      `insert into wallet.campaign (id, owner_id, name, status, trigger_kind, run_at, audience, action_kind, coupon_template_id, message, budget_members,
         budget_coupons, control_bps, created_at, client_id, idempotency_key, request_hash)
       values (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [id, ownerId, name, input.trigger.kind, runAt, JSON.stringify(input.audience), input.action.kind, templateId, message, budgetMembers, budgetCoupons, controlBps, now,
        caller.subject, key, hash],
    );
    return toCampaign(rows[0]!);
  });
  if (campaign.status === 'SCHEDULED' && campaign.triggerKind === 'NOW') return runCampaign(em, campaign.id, now);
  return campaign;
}

/**
 * Runs a campaign once: chooses its audience now, holds out the control
 * group, and issues to the rest within the budgets; those the template's
 * limits or budget left without a coupon are not counted as reached.
 * Set-based, in one transaction, however large the audience.
 */
export async function runCampaign(em: EntityManager, campaignId: string, now: Date): Promise<CampaignRecord> {
  return em.transactional(async (tx) => {
    const rows: CampaignRow[] = await tx.execute('select * from wallet.campaign where id = ? for update', [campaignId]);
    if (!rows[0]) throw notFound('Campaign');
    const campaign = toCampaign(rows[0]);
    if (campaign.status === 'COMPLETED') return campaign;
    // Hash memory (lib/sql.ts), and the time to write a coupon each (30 s, every other statement's limit, is about a
    // million), for this transaction only.
    await tx.execute(HASH_WORK_MEM);
    await tx.execute("set local statement_timeout = '10min'");
    const audience = await audienceOf(tx, now, ownerClaims(campaign.ownerId), campaign.audience);
    // Held out: (the first 31 bits of md5(campaign, member)) mod 10,000 under the control share; the reached in hash order up to the budget.
    await tx.execute(
      `with selected as (select distinct member_id from (${audience.sql}) s),
       hashed as (select member_id, (('x' || substr(md5(?::text || member_id::text), 1, 8))::bit(32)::int & 2147483647) as h from selected),
       split as (select member_id, h, h % 10000 < ? as held_out from hashed),
       chosen as (
         select member_id, true as held_out from split where held_out
         union all
         (select member_id, false from split where not held_out order by h, member_id limit ?))
       insert into wallet.campaign_member (campaign_id, member_id, held_out) select ?::uuid, member_id, held_out from chosen`,
      [...audience.params, campaign.id, campaign.controlBps, campaign.budgetMembers ?? 2_147_483_647, campaign.id],
    );
    if (campaign.actionKind === 'ISSUE_COUPON') {
      const template = await lockTemplate(tx, campaign.couponTemplateId!);
      const issuable = template && template.issued < template.budget && validityOf(template, now).validUntil > now;
      const issuance = issuable
        ? await issueToSelection(tx, template, { sql: 'select member_id from wallet.campaign_member where campaign_id = ? and not held_out', params: [campaign.id] },
          'CAMPAIGN', now, { id: campaign.id, maxCoupons: campaign.budgetCoupons })
        : { issued: 0, selected: 1 };
      // Those the budgets or the template's limit left without a coupon were not reached (an index lookup each, only if any).
      if (issuance.issued < issuance.selected) {
        await tx.execute(
          `delete from wallet.campaign_member g where g.campaign_id = ? and not g.held_out
           and not exists (select 1 from wallet.coupon c where c.campaign_id = g.campaign_id and c.member_id = g.member_id)`,
          [campaign.id],
        );
      }
    } else {
      // The owner's app tells its members: one webhook delivery per 500 reached members.
      await queueDeliveries(tx, now, 'CAMPAIGN_NOTIFICATION', {
        sql: `select ?::uuid as owner_id, jsonb_build_object('campaignId', ?::text, 'message', ?::text, 'memberIds', jsonb_agg(member_id order by member_id)) as payload
              from (select member_id, (row_number() over (order by member_id) - 1) / 500 as chunk
                    from wallet.campaign_member where campaign_id = ? and not held_out) g group by chunk`,
        params: [campaign.ownerId, campaign.id, campaign.message, campaign.id],
      });
    }
    const done: CampaignRow[] = await tx.execute("update wallet.campaign set status = 'COMPLETED', ran_at = ? where id = ? returning *", [now, campaign.id]);
    return toCampaign(done[0]!);
  });
}

/** Runs every scheduled campaign whose instant has come (the campaign-run job); returns how many ran. */
export async function runDueCampaigns(em: EntityManager, now: Date): Promise<number> {
  const due: { id: string }[] = await em.execute("select id from wallet.campaign where status = 'SCHEDULED' and run_at <= ? order by run_at, id", [now]);
  for (const { id } of due) await runCampaign(em.fork(), id, now);
  return due.length;
}

/** A campaign its caller may see: HQ any, a merchant its own; null otherwise (another's is as if it did not exist). */
export async function campaignFor(em: EntityManager, claims: Claims | null, id: string): Promise<CampaignRecord | null> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const rows: CampaignRow[] = await em.execute('select * from wallet.campaign where id = ?', [id]);
  if (!rows[0]) return null;
  const campaign = toCampaign(rows[0]);
  return caller.role === 'HQ' || campaign.ownerId === caller.merchantId ? campaign : null;
}
