import { Migration } from '@mikro-orm/migrations';

/** What the referral figures read by time (docs/tasks.md "Analytics"): invitees by registration, conversions taken back. */
export class Migration20261203000900 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index wallet_invited_registered on wallet.wallet (registered_at) where invited_by is not null');
    this.addSql('create index referral_conversion_taken_back_at on wallet.referral_conversion (taken_back_at) where taken_back_at is not null');
  }
}
