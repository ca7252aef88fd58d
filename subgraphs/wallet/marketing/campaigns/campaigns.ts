/**
 * Targeted campaigns (docs/marketing.md "Targeted campaigns"): a trigger
 * (campaign-triggers.ts: now, a schedule that may recur, or an event), an
 * audience (marketing/audience/audience.ts: marketing consent always; a merchant's
 * among its own members), an action and budgets, owned and funded by a
 * merchant or HQ. Actions:
 * - ISSUE_COUPON: a coupon of the owner's template (its budget and limits apply);
 * - NOTIFY: the message, through the owner's webhook (CAMPAIGN_NOTIFICATION);
 * - GRANT_POINTS: points to each reached member (campaign-points.ts);
 * - POINTS_MULTIPLIER: points earned in a window multiplied (points-multiplier.ts).
 * Budgets of members, coupons and points: the campaign stops when one is spent.
 *
 * A control group is held out of those the trigger puts forward: each member
 * falls in it when a hash of (campaign, member) lands under controlGroupBps
 * of 10,000 (10% by default): reproducible, the same member on every
 * occasion, and unrelated to member ids' order. Results compare, for the
 * days after each member was reached (or held out), the reached members'
 * purchases with the control group's (campaign-results.ts).
 *
 * A campaign reaching its whole audience (a run, or an event campaign's look
 * at the calendar) runs in the wallet's campaign-run job, never in a request
 * (issue 25): creating one queues the job. The run chooses whom it reaches in
 * one statement, then issues its coupons a batch of members at a time, each
 * batch committed on its own with its progress logged; meanwhile a NOW or
 * SCHEDULE campaign is RUNNING and its results so far are readable. A run a
 * crash interrupted is finished by the job's next pass, never issued twice.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Claims } from '../../../../lib/auth.js';
import { requireRole } from '../../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { HASH_WORK_MEM, executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { audienceOf, type AudienceInput } from '../audience/audience.js';
import { issueToSelection, validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate } from '../coupons/coupon-template.js';
import { checkIdempotencyKey, type LedgerDeps, lockRequestKey, queueJobs, requestHash, requireSameRequest } from '../../ledger/index.js';
import { checkText, wholeNumber } from '../../../../lib/input-checks.js';
import { queueDeliveries } from '../webhooks/webhooks.js';
import { grantPendingPoints } from './campaign-points.js';
import {
  EVENT_TRIGGERS,
  nextEvaluation,
  runOccasion,
  triggerCandidates,
  type CampaignRecurrence,
  type CampaignTriggerKind,
  type TriggeredCampaign,
} from './campaign-triggers.js';

export type { CampaignTriggerKind } from './campaign-triggers.js';
/** SCHEDULED: waiting for its instant (or its next, recurring); RUNNING: a run issuing its coupons; ACTIVE: triggered by
 * events; COMPLETED: reaches nobody more. */
export type CampaignStatus = 'SCHEDULED' | 'RUNNING' | 'ACTIVE' | 'COMPLETED';
export type CampaignActionKind = 'ISSUE_COUPON' | 'NOTIFY' | 'GRANT_POINTS' | 'POINTS_MULTIPLIER';

export interface CampaignRecord extends TriggeredCampaign {
  name: string;
  status: CampaignStatus;
  ranAt: Date | null;
  /** The instant of a run still issuing its coupons (its members were chosen then); null otherwise. */
  runningAt: Date | null;
  audience: AudienceInput;
  actionKind: CampaignActionKind;
  couponTemplateId: string | null;
  message: string | null;
  /** GRANT_POINTS: the points each reached member is given. */
  points: bigint | null;
  /** POINTS_MULTIPLIER: points earned in [windowFrom, windowUntil) are multiplied by this (20000: double). */
  multiplierBps: number | null;
  windowFrom: Date | null;
  windowUntil: Date | null;
  budgetMembers: number | null;
  budgetCoupons: number | null;
  budgetPoints: bigint | null;
  /** Points the budget has given: granted to members reached, or added by the multiplier (counted only under a budget). */
  pointsSpent: bigint;
  controlBps: number;
}

