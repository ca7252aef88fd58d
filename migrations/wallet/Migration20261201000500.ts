import { Migration } from '@mikro-orm/migrations';

/**
 * What the wallet knows of a member's marketing consent, from the member
 * subgraph's events (the member subgraph keeps the consent itself): the
 * campaigns the wallet will run reach only members who gave it. The instant
 * of the change it last applied, so that a late event never overwrites a
 * newer one.
 */
export class Migration20261201000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.wallet
      add column marketing_consent boolean not null default false,
      add column marketing_consent_at timestamptz`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table wallet.wallet drop column marketing_consent, drop column marketing_consent_at');
  }
}
