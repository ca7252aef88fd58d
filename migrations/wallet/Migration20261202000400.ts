import { Migration } from '@mikro-orm/migrations';

/**
 * Analytics (issue 11): when a member joined each merchant (penetration and
 * growth per merchant), and indexes for the figures read over a date range.
 * Memberships from before this migration take their wallet's opening.
 */
export class Migration20261202000400 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table wallet.membership add column joined_at timestamptz');
    this.addSql('update wallet.membership m set joined_at = w.created_at from wallet.wallet w where w.member_id = m.member_id');
    this.addSql("update wallet.membership set joined_at = '-infinity' where joined_at is null");
    this.addSql('alter table wallet.membership alter column joined_at set not null');
    this.addSql('create index membership_merchant on wallet.membership (merchant_id, joined_at)');
    this.addSql('create index wallet_created on wallet.wallet (created_at)');
    this.addSql(
      "create index journal_transaction_purchases on wallet.journal_transaction (occurred_at) include (member_id, acquirer_id, amount, amount_due) where kind = 'CHECKOUT'",
    );
  }
}