export interface CampaignInput {
  name: string;
  trigger: { kind: CampaignTriggerKind; at?: string | null; every?: CampaignRecurrence | null; inactiveDays?: number | null };
  audience: AudienceInput;
  action: {
    kind: CampaignActionKind;
    couponTemplateId?: string | null;
    message?: string | null;
    points?: number | null;
    multiplierBps?: number | null;
    from?: string | null;
    until?: string | null;
  };
  budget?: { members?: number | null; coupons?: number | null; points?: number | null } | null;
  controlGroupBps?: number | null;
  idempotencyKey: string;
}

export const DEFAULT_CONTROL_BPS = 1000;
/** A double-points window is a day or a few; a year is the longest a campaign multiplies for. */
const MAX_WINDOW_DAYS = 366;

interface CampaignRow {
  id: string;
  owner_id: string | null;
  name: string;
  status: CampaignStatus;
  trigger_kind: CampaignTriggerKind;
  run_at: Date;
  ran_at: Date | null;
  running_at: Date | null;
  created_at: Date;
  every: CampaignRecurrence | null;
  inactive_days: number | null;
  audience: AudienceInput;
  action_kind: CampaignActionKind;
  coupon_template_id: string | null;
  message: string | null;
  points: string | null;
  multiplier_bps: number | null;
  window_from: Date | null;
  window_until: Date | null;
  budget_members: number | null;
  budget_coupons: number | null;
  budget_points: string | null;
  points_spent: string;
  control_bps: number;
}

const at = (value: Date | null) => (value ? new Date(value) : null);
const big = (value: string | null) => (value === null ? null : BigInt(value));
const toCampaign = (r: CampaignRow): CampaignRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  status: r.status,
  triggerKind: r.trigger_kind,
  runAt: new Date(r.run_at),
  ranAt: at(r.ran_at),
  runningAt: at(r.running_at),
  createdAt: new Date(r.created_at),
  every: r.every,
  inactiveDays: r.inactive_days,
  audience: r.audience,
  actionKind: r.action_kind,
  couponTemplateId: r.coupon_template_id,
  message: r.message,
  points: big(r.points),
  multiplierBps: r.multiplier_bps,
  windowFrom: at(r.window_from),
  windowUntil: at(r.window_until),
  budgetMembers: r.budget_members,
  budgetCoupons: r.budget_coupons,
  budgetPoints: big(r.budget_points),
  pointsSpent: BigInt(r.points_spent),
  controlBps: r.control_bps,
});

/** The claims a campaign's audience is chosen with: its owner's. */
const ownerClaims = (ownerId: string | null): Claims =>
  ownerId ? { role: 'MERCHANT', subject: `campaign-owner:${ownerId}`, merchantId: ownerId } : { role: 'HQ', subject: 'campaign-owner:hq' };

const instantOf = (raw: string | null | undefined, field: string) => {
  const value = raw ? new Date(raw) : null;
  if (!value || Number.isNaN(value.getTime())) throw userInputError(`${field} must be an ISO instant`, field);
  return value;
};

/** The trigger's columns, checked: NOW; SCHEDULE at a future instant, maybe recurring; an event, INACTIVE with its days. */
function checkTrigger(trigger: CampaignInput['trigger'], now: Date) {
  const kind = trigger.kind;
  if (!(['NOW', 'SCHEDULE', ...EVENT_TRIGGERS] as string[]).includes(kind)) throw userInputError('trigger.kind is not a trigger', 'trigger.kind');
  if (trigger.every != null && kind !== 'SCHEDULE') throw userInputError('only a SCHEDULE recurs (trigger.every)', 'trigger.every');
  if (trigger.every != null && !['DAY', 'WEEK', 'MONTH'].includes(trigger.every))
    throw userInputError('trigger.every must be DAY, WEEK or MONTH', 'trigger.every');
  if (trigger.at != null && kind !== 'SCHEDULE') throw userInputError('only a SCHEDULE has trigger.at', 'trigger.at');
  if ((trigger.inactiveDays != null) !== (kind === 'INACTIVE'))
    throw userInputError('an INACTIVE trigger, and only it, names trigger.inactiveDays', 'trigger.inactiveDays');
  let runAt = now;
  if (kind === 'SCHEDULE') {
    if (!trigger.at) throw userInputError('a scheduled campaign needs trigger.at', 'trigger.at');
    runAt = instantOf(trigger.at, 'trigger.at');
    if (runAt <= now) throw userInputError('trigger.at must be a future instant', 'trigger.at');
  }
  const inactiveDays = trigger.inactiveDays == null ? null : wholeNumber(trigger.inactiveDays, 'trigger.inactiveDays', 1, 3650);
  return { kind, runAt, every: trigger.every ?? null, inactiveDays };
}

