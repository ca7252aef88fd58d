import { Migration } from '@mikro-orm/migrations';

/**
 * Tags (issue 11, docs/marketing.md "Tags"): a merchant's (owner its id,
 * seen by it alone) or HQ's (owner null). A manual tag's members are set by
 * hand; a rule tag's follow its rule (marketing/tags/tag-rules.ts), kept current as
 * members move value and rebuilt nightly. The wallet learns, for the rules,
 * where each member registered and the month of its birthday (not the date).
 */
export class Migration20261202000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.wallet
      add column registered_at_merchant_id uuid,
      add column birth_month smallint check (birth_month between 1 and 12)`);
    this.addSql(`update wallet.wallet w set registered_at_merchant_id = (
      select m.merchant_id from wallet.membership m where m.member_id = w.member_id order by m.merchant_id limit 1)`);
    this.addSql(`create table wallet.tag (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      name text not null check (length(name) between 1 and 40),
      kind text not null check (kind in ('MANUAL', 'RULE')),
      rule jsonb,
      created_at timestamptz not null,
      rebuilt_at timestamptz,
      check ((kind = 'RULE') = (rule is not null)),
      unique nulls not distinct (owner_id, name))`);
    this.addSql(`create table wallet.member_tag (
      tag_id uuid not null references wallet.tag (id) on delete cascade,
      member_id uuid not null references wallet.wallet (member_id),
      tagged_at timestamptz not null,
      primary key (tag_id, member_id))`);
    this.addSql('create index member_tag_member on wallet.member_tag (member_id)');
  }
}
