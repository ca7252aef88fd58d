import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Coupon packs granted on their occasions (docs/benefits.md "Packs and gifts"): each grant is one row per benefit,
 * member and occasion, so an occasion is granted at most once whatever reruns or races; it keeps what it gave and its
 * face value, which the benefit's monthly budget counts. A pack's coupons name their benefit (source BENEFIT).
 */
export class Migration20261203000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.benefit_grant (
      benefit_id uuid not null references wallet.benefit (id),
      member_id uuid not null references wallet.wallet (member_id),
      occasion text not null check (length(occasion) between 1 and 100),
      month date not null,
      granted_at timestamptz not null,
      coupons int not null check (coupons >= 0),
      value bigint not null check (value >= 0),
      primary key (benefit_id, member_id, occasion))`);
    this.addSql('create index benefit_grant_month on wallet.benefit_grant (benefit_id, month)');
    this.addSql(dropChecks('wallet.coupon', 'source'));
    this.addSql(`alter table wallet.coupon
      add column benefit_id uuid references wallet.benefit (id),
      add constraint coupon_source check (source in ('ISSUED', 'EXCHANGE', 'CAMPAIGN', 'TIER_GIFT', 'BENEFIT')),
      add constraint coupon_benefit check ((source = 'BENEFIT') = (benefit_id is not null))`);
  }
}