/** The action's columns, checked. */
function checkAction(action: CampaignInput['action'], now: Date) {
  const none = { couponTemplateId: null, message: null, points: null, multiplierBps: null, windowFrom: null, windowUntil: null };
  switch (action.kind) {
    case 'ISSUE_COUPON':
      if (!action.couponTemplateId) throw userInputError('an ISSUE_COUPON action names action.couponTemplateId', 'action.couponTemplateId');
      return { ...none, couponTemplateId: requireUuid(action.couponTemplateId, 'action.couponTemplateId') };
    case 'NOTIFY':
      return { ...none, message: checkText(action.message ?? '', 'action.message', 1, 500) };
    case 'GRANT_POINTS':
      return { ...none, points: BigInt(wholeNumber(action.points ?? 0, 'action.points', 1, 1_000_000)) };
    case 'POINTS_MULTIPLIER': {
      const multiplierBps = wholeNumber(action.multiplierBps ?? 0, 'action.multiplierBps', 10001, 100000);
      const windowFrom = instantOf(action.from, 'action.from');
      const windowUntil = instantOf(action.until, 'action.until');
      if (windowUntil <= windowFrom || windowUntil <= now) throw userInputError('action.until must be after action.from and in the future', 'action.until');
      if (windowUntil.getTime() - windowFrom.getTime() > MAX_WINDOW_DAYS * 86_400_000)
        throw userInputError(`a window is at most ${MAX_WINDOW_DAYS} days`, 'action.until');
      return { ...none, multiplierBps, windowFrom, windowUntil };
    }
    default:
      throw userInputError('action.kind must be ISSUE_COUPON, NOTIFY, GRANT_POINTS or POINTS_MULTIPLIER', 'action.kind');
  }
}

/** How many active event campaigns one owner (HQ, or a merchant) may have: UNICARD_MAX_EVENT_CAMPAIGNS, default 20. */
export const maxEventCampaigns = () => Number(process.env.UNICARD_MAX_EVENT_CAMPAIGNS ?? 20);

