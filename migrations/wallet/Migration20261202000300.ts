import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Webhooks (issue 11): one per owner (a merchant, or HQ: owner null), with
 * the events it wants and the secret its deliveries are signed with. A
 * delivery is written in the transaction of the change it reports (an outbox
 * of its own), and sent until the receiver acknowledges it; its id is the
 * one the receiver deduplicates on, the same on every attempt.
 */
export class Migration20261202000300 extends Migration {
  override async up(): Promise<void> {
    const events = `'CAMPAIGN_NOTIFICATION', 'TIER_UPGRADED', 'POINTS_EXPIRING', 'COUPON_ISSUED'`;
    this.addSql(`create table wallet.webhook (
      owner_id uuid references wallet.merchant (id),
      url text not null check (url ~ '^https{0,1}://' and length(url) <= 2000),
      events text[] not null check (cardinality(events) > 0 and events <@ array[${events}]),
      secret text not null check (length(secret) >= 32),
      updated_at timestamptz not null,
      unique nulls not distinct (owner_id))`);
    this.addSql(`create table wallet.webhook_delivery (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      event text not null check (event in (${events})),
      payload jsonb not null,
      created_at timestamptz not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      delivered_at timestamptz,
      last_status int,
      abandoned_at timestamptz)`);
    this.addSql('create index webhook_delivery_pending on wallet.webhook_delivery (next_attempt_at) where delivered_at is null and abandoned_at is null');
    // A campaign may notify (through its owner's webhook) instead of issuing a coupon.
    this.addSql(dropChecks('wallet.campaign', 'action_kind'));
    this.addSql(`alter table wallet.campaign
      add column message text check (length(message) between 1 and 500),
      add constraint campaign_action check (action_kind in ('ISSUE_COUPON', 'NOTIFY')),
      add constraint campaign_coupon check ((action_kind = 'ISSUE_COUPON') = (coupon_template_id is not null)),
      add constraint campaign_message check ((action_kind = 'NOTIFY') = (message is not null))`);
    // Each points lot is announced as expiring once.
    this.addSql('alter table wallet.points_lot add column expiry_announced_at timestamptz');
  }
}
