import { Migration } from '@mikro-orm/migrations';

/**
 * Benefits (权益, docs/benefits.md): what a tier or a paid plan gives its members beyond the points multiplier.
 *
 * A benefit is owned by a merchant (valid at its stores, funded by it) or by HQ (owner null: valid at the merchants it
 * names, funded by HQ or co-funded by named merchants in shares adding up to 10,000 basis points, as coupons are). It
 * names the tier codes and plan codes that carry it. Its kind decides which terms it has, held here whatever the code
 * does: a DISCOUNT its percentage (and optional cap, minimum order), a COUPON_PACK a template of its owner's and a count
 * per occasion, a POINTS_GIFT points per occasion, a SERVICE its uses per month and declared cost per use. Only
 * DISCOUNT and SERVICE have funders (what they give at a till is money someone reimburses); packs settle as the coupons
 * they are, gifts as the points they are.
 *
 * In the journal a member discount is a pair of fen lines in the checkout, like a coupon's: Dr BENEFIT_FUNDED (each
 * funder's share; HQ's names no merchant) and Cr BENEFIT_GIVEN (the store's merchant). Settlement reads them for the
 * reimbursements; a refund reverses each share in proportion.
 */
export class Migration20261203000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.benefit (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      name text not null check (length(name) between 1 and 60),
      description text not null check (length(description) <= 500),
      kind text not null check (kind in ('DISCOUNT', 'COUPON_PACK', 'POINTS_GIFT', 'SERVICE')),
      tiers text[] not null default '{}' check (cardinality(tiers) <= 5),
      plans text[] not null default '{}' check (cardinality(plans) <= 20),
      percent_off int check (percent_off between 1 and 50),
      max_discount bigint check (max_discount > 0),
      min_order bigint check (min_order >= 0),
      coupon_template_id uuid references wallet.coupon_template (id),
      count int check (count between 1 and 100),
      points bigint check (points between 1 and 1000000000),
      occasion text check (occasion in ('MONTHLY', 'BIRTHDAY', 'ANNIVERSARY', 'ON_REACHING')),
      uses_per_month int check (uses_per_month between 1 and 1000),
      cost_per_use bigint check (cost_per_use >= 0),
      monthly_budget bigint check (monthly_budget > 0),
      active boolean not null default true,
      created_at timestamptz not null,
      check ((kind = 'DISCOUNT') = (percent_off is not null and min_order is not null)),
      check (kind = 'DISCOUNT' or max_discount is null),
      check ((kind = 'COUPON_PACK') = (coupon_template_id is not null and count is not null)),
      check ((kind = 'POINTS_GIFT') = (points is not null)),
      check ((kind in ('COUPON_PACK', 'POINTS_GIFT')) = (occasion is not null)),
      check ((kind = 'SERVICE') = (uses_per_month is not null and cost_per_use is not null)))`);
    // The benefits a till or a member's home looks for are those of a tier or a plan: few per coalition, read whole.
    this.addSql('create index benefit_owner on wallet.benefit (owner_id, created_at)');
    this.addSql(`create table wallet.benefit_acceptor (
      benefit_id uuid not null references wallet.benefit (id),
      merchant_id uuid not null references wallet.merchant (id),
      primary key (benefit_id, merchant_id))`);
    this.addSql('create index benefit_acceptor_merchant on wallet.benefit_acceptor (merchant_id)');
    this.addSql(`create table wallet.benefit_funder (
      benefit_id uuid not null references wallet.benefit (id),
      position int not null check (position between 1 and 20),
      merchant_id uuid references wallet.merchant (id),
      share_bps int not null check (share_bps between 1 and 10000),
      primary key (benefit_id, position),
      unique nulls not distinct (benefit_id, merchant_id))`);
    this.addSql('create index benefit_funder_merchant on wallet.benefit_funder (merchant_id)');
    // A DISCOUNT or SERVICE benefit is funded whole, by shares adding up to 10,000; the other kinds have no funders.
    // Checked when the transaction that wrote them commits, from either table.
    this.addSql(`create function wallet.check_benefit_funding(checked uuid) returns void language plpgsql as $$
      declare
        benefit_kind text;
        total bigint;
      begin
        select kind into benefit_kind from wallet.benefit where id = checked;
        select sum(share_bps) into total from wallet.benefit_funder where benefit_id = checked;
        if benefit_kind in ('DISCOUNT', 'SERVICE') and total is distinct from 10000 then
          raise exception 'benefit % is funded % basis points, not 10000', checked, total using errcode = 'check_violation';
        elsif benefit_kind in ('COUPON_PACK', 'POINTS_GIFT') and total is not null then
          raise exception 'benefit % of kind % has funders', checked, benefit_kind using errcode = 'check_violation';
        end if;
      end $$`);
    this.addSql(`create function wallet.check_benefit_funding_of_benefit() returns trigger language plpgsql as $$
      begin perform wallet.check_benefit_funding(new.id); return null; end $$`);
    this.addSql(`create function wallet.check_benefit_funding_of_funder() returns trigger language plpgsql as $$
      begin perform wallet.check_benefit_funding(coalesce(new.benefit_id, old.benefit_id)); return null; end $$`);
    this.addSql(`create constraint trigger benefit_funding after insert or update on wallet.benefit
      deferrable initially deferred for each row execute function wallet.check_benefit_funding_of_benefit()`);
    this.addSql(`create constraint trigger benefit_funder_shares after insert or update or delete on wallet.benefit_funder
      deferrable initially deferred for each row execute function wallet.check_benefit_funding_of_funder()`);

    // The member discount of a checkout (and, on a refund, what it gave back of it), with the benefit that gave it.
    this.addSql(`alter table wallet.journal_transaction
      drop constraint journal_transaction_checkout,
      add column benefit_id uuid references wallet.benefit (id),
      add column member_discount bigint check (member_discount > 0),
      add constraint journal_transaction_checkout check (kind <> 'CHECKOUT' or (points_value is not null
        and amount + points_value + coalesce(coupon_discount, 0) + coalesce(member_discount, 0) <= order_amount
        and points_used is not null and points_earned is not null)),
      add constraint journal_transaction_member_discount check ((member_discount is null or kind in ('CHECKOUT', 'REFUND'))
        and (kind <> 'CHECKOUT' or (benefit_id is null) = (member_discount is null)))`);
    this.addSql('create index journal_transaction_benefit on wallet.journal_transaction (benefit_id, occurred_at) where benefit_id is not null');

    this.addSql(`alter table wallet.journal_entry drop constraint journal_entry_account, drop constraint journal_entry_merchant,
      add constraint journal_entry_account check (account in ('STORED_VALUE', 'ISSUER_CASH', 'ISSUER_BONUS', 'ACQUIRER_SALES',
        'COUPON_FUNDED', 'COUPON_DISCOUNT', 'BENEFIT_FUNDED', 'BENEFIT_GIVEN',
        'MEMBER_POINTS', 'POINTS_EARNED', 'POINTS_BURNED', 'POINTS_GRANTED', 'POINTS_EXPIRED', 'POINTS_EXCHANGED')),
      add constraint journal_entry_merchant check ((merchant_id is null) = (account in ('MEMBER_POINTS', 'POINTS_GRANTED', 'POINTS_EXPIRED', 'POINTS_EXCHANGED'))
        or (account in ('COUPON_FUNDED', 'BENEFIT_FUNDED') and merchant_id is null))`);

    // Benefit reimbursements in the monthly run.
    this.addSql('alter table wallet.settlement_run add column benefit_costs_funded_by_hq bigint not null default 0');
    this.addSql(`alter table wallet.settlement_statement
      add column benefit_credit bigint not null default 0,
      add column benefit_cost bigint not null default 0`);
  }
}