/** Creates a campaign; one to run now, or an event campaign, is queued for the campaign-run job, which reaches its members. */
export async function createCampaign(ledger: Pick<LedgerDeps, 'em' | 'clock'>, claims: Claims | null, input: CampaignInput): Promise<CampaignRecord> {
  const { em, clock } = ledger;
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const now = clock.now();
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const key = checkIdempotencyKey(input.idempotencyKey);
  const name = checkText(input.name, 'name', 1, 60);
  const trigger = checkTrigger(input.trigger, now);
  const action = checkAction(input.action, now);
  const budgetMembers = input.budget?.members == null ? null : wholeNumber(input.budget.members, 'budget.members', 1, 100_000_000);
  const budgetCoupons = input.budget?.coupons == null ? null : wholeNumber(input.budget.coupons, 'budget.coupons', 1, 100_000_000);
  const budgetPoints = input.budget?.points == null ? null : BigInt(wholeNumber(input.budget.points, 'budget.points', 1, 2_000_000_000));
  if (budgetCoupons !== null && input.action.kind !== 'ISSUE_COUPON')
    throw userInputError('budget.coupons is for a campaign issuing coupons', 'budget.coupons');
  if (budgetPoints !== null && !['GRANT_POINTS', 'POINTS_MULTIPLIER'].includes(input.action.kind))
    throw userInputError('budget.points is for a campaign giving points', 'budget.points');
  const controlBps = wholeNumber(input.controlGroupBps ?? DEFAULT_CONTROL_BPS, 'controlGroupBps', 0, 5000);
  // The audience is checked now (a bad tier or segment is the creator's mistake), and chosen again whenever the campaign reaches members.
  await audienceOf(em, now, ownerClaims(ownerId), input.audience);
  const hash = requestHash('createCampaign', { ...input, idempotencyKey: null });
  const status: CampaignStatus = EVENT_TRIGGERS.includes(trigger.kind) ? 'ACTIVE' : 'SCHEDULED';

  return em.transactional(async (tx) => {
    await lockRequestKey(tx, ['createCampaign', caller.subject, key]);
    const prior: (CampaignRow & { request_hash: string })[] = await executeSql(
      tx,
      sql`select * from wallet.campaign where client_id = ${caller.subject} and idempotency_key = ${key}`,
    );
    if (prior[0]) {
      requireSameRequest(prior[0].request_hash, hash);
      return toCampaign(prior[0]);
    }
    if (status === 'ACTIVE') {
      // An active event campaign is looked at after its members' movements (marketing/follow-up/after-movement.ts): each owner has a bounded
      // number (UNICARD_MAX_EVENT_CAMPAIGNS), counted under a lock so that two at once cannot both pass.
      await executeSql(tx, sql`select pg_advisory_xact_lock(hashtext(${`event-campaigns:${ownerId ?? 'HQ'}`}))`);
      const [counted] = await executeSql<{ n: number }>(
        tx,
        sql`select count(*)::int as n from wallet.campaign where status = 'ACTIVE' and owner_id is not distinct from ${ownerId}`,
      );
      if (counted!.n >= maxEventCampaigns()) throw userInputError(`at most ${maxEventCampaigns()} active event campaigns per owner`, 'trigger.kind');
    }
    if (action.couponTemplateId) {
      const template: { owner_id: string | null }[] = await executeSql(
        tx,
        sql`select owner_id from wallet.coupon_template where id = ${action.couponTemplateId}`,
      );
      if (!template[0]) throw notFound('Coupon template');
      if (template[0].owner_id !== ownerId) throw forbidden("A campaign issues its owner's own coupons");
    }
    const rows: CampaignRow[] = await executeSql(
      tx,
      sql`insert into wallet.campaign (id, owner_id, name, status, trigger_kind, run_at, every, inactive_days, audience, action_kind, coupon_template_id, message,
         points, multiplier_bps, window_from, window_until, budget_members, budget_coupons, budget_points, control_bps, created_at, client_id,
         idempotency_key, request_hash)
       values (${randomUUID()}, ${ownerId}, ${name}, ${status}, ${trigger.kind}, ${trigger.runAt}, ${trigger.every}, ${trigger.inactiveDays}, ${JSON.stringify(input.audience)}, ${input.action.kind}, ${action.couponTemplateId}, ${action.message}, ${action.points?.toString() ?? null}, ${action.multiplierBps}, ${action.windowFrom}, ${action.windowUntil}, ${budgetMembers}, ${budgetCoupons}, ${budgetPoints?.toString() ?? null}, ${controlBps}, ${now}, ${caller.subject}, ${key}, ${hash}) returning *`,
    );
    // Run now, and an event campaign looks at once at who already qualifies by the calendar (birthdays, inactivity): both
    // by the campaign-run job, queued with the campaign (its instant, run_at, is now), however many members they reach.
    if (trigger.kind === 'NOW' || status === 'ACTIVE') await queueJobs(tx, [{ task: CAMPAIGN_RUN_TASK, payload: {}, key: `${CAMPAIGN_RUN_TASK}:created` }]);
    return toCampaign(rows[0]!);
  });
}

/** The wallet's job that runs campaigns whose instant has come (jobs/jobs.ts). */
export const CAMPAIGN_RUN_TASK = 'campaign-run';

/**
 * Reaches whom the campaign's trigger puts forward now (all of them, or one
 * member after its own event), within its audience and budgets, holding
 * out the control group; then acts for those reached. Set-based, in one
 * transaction under the campaign's row lock, however many members.
 * Returns the campaign after it; points are granted after the commit.
 */
