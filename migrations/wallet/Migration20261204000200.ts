import { Migration } from '@mikro-orm/migrations';

/**
 * A pack grant's references are checked once per statement instead of once per row (issue 24's bench: the monthly
 * pack job over a million members), as a coupon's and a campaign member's already are (Migration20261202000600).
 *
 * In the plan of one range of the job (20,000 members), the foreign keys of `benefit_grant` (its benefit, its member's
 * wallet, its points gift's transaction) and of `coupon.benefit_id` were 40% of the statement: each row ran a lookup of
 * its own and locked the row it found. A statement-level trigger over the statement's transition table checks the same
 * in a few set-based queries. What the keys also did, keeping a referenced row from going away, holds: wallets and
 * benefits are never deleted (a benefit is retired) and PostgreSQL now refuses it, the journal is append-only; nor does
 * anything change a grant's benefit, member or occasion, or a coupon's benefit, once written, which it also refuses.
 * A points gift's grant is written before its movement and then names it (points-gifts.ts): updates are checked too.
 */
export class Migration20261204000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.benefit_grant drop constraint benefit_grant_benefit_id_fkey, drop constraint benefit_grant_member_id_fkey,
      drop constraint benefit_grant_transaction_id_fkey`);
    this.addSql('alter table wallet.coupon drop constraint coupon_benefit_id_fkey');
    this.addSql(`create or replace function wallet.check_marketing_references() returns trigger language plpgsql as $$
      begin
        -- A statement's rows name one template, one benefit, one campaign or a few: those first; then every member, in one
        -- anti-join. Each check is a statement of its own: each table has only some of these columns to plan a query over.
        if tg_table_name = 'coupon' then
          if exists (select 1 from (select distinct template_id from new_rows) n where not exists (select 1 from wallet.coupon_template t where t.id = n.template_id)) then
            raise exception 'a coupon names a template that does not exist' using errcode = 'foreign_key_violation';
          end if;
        end if;
        if tg_table_name in ('coupon', 'benefit_grant') then
          if exists (select 1 from (select distinct benefit_id from new_rows where benefit_id is not null) n
                     where not exists (select 1 from wallet.benefit b where b.id = n.benefit_id)) then
            raise exception 'a row of % names a benefit that does not exist', tg_table_name using errcode = 'foreign_key_violation';
          end if;
        end if;
        if tg_table_name = 'benefit_grant' then
          if exists (select 1 from new_rows n where n.transaction_id is not null
                     and not exists (select 1 from wallet.journal_transaction t where t.id = n.transaction_id)) then
            raise exception 'a benefit grant names a transaction that does not exist' using errcode = 'foreign_key_violation';
          end if;
        end if;
        if tg_table_name in ('coupon', 'campaign_member') then
          if exists (select 1 from (select distinct campaign_id from new_rows where campaign_id is not null) n
                     where not exists (select 1 from wallet.campaign c where c.id = n.campaign_id)) then
            raise exception 'a row of % names a campaign that does not exist', tg_table_name using errcode = 'foreign_key_violation';
          end if;
        end if;
        -- An update changes no member (the triggers that refuse it run first).
        if tg_op = 'INSERT' then
          if exists (select 1 from new_rows n where not exists (select 1 from wallet.wallet w where w.member_id = n.member_id)) then
            raise exception 'a row of % names a member without a wallet', tg_table_name using errcode = 'foreign_key_violation';
          end if;
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger benefit_grant_references after insert on wallet.benefit_grant
      referencing new table as new_rows for each statement execute function wallet.check_marketing_references()`);
    // Transition tables take no column list: every update of a grant is checked, and only its transaction may change.
    this.addSql(`create trigger benefit_grant_transaction_reference after update on wallet.benefit_grant
      referencing new table as new_rows for each statement execute function wallet.check_marketing_references()`);
    this.addSql(`create trigger benefit_kept before delete on wallet.benefit for each row execute function wallet.refuse_marketing_change()`);
    this.addSql(`create trigger benefit_grant_references_fixed before update of benefit_id, member_id, occasion on wallet.benefit_grant
      for each row when (old.benefit_id <> new.benefit_id or old.member_id <> new.member_id or old.occasion <> new.occasion)
      execute function wallet.refuse_marketing_change()`);
    this.addSql(`create trigger coupon_benefit_fixed before update of benefit_id on wallet.coupon
      for each row when (old.benefit_id is distinct from new.benefit_id) execute function wallet.refuse_marketing_change()`);
  }
}
