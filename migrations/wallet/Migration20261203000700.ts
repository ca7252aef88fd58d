import { Migration } from '@mikro-orm/migrations';

/**
 * What a benefit's usage and a tier's benefit cost need (docs/benefits.md "Usage and cost"):
 * - the tier each movement started at (journal_transaction.tier_rank; null on the movements written before it, which
 *   count at the member's tier now), so a use counts at the member's tier at its instant;
 * - the tiers members dropped at a cycle's end (tier_drop, as tier_upgrade keeps the upgrades), so the members
 *   entitled to a benefit in a month are those whose tier carried it at any time in it;
 * - the movement of each points gift (benefit_grant.transaction_id), for the tier it was given at.
 */
export class Migration20261203000700 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table wallet.journal_transaction add column tier_rank smallint check (tier_rank >= 0)');
    this.addSql(`create table wallet.tier_drop (
      member_id uuid not null references wallet.wallet (member_id),
      dropped_at timestamptz not null,
      from_rank smallint not null,
      to_rank smallint not null check (to_rank < from_rank),
      primary key (member_id, dropped_at))`);
    this.addSql('create index tier_drop_at on wallet.tier_drop (dropped_at)');
    this.addSql('alter table wallet.benefit_grant add column transaction_id uuid references wallet.journal_transaction (id)');
    this.addSql('create index coupon_benefit on wallet.coupon (benefit_id) where benefit_id is not null');
  }
}
