/**
 * When a campaign reaches whom (docs/marketing.md "Targeted campaigns": now, a
 * schedule in the coalition time zone, or an event), as SQL selecting the
 * candidates and the occasion each is reached for. A member is reached at
 * most once per occasion of a campaign:
 * - NOW and SCHEDULE: the run ('' for one run; the run's local day for a
 *   schedule recurring every DAY, WEEK or MONTH);
 * - REGISTERED: registering with the coalition (HQ) or joining the owner,
 *   after the campaign began ('registered');
 * - BIRTHDAY: the member's birth month (the hub knows no day), once a year
 *   (the year);
 * - TIER_UPGRADED: each upgrade after the campaign began (its instant);
 * - PURCHASE: a checkout at the owner's stores (HQ: anywhere) after the
 *   campaign began and after the member was last reached by it (the
 *   checkout), so a burst of purchases between two evaluations reaches once;
 * - INACTIVE: no checkout in scope for inactiveDays days after at least one
 *   (the last checkout's instant: once per spell of inactivity).
 * The audience's conditions (consent, the owner's members, segments ...)
 * apply on top, when the member is reached.
 */
import type { AudienceSelection } from '../audience/audience.js';
import { sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import { addCalendarDays, addCalendarMonths, localDay, nextLocalMidnight } from '../../ledger/index.js';

export type CampaignTriggerKind = 'NOW' | 'SCHEDULE' | 'REGISTERED' | 'BIRTHDAY' | 'TIER_UPGRADED' | 'PURCHASE' | 'INACTIVE';
export type CampaignRecurrence = 'DAY' | 'WEEK' | 'MONTH';

/** Triggered by what members do or by the calendar, not by a run: such a campaign stays ACTIVE until its budget is spent. */
export const EVENT_TRIGGERS: readonly CampaignTriggerKind[] = ['REGISTERED', 'BIRTHDAY', 'TIER_UPGRADED', 'PURCHASE', 'INACTIVE'];
/** Events a member's own movement or registration causes: looked at for that member at once, and by the job for everyone. */
export const INSTANT_EVENTS: readonly CampaignTriggerKind[] = ['REGISTERED', 'TIER_UPGRADED', 'PURCHASE'];

export interface TriggeredCampaign {
  id: string;
  ownerId: string | null;
  triggerKind: CampaignTriggerKind;
  createdAt: Date;
  runAt: Date;
  every: CampaignRecurrence | null;
  inactiveDays: number | null;
}

/** An instant as the occasion's text (its ISO form in UTC), in SQL. */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The occasion of a run (NOW, SCHEDULE): '' for the one run, the local day of a recurring schedule's. */
export const runOccasion = (c: TriggeredCampaign, now: Date, timeZone: string): string => (c.every ? localDay(now, timeZone) : '');

/**
 * A select of (member_id, occasion): who an event trigger puts forward now, optionally only one member. A run's
 * (NOW, SCHEDULE) are its whole audience, on its runOccasion.
 */
export function triggerCandidates(c: TriggeredCampaign, now: Date, timeZone: string, memberId: string | null = null): AudienceSelection {
  const only = (column: string): Sql => (memberId === null ? sql`` : sql` and ${trustedSql(column)} = ${memberId}::uuid`);
  const lastReached = (member: string) =>
    sql`coalesce((select max(g.reached_at) from wallet.campaign_member g where g.campaign_id = ${c.id}::uuid and g.member_id = ${trustedSql(member)}), ${c.createdAt}::timestamptz)`;
  switch (c.triggerKind) {
    case 'NOW':
    case 'SCHEDULE':
      throw new Error('a run reaches its audience: no trigger candidates');
    case 'REGISTERED':
      if (c.ownerId === null)
        return sql`select w.member_id, 'registered' as occasion from wallet.wallet w where w.created_at >= ${c.createdAt}${only('w.member_id')}`;
      return sql`select j.member_id, 'registered' as occasion from wallet.membership j
        where j.merchant_id = ${c.ownerId} and j.joined_at >= ${c.createdAt}${only('j.member_id')}`;
    case 'BIRTHDAY':
      return sql`select w.member_id, to_char(${now}::timestamptz at time zone ${timeZone}, 'YYYY') as occasion from wallet.wallet w
              where w.birth_month = extract(month from ${now}::timestamptz at time zone ${timeZone})${only('w.member_id')}`;
    case 'TIER_UPGRADED':
      return sql`select u.member_id, ${trustedSql(isoText('u.upgraded_at'))} as occasion from wallet.tier_upgrade u
              where u.upgraded_at > ${lastReached('u.member_id')}${only('u.member_id')}`;
    case 'PURCHASE':
      return sql`select distinct on (t.member_id) t.member_id, t.id::text as occasion from wallet.journal_transaction t
              where t.kind = 'CHECKOUT' and (${c.ownerId}::uuid is null or t.acquirer_id = ${c.ownerId}::uuid)
                and t.occurred_at > ${lastReached('t.member_id')}${only('t.member_id')}
              order by t.member_id, t.occurred_at desc`;
    case 'INACTIVE':
      return sql`select member_id, ${trustedSql(isoText('last_at'))} as occasion from (
                select t.member_id, max(t.occurred_at) as last_at from wallet.journal_transaction t
                where t.kind = 'CHECKOUT' and (${c.ownerId}::uuid is null or t.acquirer_id = ${c.ownerId}::uuid)${only('t.member_id')} group by t.member_id) l
              where last_at <= ${now}::timestamptz - make_interval(days => ${c.inactiveDays})`;
  }
}

/**
 * When the job next looks at a campaign: a recurring schedule's next run;
 * for a birthday or inactivity campaign, the next local midnight (daily
 * is what they change at); for the instant events, an hour on, to catch
 * what a crash between a movement and its campaigns left out.
 */
export function nextEvaluation(c: TriggeredCampaign, now: Date, timeZone: string): Date | null {
  if (c.triggerKind === 'NOW') return null;
  if (c.triggerKind === 'SCHEDULE') {
    if (!c.every) return null;
    let next = c.runAt;
    // A hub down for a while runs the missed occurrence once, then keeps the rhythm.
    while (next <= now) next = c.every === 'MONTH' ? addCalendarMonths(next, 1, timeZone) : addCalendarDays(next, c.every === 'WEEK' ? 7 : 1, timeZone);
    return next;
  }
  if (c.triggerKind === 'BIRTHDAY' || c.triggerKind === 'INACTIVE') return nextLocalMidnight(now, timeZone);
  return new Date(now.getTime() + 3_600_000);
}
