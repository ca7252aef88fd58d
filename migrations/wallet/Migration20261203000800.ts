import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Tasks (任务), badges (勋章) and referrals (邀请有礼), docs/tasks.md:
 * - badges, coalition-wide by code, and the members holding them (once each, with the instant); a tier may name one,
 *   given on first reaching it;
 * - tasks, owned by HQ (owner_id null) or a merchant, and their completions: at most one live completion per member per
 *   window (a streak: per day it completed on), held by a unique index; a full refund of the completing checkout takes
 *   a completion back (taken_back_by), and its rewards with it;
 * - referrals: who invited a member and when it registered (from the member subgraph's event), the programme's
 *   referral rules, and each conversion (at most one live per invitee);
 * - three movements: TASK_REWARD and REFERRAL_REWARD (points funded as campaign points are, growth), and
 *   REWARD_TAKEN_BACK (a full refund undoing them); none happens at a store;
 * - a coupon given as a task's reward can be voided by that take-back (voided_at), if unused.
 */
export class Migration20261203000800 extends Migration {
  override async up(): Promise<void> {
    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS', 'BENEFIT_USE', 'BENEFIT_POINTS',
      'TASK_REWARD', 'REFERRAL_REWARD', 'REWARD_TAKEN_BACK'`;
    this.addSql(`alter table wallet.journal_transaction
      drop constraint journal_transaction_kind, drop constraint journal_transaction_store,
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_store check ((kind in ('SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS', 'BENEFIT_POINTS',
        'TASK_REWARD', 'REFERRAL_REWARD', 'REWARD_TAKEN_BACK')) = (store_id is null and acquirer_id is null)),
      add constraint journal_transaction_reward check (kind not in ('TASK_REWARD', 'REFERRAL_REWARD', 'REWARD_TAKEN_BACK') or amount = 0)`);
    this.addSql(
      `alter table wallet.journal_entry drop constraint journal_entry_kind, add constraint journal_entry_kind check (transaction_kind in (${kinds}))`,
    );

    // TASK_COMPLETED: a task of the owner's completed by a member.
    const events = `'CAMPAIGN_NOTIFICATION', 'TIER_UPGRADED', 'POINTS_EXPIRING', 'COUPON_ISSUED', 'BENEFIT_BUDGET', 'TASK_COMPLETED'`;
    this.addSql(dropChecks('wallet.webhook', 'events'));
    this.addSql(`alter table wallet.webhook add constraint webhook_events check (cardinality(events) > 0 and events <@ array[${events}])`);
    this.addSql(dropChecks('wallet.webhook_delivery', 'event'));
    this.addSql(`alter table wallet.webhook_delivery add constraint webhook_delivery_event check (event in (${events}))`);

    this.addSql(`create table wallet.badge (
      code text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
      name text not null,
      description text not null default '',
      created_at timestamptz not null)`);
    this.addSql(`create table wallet.member_badge (
      member_id uuid not null references wallet.wallet (member_id),
      badge_code text not null references wallet.badge (code),
      awarded_at timestamptz not null,
      primary key (member_id, badge_code))`);
    this.addSql('alter table wallet.programme_tier add column badge_code text references wallet.badge (code)');

    this.addSql(`create table wallet.task (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      name text not null,
      kind text not null check (kind in ('SIGN_IN_STREAK', 'PURCHASES', 'SPEND', 'NEW_MERCHANTS', 'REFERRALS')),
      goal int check (goal between 1 and 1000),
      goal_amount bigint check (goal_amount > 0),
      min_paid bigint not null default 0 check (min_paid >= 0),
      time_window text not null check (time_window in ('ONCE', 'MONTH', 'CYCLE')),
      active_from timestamptz not null,
      active_until timestamptz,
      active boolean not null default true,
      reward_growth int not null default 0 check (reward_growth >= 0),
      reward_points bigint not null default 0 check (reward_points >= 0),
      reward_badge_code text references wallet.badge (code),
      reward_coupon_template_id uuid references wallet.coupon_template (id),
      created_at timestamptz not null,
      check ((kind = 'SPEND') = (goal is null and goal_amount is not null)),
      check (kind <> 'NEW_MERCHANTS' or owner_id is null),
      check (active_until is null or active_until > active_from))`);
    this.addSql('create index task_owner on wallet.task (owner_id, created_at)');

    this.addSql(`create table wallet.task_completion (
      id uuid primary key,
      task_id uuid not null references wallet.task (id),
      member_id uuid not null references wallet.wallet (member_id),
      window_starts_at timestamptz not null,
      -- '' for a task complete once per window; a streak's local day, as it completes each time it reaches its goal
      occasion text not null,
      completed_at timestamptz not null,
      event_transaction_id uuid not null references wallet.journal_transaction (id),
      reward_transaction_id uuid references wallet.journal_transaction (id),
      points bigint not null check (points >= 0),
      growth bigint not null check (growth >= 0),
      badge_code text references wallet.badge (code),
      coupon_id uuid references wallet.coupon (id),
      -- the full refund that took it back, the movement that took its points and growth back, and whether its coupon was voided
      taken_back_by uuid references wallet.journal_transaction (id),
      taken_back_at timestamptz,
      take_back_transaction_id uuid references wallet.journal_transaction (id),
      coupon_voided boolean not null default false)`);
    this.addSql(
      'create unique index task_completion_once on wallet.task_completion (task_id, member_id, window_starts_at, occasion) where taken_back_by is null',
    );
    this.addSql('create index task_completion_member on wallet.task_completion (member_id, task_id)');
    this.addSql('create index task_completion_event on wallet.task_completion (event_transaction_id)');
    this.addSql('create index task_completion_task on wallet.task_completion (task_id, completed_at)');
    this.addSql('create index task_completion_at on wallet.task_completion (completed_at)');
    this.addSql('create index task_completion_taken_back_at on wallet.task_completion (taken_back_at) where taken_back_at is not null');
    this.addSql('create index task_completion_taken_back_by on wallet.task_completion (taken_back_by) where taken_back_by is not null');

    this.addSql('alter table wallet.coupon add column voided_at timestamptz');
    this.addSql(`alter table wallet.coupon drop constraint coupon_source,
      add constraint coupon_source check (source in ('ISSUED', 'EXCHANGE', 'CAMPAIGN', 'TIER_GIFT', 'BENEFIT', 'TASK'))`);

    // Referrals: the invitation as the member subgraph recorded it at registration, and the programme's rules.
    this.addSql('alter table wallet.wallet add column invited_by uuid, add column registered_at timestamptz');
    this.addSql('create index wallet_invited_by on wallet.wallet (invited_by) where invited_by is not null');
    this.addSql(`alter table wallet.programme
      add column referral_inviter_points bigint not null default 200 check (referral_inviter_points >= 0),
      add column referral_invitee_points bigint not null default 100 check (referral_invitee_points >= 0),
      add column referral_min_first_purchase bigint not null default 3000 check (referral_min_first_purchase >= 0),
      add column referral_window_days int not null default 30 check (referral_window_days between 1 and 365),
      add column referral_monthly_cap int not null default 10 check (referral_monthly_cap >= 0)`);
    this.addSql(`create table wallet.referral_conversion (
      id uuid primary key,
      invitee_id uuid not null references wallet.wallet (member_id),
      inviter_id uuid not null references wallet.wallet (member_id),
      checkout_id uuid not null references wallet.journal_transaction (id),
      acquirer_id uuid not null,
      converted_at timestamptz not null,
      -- whether the inviter was rewarded (false beyond its monthly cap) and the two rewards' movements
      inviter_rewarded boolean not null,
      inviter_points bigint not null check (inviter_points >= 0),
      invitee_points bigint not null check (invitee_points >= 0),
      inviter_transaction_id uuid references wallet.journal_transaction (id),
      invitee_transaction_id uuid references wallet.journal_transaction (id),
      taken_back_by uuid references wallet.journal_transaction (id),
      taken_back_at timestamptz,
      inviter_take_back_transaction_id uuid references wallet.journal_transaction (id),
      invitee_take_back_transaction_id uuid references wallet.journal_transaction (id))`);
    this.addSql('create unique index referral_conversion_once on wallet.referral_conversion (invitee_id) where taken_back_by is null');
    this.addSql('create index referral_conversion_inviter on wallet.referral_conversion (inviter_id, converted_at)');
    this.addSql('create index referral_conversion_checkout on wallet.referral_conversion (checkout_id)');
    this.addSql('create index referral_conversion_at on wallet.referral_conversion (converted_at)');
    this.addSql('create index referral_conversion_taken_back on wallet.referral_conversion (taken_back_by) where taken_back_by is not null');
  }
}