async function reach(em: EntityManager, campaignId: string, now: Date, timeZone: string, memberId: string | null): Promise<CampaignRecord> {
  return em.transactional(async (tx) => {
    const rows: CampaignRow[] = await executeSql(tx, sql`select * from wallet.campaign where id = ${campaignId} for update`);
    if (!rows[0]) throw notFound('Campaign');
    const campaign = toCampaign(rows[0]);
    if (campaign.status === 'COMPLETED') return campaign;
    // A pass over the whole audience still issuing its coupons is finished before another starts (issueRunCoupons).
    if (memberId === null && campaign.runningAt !== null) return campaign;
    const event = EVENT_TRIGGERS.includes(campaign.triggerKind);
    // Hash memory (lib/sql.ts), and the time to write a coupon each (30 s, every other statement's limit, is about a
    // million), for this transaction only.
    await tx.execute(HASH_WORK_MEM);
    await tx.execute("set local statement_timeout = '10min'");
    const audience = await audienceOf(tx, now, ownerClaims(campaign.ownerId), campaign.audience);
    const spent = await spentOf(tx, campaign);
    const caps = [2_147_483_647];
    if (campaign.budgetMembers !== null) caps.push(campaign.budgetMembers - spent.members);
    if (campaign.actionKind === 'GRANT_POINTS' && campaign.budgetPoints !== null)
      caps.push(Number((campaign.budgetPoints - campaign.pointsSpent) / campaign.points!));
    const cap = Math.max(0, Math.min(...caps));
    // A run's candidates are its audience; an event's are those it names that are in the audience and not yet reached on that occasion.
    const candidates = event ? triggerCandidates(campaign, now, timeZone, memberId) : null;
    const selected = candidates
      ? sql`select c.member_id, c.occasion from (${candidates}) c
                where c.member_id in (select member_id from (${audience}) a)
                and not exists (select 1 from wallet.campaign_member g where g.campaign_id = ${campaign.id}::uuid and g.member_id = c.member_id and g.occasion = c.occasion)`
      : sql`select distinct member_id, ${runOccasion(campaign, now, timeZone)}::text as occasion from (${audience}) a${memberId ? sql` where member_id = ${memberId}::uuid` : sql``}`;
    // Held out: (the first 31 bits of md5(campaign, member)) mod 10,000 under the control share; the reached in hash order up to the budget.
    // Written in member order: the key's index then grows at its end instead of at a million random places.
    const inserted: { reached: string }[] = await executeSql(
      tx,
      sql`with selected as (${selected}),
       hashed as (select member_id, occasion, (('x' || substr(md5(${campaign.id}::text || member_id::text), 1, 8))::bit(32)::int & 2147483647) as h from selected),
       split as (select member_id, occasion, h, h % 10000 < ${campaign.controlBps} as held_out from hashed),
       chosen as (
         select member_id, occasion, true as held_out from split where held_out
         union all
         (select member_id, occasion, false from split where not held_out order by h, member_id limit ${cap})),
       inserted as (
         insert into wallet.campaign_member (campaign_id, member_id, occasion, held_out, reached_at)
         select ${campaign.id}::uuid, member_id, occasion, held_out, ${now}::timestamptz from chosen order by member_id on conflict do nothing returning held_out)
       select count(*) filter (where not held_out) as reached from inserted`,
    );
    let reached = Number(inserted[0]!.reached);
    const thisRun = sql`select member_id from wallet.campaign_member where campaign_id = ${campaign.id} and reached_at = ${now} and not held_out`;
    let couponsExhausted = false;
    if (reached > 0 && campaign.actionKind === 'ISSUE_COUPON' && memberId === null) {
      // A pass over the whole audience: its coupons go out in batches beside this transaction (issueRunCoupons).
      const running: CampaignRow[] = await executeSql(
        tx,
        sql`update wallet.campaign set running_at = ${now}, status = ${event ? campaign.status : 'RUNNING'} where id = ${campaign.id} returning *`,
      );
      return toCampaign(running[0]!);
    } else if (reached > 0 && campaign.actionKind === 'ISSUE_COUPON') {
      const template = await lockTemplate(tx, campaign.couponTemplateId!);
      const issuable = template && template.issued < template.budget && validityOf(template, now).validUntil > now;
      const maxCoupons = campaign.budgetCoupons === null ? null : campaign.budgetCoupons - spent.coupons;
      const issuance =
        issuable && (maxCoupons === null || maxCoupons > 0)
          ? await issueToSelection(tx, template, thisRun, 'CAMPAIGN', now, { id: campaign.id, maxCoupons })
          : { issued: 0, selected: reached };
      couponsExhausted = maxCoupons !== null && issuance.issued >= maxCoupons;
      // Those the budgets or the template's limit left without a coupon were not reached (an index lookup each, only if any).
      if (issuance.issued < issuance.selected) {
        await executeSql(
          tx,
          sql`delete from wallet.campaign_member g where g.campaign_id = ${campaign.id} and g.reached_at = ${now} and not g.held_out
           and not exists (select 1 from wallet.coupon c where c.campaign_id = g.campaign_id and c.member_id = g.member_id and c.issued_at = ${now})`,
        );
        reached = issuance.issued;
      }
    } else if (reached > 0 && campaign.actionKind === 'NOTIFY') {
      // The owner's app tells its members: one webhook delivery per 500 reached members.
      await queueDeliveries(
        tx,
        now,
        'CAMPAIGN_NOTIFICATION',
        sql`select ${campaign.ownerId}::uuid as owner_id,
                jsonb_build_object('campaignId', ${campaign.id}::text, 'message', ${campaign.message}::text, 'memberIds', jsonb_agg(member_id order by member_id)) as payload
              from (select member_id, (row_number() over (order by member_id) - 1) / 500 as chunk from (${thisRun}) r) g group by chunk`,
      );
    }
    return settle(tx, campaign, now, timeZone, memberId, { membersAfter: spent.members + reached, reached, couponsExhausted });
  });
}

