import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * A benefit's monthly budget heard by its owner's webhook (docs/benefits.md "Budget"): BENEFIT_BUDGET once at 80% and
 * once at 100% of a month's budget, each notice kept here so that it is sent once whatever reruns.
 */
export class Migration20261203000400 extends Migration {
  override async up(): Promise<void> {
    const events = `'CAMPAIGN_NOTIFICATION', 'TIER_UPGRADED', 'POINTS_EXPIRING', 'COUPON_ISSUED', 'BENEFIT_BUDGET'`;
    this.addSql(dropChecks('wallet.webhook', 'events'));
    this.addSql(`alter table wallet.webhook add constraint webhook_events check (cardinality(events) > 0 and events <@ array[${events}])`);
    this.addSql(dropChecks('wallet.webhook_delivery', 'event'));
    this.addSql(`alter table wallet.webhook_delivery add constraint webhook_delivery_event check (event in (${events}))`);
    this.addSql(`create table wallet.benefit_budget_notice (
      benefit_id uuid not null references wallet.benefit (id),
      month date not null,
      threshold int not null check (threshold in (80, 100)),
      used bigint not null,
      budget bigint not null check (budget > 0),
      noticed_at timestamptz not null,
      primary key (benefit_id, month, threshold))`);
  }
}
