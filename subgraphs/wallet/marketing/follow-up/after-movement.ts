/**
 * What follows a member's movement, or its registration (issue 21): its rule
 * tags refreshed (marketing/tags/tag-rules.ts) and the event campaigns that may
 * concern it looked at for it (marketing/campaigns/campaigns.ts).
 *
 * Declared once, here, and queued by the movement primitive itself in the
 * movement's own transaction (the `afterMovement` hook of ledger/journal/movement.ts,
 * given to every movement as MOVEMENT_HOOKS, hooks.ts): no resolver can forget it, and no crash can lose it.
 * It runs beside the request, in the wallet's worker (jobs/jobs.ts), so what
 * other merchants configure never slows a till; what the rules need seen at
 * once (the points a multiplier adds, a tier's gift coupon) stays in the
 * movement. And it is bounded: only HQ's and the concerned merchants' rule
 * tags and campaigns of the right trigger are read, through indexes, and each
 * owner's count of rule tags and active event campaigns is capped
 * (UNICARD_MAX_RULE_TAGS, UNICARD_MAX_EVENT_CAMPAIGNS).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { executeSql, sql } from '../../../../lib/sql.js';
import { reachCampaigns, triggersParam, type CampaignTriggerKind } from '../campaigns/campaigns.js';
import { queueJobs, type LedgerDeps, type QueuedJob, type TransactionKind, type TransactionRecord } from '../../ledger/index.js';
import { refreshRuleTags, type RuleTagRow } from '../tags/tag-rules.js';

export const FOLLOW_UP_TASK = 'follow-up';

export interface FollowUp {
  memberId: string;
  /** The event campaigns' triggers it may set off. */
  triggers: CampaignTriggerKind[];
  /** Where it happened: the store's merchant of a checkout, the merchant joined at a registration. */
  merchantId: string | null;
  /** When it happened: the occasion a campaign reaches the member for. */
  at: string;
}

/**
 * The movements followed up: a member's own. A campaign's grants and the points expiry run in bulk jobs over many
 * members; the nightly rebuild of rule tags and the campaigns' hourly pass see their members.
 */
const FOLLOWED: ReadonlySet<TransactionKind> = new Set<TransactionKind>(['TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'PLAN_PURCHASE', 'POINTS_EXCHANGE']);

/** The follow-up of a movement, to queue in its transaction (the ledger's afterMovement hook). */
export function followUpJob(transaction: TransactionRecord, upgraded: boolean): QueuedJob | null {
  if (!FOLLOWED.has(transaction.kind)) return null;
  const triggers: CampaignTriggerKind[] = [...(transaction.kind === 'CHECKOUT' ? ['PURCHASE' as const] : []), ...(upgraded ? ['TIER_UPGRADED' as const] : [])];
  return followUpOf({ memberId: transaction.memberId, triggers, merchantId: transaction.acquirerId, at: transaction.occurredAt.toISOString() });
}

/**
 * The rule tags that may change for the member (HQ's and those of merchants it joined: a merchant's tags are over
 * its own members), and the active campaigns of the triggers that concern it: HQ's; a PURCHASE or REGISTERED one only
 * of the merchant where it happened; a TIER_UPGRADED one of a merchant it joined. Each a FROM clause, with its
 * values bound, read through the indexes on (owner_id, name) and (trigger_kind, owner_id).
 */
const joined = (f: FollowUp) => sql`select merchant_id from wallet.membership where member_id = ${f.memberId}::uuid`;
const concernedTags = (f: FollowUp) => sql`from wallet.tag t where t.kind = 'RULE' and (t.owner_id is null or t.owner_id in (${joined(f)}))`;
const concernedCampaigns = (f: FollowUp) =>
  sql`from wallet.campaign c where c.status = 'ACTIVE' and c.trigger_kind = any(${triggersParam(f.triggers)}::text[])
          and (c.owner_id is null or (c.trigger_kind in ('PURCHASE', 'REGISTERED') and c.owner_id = ${f.merchantId}::uuid)
               or (c.trigger_kind not in ('PURCHASE', 'REGISTERED') and c.owner_id in (${joined(f)})))`;

/**
 * Queues the follow-up, in the caller's transaction, if anything concerns the member: the same one statement either
 * way, and no job for the many movements that nothing follows.
 */
export async function queueFollowUp(em: EntityManager, followUp: FollowUp): Promise<void> {
  await queueJobs(em, [followUpOf(followUp)]);
}

const followUpOf = (followUp: FollowUp): QueuedJob => ({
  task: FOLLOW_UP_TASK,
  payload: followUp,
  when: sql`exists (select 1 ${concernedTags(followUp)}) or exists (select 1 ${concernedCampaigns(followUp)})`,
});

/** The follow-up job's work. A failure of either part is logged and left to the nightly rebuild and the hourly pass. */
export async function runFollowUp(ledger: LedgerDeps, log: Logger, followUp: FollowUp): Promise<void> {
  const { em, clock } = ledger;
  const rows: (Partial<RuleTagRow> & { campaign_id: string | null })[] = await executeSql(
    em,
    sql`select t.id, t.owner_id, t.rule, null::uuid as campaign_id ${concernedTags(followUp)}
        union all select null, null, null, c.id ${concernedCampaigns(followUp)}`,
  );
  const tags = rows.filter((r) => r.campaign_id === null) as RuleTagRow[];
  const campaigns = rows.flatMap((r) => (r.campaign_id === null ? [] : [r.campaign_id]));
  await refreshRuleTags(em, clock.now(), followUp.memberId, tags).catch((error: unknown) =>
    log.warn({ error: (error as Error).message }, 'rule tags not refreshed; the nightly rebuild will'),
  );
  await reachCampaigns(ledger, followUp.memberId, campaigns, new Date(followUp.at)).catch((error: unknown) =>
    log.warn({ error: (error as Error).message }, "event campaigns not looked at; the campaigns' hourly pass will"),
  );
}
