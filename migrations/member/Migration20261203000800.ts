import { Migration } from '@mikro-orm/migrations';

/**
 * Referrals (docs/tasks.md "Referrals"): every member's code, 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (no 0, 1,
 * I or O to misread), stable and unique; and who invited a member, set once, at registration. Members registered before
 * are given codes here, drawn again until no two share one.
 */
export class Migration20261203000800 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table member.member add column referral_code text, add column invited_by uuid references member.member (id)');
    this.addSql(`do $$ begin
      loop
        update member.member m set referral_code = (
          select string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + floor(random() * 32)::int, 1), '') from generate_series(1, 8) where m.id is not null)
        where m.referral_code is null or m.referral_code in (select referral_code from member.member group by referral_code having count(*) > 1);
        exit when not exists (select 1 from member.member group by referral_code having count(*) > 1);
      end loop;
    end $$`);
    this.addSql(`alter table member.member alter column referral_code set not null,
      add constraint member_referral_code check (referral_code ~ '^[2-9A-HJ-NP-Z]{8}$')`);
    this.addSql('create unique index member_referral_code on member.member (referral_code)');
    this.addSql('create index member_invited_by on member.member (invited_by) where invited_by is not null');
  }
}
