import { Migration } from '@mikro-orm/migrations';

/**
 * A member's marketing consent (docs/marketing.md "Consents"): given at registration or
 * in the app, withdrawn any time, and when it last changed. No campaign may
 * reach a member without it; members registered before today have not given
 * it.
 */
export class Migration20261201000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table member.member
      add column marketing_consent boolean not null default false,
      add column marketing_consent_updated_at timestamptz`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table member.member drop column marketing_consent, drop column marketing_consent_updated_at');
  }
}
