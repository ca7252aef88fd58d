/**
 * What follows a member's movement once it has committed: its rule tags
 * refreshed (tags/tag-rules.ts) and the event campaigns it may trigger
 * looked at for it (campaigns/campaigns.ts). Both are read in one statement,
 * as every checkout pays for it even when there are none. Neither undoes
 * the movement if it fails: the nightly rebuild and the campaigns' hourly
 * pass make up for it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { ACTIVE_CAMPAIGNS_SQL, reachCampaigns, triggersParam, type CampaignTriggerKind } from './campaigns/campaigns.js';
import { RULE_TAGS_SQL, refreshRuleTags, type RuleTagRow } from './tags/tag-rules.js';

export async function afterMovementOf(em: EntityManager, clock: Clock, log: Logger, memberId: string, triggers: readonly CampaignTriggerKind[]): Promise<void> {
  const rows: (Partial<RuleTagRow> & { campaign_id: string | null })[] = await em.execute(
    `select t.id, t.owner_id, t.rule, null::uuid as campaign_id from (${RULE_TAGS_SQL}) t
     union all select null, null, null, c.id from (${ACTIVE_CAMPAIGNS_SQL}) c`,
    [triggersParam(triggers)],
  );
  const tags = rows.filter((r) => r.campaign_id === null) as RuleTagRow[];
  const campaigns = rows.flatMap((r) => (r.campaign_id === null ? [] : [r.campaign_id]));
  await refreshRuleTags(em, clock.now(), memberId, tags).catch((error: unknown) =>
    log.warn({ error: (error as Error).message }, 'rule tags not refreshed; the nightly rebuild will'));
  await reachCampaigns(em, clock, memberId, campaigns).catch((error: unknown) =>
    log.warn({ error: (error as Error).message }, "event campaigns not looked at; the campaigns' hourly pass will"));
}
