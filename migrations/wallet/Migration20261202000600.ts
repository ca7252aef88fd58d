import { Migration } from '@mikro-orm/migrations';

/**
 * A coupon's and a campaign member's references are checked once per
 * statement instead of once per row (issue 11's bench: a campaign issuing a
 * coupon to a million members).
 *
 * Each row's foreign keys ran a query of their own and locked the row they
 * found (FOR KEY SHARE, which writes to the wallet's row): for a million
 * coupons, a million lookups and locks of wallets, another million of the
 * template, and as many again for the million campaign members. A
 * statement-level trigger over the statement's transition table checks the
 * same in a few set-based queries. What the foreign keys also did, keeping a
 * referenced row from going away, holds as nothing deletes wallets, coupon
 * templates or campaigns (they are history: erasure freezes a wallet) and
 * now PostgreSQL refuses to; nor does anything change the references of a
 * coupon or a campaign member once written, which it also refuses.
 */
export class Migration20261202000600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.coupon drop constraint coupon_template_id_fkey, drop constraint coupon_member_id_fkey,
      drop constraint coupon_campaign_id_fkey`);
    this.addSql('alter table wallet.campaign_member drop constraint campaign_member_campaign_id_fkey, drop constraint campaign_member_member_id_fkey');
    this.addSql(`create function wallet.check_marketing_references() returns trigger language plpgsql as $$
      begin
        -- A statement's rows name one template and one campaign or a few: those first; then every member, in one anti-join.
        -- Each check is a statement of its own: a campaign member has no template_id to plan a query over.
        if tg_table_name = 'coupon' then
          if exists (select 1 from (select distinct template_id from new_rows) n where not exists (select 1 from wallet.coupon_template t where t.id = n.template_id)) then
            raise exception 'a coupon names a template that does not exist' using errcode = 'foreign_key_violation';
          end if;
        end if;
        if exists (select 1 from (select distinct campaign_id from new_rows where campaign_id is not null) n
                   where not exists (select 1 from wallet.campaign c where c.id = n.campaign_id)) then
          raise exception 'a row of % names a campaign that does not exist', tg_table_name using errcode = 'foreign_key_violation';
        end if;
        if exists (select 1 from new_rows n where not exists (select 1 from wallet.wallet w where w.member_id = n.member_id)) then
          raise exception 'a row of % names a member without a wallet', tg_table_name using errcode = 'foreign_key_violation';
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger coupon_references after insert on wallet.coupon
      referencing new table as new_rows for each statement execute function wallet.check_marketing_references()`);
    this.addSql(`create trigger campaign_member_references after insert on wallet.campaign_member
      referencing new table as new_rows for each statement execute function wallet.check_marketing_references()`);
    this.addSql(`create function wallet.refuse_marketing_change() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are kept as they are: coupons and campaigns refer to them', tg_table_name using errcode = 'integrity_constraint_violation';
      end $$`);
    for (const table of ['wallet', 'coupon_template', 'campaign']) {
      this.addSql(`create trigger ${table}_kept before delete on wallet.${table} for each row execute function wallet.refuse_marketing_change()`);
    }
    this.addSql(`create trigger coupon_references_fixed before update of template_id, member_id, campaign_id on wallet.coupon
      for each row when (old.template_id <> new.template_id or old.member_id <> new.member_id or old.campaign_id is distinct from new.campaign_id)
      execute function wallet.refuse_marketing_change()`);
    this.addSql(`create trigger campaign_member_references_fixed before update of campaign_id, member_id on wallet.campaign_member
      for each row when (old.campaign_id <> new.campaign_id or old.member_id <> new.member_id) execute function wallet.refuse_marketing_change()`);
  }
}