/**
 * A campaign after it reached members (a pass, or one member's event): what its budgets have left, whether it is done
 * (one run is done when it ran; a recurring schedule waits for its next; an event campaign goes on until its budget is
 * spent), and when it next looks.
 */
async function settle(
  tx: EntityManager,
  campaign: CampaignRecord,
  now: Date,
  timeZone: string,
  memberId: string | null,
  outcome: { membersAfter: number; reached: number; couponsExhausted: boolean },
): Promise<CampaignRecord> {
  const pointsSpent = campaign.actionKind === 'GRANT_POINTS' ? campaign.pointsSpent + BigInt(outcome.reached) * campaign.points! : campaign.pointsSpent;
  const budgetSpent =
    (campaign.budgetMembers !== null && outcome.membersAfter >= campaign.budgetMembers) ||
    outcome.couponsExhausted ||
    (campaign.actionKind === 'GRANT_POINTS' && campaign.budgetPoints !== null && pointsSpent + campaign.points! > campaign.budgetPoints);
  const next = memberId === null ? nextEvaluation(campaign, now, timeZone) : campaign.runAt;
  const done = budgetSpent || next === null;
  const status = done ? 'COMPLETED' : EVENT_TRIGGERS.includes(campaign.triggerKind) ? 'ACTIVE' : 'SCHEDULED';
  const updated: CampaignRow[] = await executeSql(
    tx,
    sql`update wallet.campaign set status = ${status}, ran_at = ${done ? now : null}, run_at = ${next ?? campaign.runAt}, running_at = null,
       points_spent = ${pointsSpent.toString()} where id = ${campaign.id} returning *`,
  );
  return toCampaign(updated[0]!);
}

/** Members a batch of a run's coupons goes to: a bounded statement each, whatever the audience (bench/README.md). */
const COUPON_BATCH = 20_000;

/** How far a run's coupons have gone, for the job's log. */
export interface RunProgress {
  campaignId: string;
  batches: number;
  issued: number;
}

/**
 * A pass's coupons, a batch of its reached members at a time in member order, each batch its own transaction under the
 * campaign's row lock: the members of the batch still without the run's coupon get one (the template's budget and
 * per-member limit, and the campaign's coupon budget, apply as to any issue); those it left without one are not reached.
 * Once a budget is spent, the rest of the pass is not reached either. Then the campaign is settled. Idempotent: a
 * batch repeated after a crash finds its coupons issued.
 */
