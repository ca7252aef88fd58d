import { Migration } from '@mikro-orm/migrations';

/**
 * A service benefit used at a till (docs/benefits.md "Services"): one BENEFIT_USE journal transaction per use, at the
 * store, naming the benefit; its cost per use (a benefit's terms never change) is reimbursed to the store's merchant by
 * the benefit's funders as a member discount is: Dr BENEFIT_FUNDED (each share), Cr BENEFIT_GIVEN (the store's
 * merchant). A member's uses of a benefit in a month are counted beside them, under the member's lock, and held to
 * the benefit's uses per month by a CHECK.
 */
export class Migration20261203000300 extends Migration {
  override async up(): Promise<void> {
    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE', 'CAMPAIGN_POINTS', 'BENEFIT_USE'`;
    this.addSql(`alter table wallet.journal_transaction
      drop constraint journal_transaction_kind, drop constraint journal_transaction_member_discount,
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_member_discount check ((member_discount is null or kind in ('CHECKOUT', 'REFUND'))
        and (kind <> 'CHECKOUT' or (benefit_id is null) = (member_discount is null))
        and (kind <> 'BENEFIT_USE' or (benefit_id is not null and amount = 0)))`);
    this.addSql(
      `alter table wallet.journal_entry drop constraint journal_entry_kind, add constraint journal_entry_kind check (transaction_kind in (${kinds}))`,
    );
    this.addSql("create index journal_transaction_benefit_use on wallet.journal_transaction (member_id, benefit_id, occurred_at) where kind = 'BENEFIT_USE'");
    // A member's uses of a service in a month (its first day, in the coalition time zone), counted by each use in its
    // movement: PostgreSQL itself refuses a use past the month's quota, whatever the code counted.
    this.addSql(`create table wallet.benefit_use_month (
      member_id uuid not null references wallet.wallet (member_id),
      benefit_id uuid not null references wallet.benefit (id),
      month date not null,
      uses int not null check (uses >= 1),
      allowed int not null check (allowed >= 1),
      primary key (member_id, benefit_id, month),
      check (uses <= allowed))`);
  }
}
