import { Migration } from '@mikro-orm/migrations';

/**
 * Member data rights (个人信息保护法): HQ erases a member's identity on
 * request. The member row stays (its id is what the ledger's pseudonymous
 * entries point at), without name, phone or birthday; the database holds
 * that an erased member has none of them and a living one has a name.
 */
export class Migration20261125000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table member.member add column erased_at timestamptz');
    this.addSql('alter table member.member alter column name drop not null, alter column phone drop not null');
    this.addSql('alter table member.member drop constraint member_name_check');
    this.addSql(`alter table member.member add constraint member_identity_or_erased check (
      (erased_at is null and name is not null and length(name) between 1 and 60 and phone is not null)
      or (erased_at is not null and name is null and phone is null and birthday is null))`);
  }
}