async function issueRunCoupons(
  ledger: LedgerDeps,
  campaignId: string,
  progress: (p: RunProgress) => void | Promise<void>,
  batch: number,
): Promise<CampaignRecord> {
  const { timeZone } = ledger;
  let after: string | null = null;
  let issued = 0;
  for (let batches = 1; ; batches++) {
    const step = await ledger.em.fork().transactional(async (tx) => {
      const rows: CampaignRow[] = await executeSql(tx, sql`select * from wallet.campaign where id = ${campaignId} for update`);
      const campaign = toCampaign(rows[0]!);
      const runAt = campaign.runningAt;
      // Finished by another pass of the job while this one waited for the lock.
      if (runAt === null) return { campaign, finished: true };
      const ofRun = sql`g.campaign_id = ${campaign.id}::uuid and g.reached_at = ${runAt}::timestamptz and not g.held_out`;
      // Bounds written only when there is one: `x is null or member_id > x` would keep PostgreSQL from the key's range.
      const fromAfter: Sql = after === null ? sql`true` : sql`g.member_id > ${after}::uuid`;
      const [bound] = await executeSql<{ member_id: string }>(
        tx,
        sql`select g.member_id from wallet.campaign_member g where ${ofRun} and ${fromAfter} order by g.member_id offset ${batch - 1} limit 1`,
      );
      const last = bound?.member_id ?? null;
      const inBatch: Sql = last === null ? fromAfter : sql`${fromAfter} and g.member_id <= ${last}::uuid`;
      const withoutCoupon = sql`not exists (select 1 from wallet.coupon c where c.campaign_id = g.campaign_id and c.member_id = g.member_id and c.issued_at = ${runAt}::timestamptz)`;
      const template = await lockTemplate(tx, campaign.couponTemplateId!);
      const spent = await spentOf(tx, campaign);
      const maxCoupons = campaign.budgetCoupons === null ? null : campaign.budgetCoupons - spent.coupons;
      const issuable =
        template !== null && template.issued < template.budget && validityOf(template, runAt).validUntil > runAt && (maxCoupons === null || maxCoupons > 0);
      const issuance = issuable
        ? await issueToSelection(
            tx,
            template,
            sql`select g.member_id from wallet.campaign_member g where ${ofRun} and ${inBatch} and ${withoutCoupon}`,
            'CAMPAIGN',
            runAt,
            {
              id: campaign.id,
              maxCoupons,
            },
          )
        : { issued: 0, selected: 0 };
      // The campaign's own coupon budget spent stops the campaign; the template's stops this pass.
      const couponsExhausted = maxCoupons !== null && issuance.issued >= maxCoupons;
      const budgetOut = !issuable || couponsExhausted || template.issued + issuance.issued >= template.budget;
      // Those the batch left without a coupon are not reached (looked for only if any); once a budget is spent, nor is
      // anyone after them.
      if (budgetOut || issuance.issued < issuance.selected)
        await executeSql(tx, sql`delete from wallet.campaign_member g where ${ofRun} and ${budgetOut ? fromAfter : inBatch} and ${withoutCoupon}`);
      const passDone = budgetOut || last === null;
      if (!passDone) return { campaign, finished: false, last, issued: issuance.issued };
      const [counted] = await executeSql<{ reached: string }>(tx, sql`select count(*) as reached from wallet.campaign_member g where ${ofRun}`);
      const membersAfter = (await spentOf(tx, campaign)).members;
      const settled = await settle(tx, campaign, runAt, timeZone, null, {
        membersAfter,
        reached: Number(counted!.reached),
        couponsExhausted,
      });
      return { campaign: settled, finished: true, issued: issuance.issued };
    });
    issued += step.issued ?? 0;
    await progress({ campaignId, batches, issued });
    if (step.finished) return step.campaign;
    after = step.last!;
  }
}

/** What the budgets have given so far: members reached, and coupons issued (looked up only under such a budget). */
async function spentOf(em: EntityManager, c: CampaignRecord): Promise<{ members: number; coupons: number }> {
  if (c.budgetMembers === null && c.budgetCoupons === null) return { members: 0, coupons: 0 };
  const rows: { members: string; coupons: string }[] = await executeSql(
    em,
    sql`select (select count(*) from wallet.campaign_member where campaign_id = ${c.id} and not held_out) as members,
       (select count(*) from wallet.coupon where campaign_id = ${c.id}) as coupons`,
  );
  return { members: Number(rows[0]!.members), coupons: Number(rows[0]!.coupons) };
}

