import { Migration } from '@mikro-orm/migrations';

/**
 * Points gifts (docs/benefits.md "Packs and gifts"): each grant of a POINTS_GIFT benefit is one BENEFIT_POINTS journal
 * transaction naming the benefit, funded by its owner as campaign points are (HQ's from POINTS_GRANTED, a merchant's as
 * points it issues at its earning cost); its occasion's benefit_grant row keeps the points given (0 when a month's
 * budget left no room: a gift is all or nothing) beside their burn value, which counts against the budget.
 */
export class Migration20261203000600 extends Migration {
  override async up(): Promise<void> {
    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS', 'BENEFIT_USE', 'BENEFIT_POINTS'`;
    this.addSql(`alter table wallet.journal_transaction
      drop constraint journal_transaction_kind, drop constraint journal_transaction_store,
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_store check ((kind in ('SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS', 'BENEFIT_POINTS'))
        = (store_id is null and acquirer_id is null)),
      add constraint journal_transaction_benefit_points check (kind <> 'BENEFIT_POINTS' or (benefit_id is not null and amount = 0 and points_change > 0))`);
    this.addSql(
      `alter table wallet.journal_entry drop constraint journal_entry_kind, add constraint journal_entry_kind check (transaction_kind in (${kinds}))`,
    );
    this.addSql('alter table wallet.benefit_grant add column points bigint not null default 0 check (points >= 0)');
  }
}
