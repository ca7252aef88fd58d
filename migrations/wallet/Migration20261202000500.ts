import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Campaigns, second part (issue 11, docs/marketing.md "Targeted campaigns"):
 * - triggers on events (a member registered, its birthday month, a tier
 *   upgrade, a purchase, inactive for N days) and schedules that recur every
 *   day, week or month; such a campaign stays ACTIVE (SCHEDULED, recurring)
 *   until its budget is spent;
 * - actions that grant points (a CAMPAIGN_POINTS transaction per member) or
 *   multiply the points earned in a window (a double-points day), funded by
 *   the owner: HQ's from POINTS_GRANTED, a merchant's as points it issues,
 *   at its earning cost in settlement; a budget of points.
 * A member may be reached once per occasion (the run of a recurring
 * schedule, the purchase or upgrade that triggered it, the year of a
 * birthday), each at its own instant, from which its results are counted.
 * Upgrades are recorded, for the campaigns they trigger. A tier may give a
 * coupon of an HQ template as its upgrade gift, beside its points.
 */
export class Migration20261202000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(dropChecks('wallet.campaign', 'trigger_kind|status|action_kind'));
    this.addSql(`alter table wallet.campaign
      add column every text check (every in ('DAY', 'WEEK', 'MONTH')),
      add column inactive_days int check (inactive_days between 1 and 3650),
      add column points bigint check (points between 1 and 1000000),
      add column multiplier_bps int check (multiplier_bps between 10001 and 100000),
      add column window_from timestamptz,
      add column window_until timestamptz,
      add column budget_points bigint check (budget_points > 0),
      add column points_spent bigint not null default 0,
      add constraint campaign_trigger check (trigger_kind in ('NOW', 'SCHEDULE', 'REGISTERED', 'BIRTHDAY', 'TIER_UPGRADED', 'PURCHASE', 'INACTIVE')),
      add constraint campaign_status check (status in ('SCHEDULED', 'ACTIVE', 'COMPLETED') and (status = 'COMPLETED') = (ran_at is not null)
        and (status <> 'ACTIVE' or trigger_kind not in ('NOW', 'SCHEDULE'))),
      add constraint campaign_action check (action_kind in ('ISSUE_COUPON', 'NOTIFY', 'GRANT_POINTS', 'POINTS_MULTIPLIER')),
      add constraint campaign_coupon check ((action_kind = 'ISSUE_COUPON') = (coupon_template_id is not null)),
      add constraint campaign_message check ((action_kind = 'NOTIFY') = (message is not null)),
      add constraint campaign_points check ((action_kind = 'GRANT_POINTS') = (points is not null)),
      add constraint campaign_multiplier check ((action_kind = 'POINTS_MULTIPLIER') = (multiplier_bps is not null and window_from is not null and window_until > window_from)),
      add constraint campaign_inactive check ((trigger_kind = 'INACTIVE') = (inactive_days is not null)),
      add constraint campaign_every check (every is null or trigger_kind = 'SCHEDULE'),
      add constraint campaign_points_budget check (points_spent >= 0 and (budget_points is null or points_spent <= budget_points))`);
    this.addSql("create index campaign_active on wallet.campaign (trigger_kind) where status = 'ACTIVE'");
    this.addSql("create index campaign_multiplier on wallet.campaign (window_until) where action_kind = 'POINTS_MULTIPLIER'");

    this.addSql(`alter table wallet.campaign_member
      add column occasion text not null default '',
      add column reached_at timestamptz,
      add column points_granted bigint check (points_granted > 0)`);
    this.addSql('update wallet.campaign_member g set reached_at = c.ran_at from wallet.campaign c where c.id = g.campaign_id');
    this.addSql('alter table wallet.campaign_member alter column reached_at set not null, alter column occasion drop default');
    this.addSql('alter table wallet.campaign_member drop constraint campaign_member_pkey, add primary key (campaign_id, member_id, occasion)');

    // Points a campaign gave (a grant, or what a multiplier added to a checkout) and took back (a refund of that checkout).
    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS'`;
    this.addSql(`alter table wallet.journal_transaction
      drop constraint journal_transaction_kind, drop constraint journal_transaction_store,
      add column campaign_id uuid references wallet.campaign (id),
      add column campaign_points bigint check (campaign_points > 0),
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_store check ((kind in ('SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS')) = (store_id is null and acquirer_id is null)),
      add constraint journal_transaction_campaign check ((campaign_id is null) = (campaign_points is null) and (kind <> 'CAMPAIGN_POINTS' or campaign_id is not null)
        and (campaign_id is null or kind in ('CHECKOUT', 'REFUND', 'CAMPAIGN_POINTS')))`);
    this.addSql('create index journal_transaction_campaign on wallet.journal_transaction (campaign_id) where campaign_id is not null');
    this.addSql(
      `alter table wallet.journal_entry drop constraint journal_entry_kind, add constraint journal_entry_kind check (transaction_kind in (${kinds}))`,
    );

    this.addSql(`create table wallet.tier_upgrade (
      member_id uuid not null references wallet.wallet (member_id),
      upgraded_at timestamptz not null,
      from_rank int not null,
      to_rank int not null check (to_rank > from_rank),
      primary key (member_id, upgraded_at))`);
    this.addSql('create index tier_upgrade_at on wallet.tier_upgrade (upgraded_at)');
    this.addSql('alter table wallet.programme_tier add column upgrade_gift_coupon_template_id uuid references wallet.coupon_template (id)');
  }
}