/** A campaign run over everyone its trigger puts forward, then its coupons issued in batches or its points granted. */
async function evaluateCampaign(
  ledger: LedgerDeps,
  campaignId: string,
  progress: (p: RunProgress) => void | Promise<void>,
  batch: number,
): Promise<CampaignRecord> {
  let campaign = await reach(ledger.em, campaignId, ledger.clock.now(), ledger.timeZone, null);
  if (campaign.runningAt !== null) campaign = await issueRunCoupons(ledger, campaignId, progress, batch);
  if (campaign.actionKind === 'GRANT_POINTS') await grantPendingPoints(ledger, campaign);
  return campaign;
}

export const triggersParam = (triggers: readonly CampaignTriggerKind[]) => `{${triggers.join(',')}}`;

/**
 * After a member's own movement or registration (marketing/follow-up/after-movement.ts, which picks the campaigns that concern it): each
 * campaign for that member only, on the occasion `at` (when it happened); points are granted now.
 */
export async function reachCampaigns(ledger: LedgerDeps, memberId: string, ids: readonly string[], at = ledger.clock.now()): Promise<void> {
  for (const id of ids) {
    const campaign = await reach(ledger.em, id, at, ledger.timeZone, memberId);
    if (campaign.actionKind === 'GRANT_POINTS') await grantPendingPoints(ledger, campaign);
  }
}

/**
 * The campaign-run job: every campaign whose instant has come (a schedule,
 * a recurring schedule's next run, an event campaign's daily or hourly
 * pass), then points still to grant (a grant a crash or a restart
 * interrupted). Returns how many campaigns ran.
 */
export async function runDueCampaigns(
  ledger: LedgerDeps,
  progress: (p: RunProgress) => void | Promise<void> = () => {},
  batch = COUPON_BATCH,
): Promise<number> {
  const { em, clock } = ledger;
  // A run a crash interrupted first (its coupons still going out), then those whose instant has come.
  const interrupted: { id: string }[] = await executeSql(em, sql`select id from wallet.campaign where running_at is not null order by running_at, id`);
  for (const { id } of interrupted) await issueRunCoupons({ ...ledger, em: em.fork() }, id, progress, batch);
  const due: { id: string }[] = await executeSql(
    em,
    sql`select id from wallet.campaign where status in ('SCHEDULED', 'ACTIVE') and run_at <= ${clock.now()} order by run_at, id`,
  );
  for (const { id } of due) await evaluateCampaign({ ...ledger, em: em.fork() }, id, progress, batch);
  const pending: CampaignRow[] = await em.execute(
    `select * from wallet.campaign c where c.action_kind = 'GRANT_POINTS'
     and exists (select 1 from wallet.campaign_member g where g.campaign_id = c.id and not g.held_out and g.points_granted is null)`,
  );
  for (const row of pending) await grantPendingPoints({ ...ledger, em: em.fork() }, toCampaign(row));
  return due.length;
}

/** The campaigns a caller may see (HQ all, a merchant its own), newest first: the console's list. */
export const MAX_CAMPAIGNS_LISTED = 200;
export async function campaignsFor(em: EntityManager, claims: Claims | null): Promise<CampaignRecord[]> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const rows: CampaignRow[] = await executeSql(
    em,
    sql`select * from wallet.campaign where ${ownerId}::uuid is null or owner_id = ${ownerId}::uuid order by created_at desc, id limit ${MAX_CAMPAIGNS_LISTED}`,
  );
  return rows.map(toCampaign);
}

/** A campaign its caller may see: HQ any, a merchant its own; null otherwise (another's is as if it did not exist). */
/** A campaign by id, whoever owns it: the caller's right to see it is decided where it is read (Query.campaign). */
export async function campaignFor(em: EntityManager, id: string): Promise<CampaignRecord | null> {
  const rows: CampaignRow[] = await executeSql(em, sql`select * from wallet.campaign where id = ${id}`);
  return rows[0] ? toCampaign(rows[0]) : null;
}
