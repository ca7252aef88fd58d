import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Coupons (issue 11, docs/marketing.md "Coupons").
 *
 * A template is owned by a merchant (valid at its stores, funded by it) or by
 * HQ (owner null: valid at the merchants it names, funded by HQ or by named
 * merchants in shares that add up to 10,000 basis points). A coupon is one
 * member's instance; it is used once: redemptions less restorations (a full
 * refund gives it back) is 0 or 1, held here whatever the code does. The
 * template's count of coupons issued never passes its budget.
 *
 * In the journal a redemption is a second pair of fen lines in the checkout:
 * Dr COUPON_FUNDED (each funder's share; HQ's names no merchant) and
 * Cr COUPON_DISCOUNT (the store's merchant). Settlement reads them for the
 * reimbursements. Points exchanged for a coupon in the rewards catalogue
 * (POINTS_EXCHANGE) are burned at the template's owner (POINTS_BURNED, settled
 * as points redeemed there) or, for HQ's templates, go back to HQ
 * (POINTS_EXCHANGED).
 */
export class Migration20261202000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.coupon_template (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      name text not null check (length(name) between 1 and 60),
      description text not null check (length(description) <= 500),
      kind text not null check (kind in ('AMOUNT_OFF', 'PERCENT_OFF', 'GIFT')),
      amount_off bigint check (amount_off > 0),
      min_order bigint not null check (min_order >= 0),
      percent_off int check (percent_off between 1 and 99),
      max_discount bigint check (max_discount > 0),
      gift_value bigint check (gift_value > 0),
      valid_from timestamptz,
      valid_until timestamptz,
      valid_days int check (valid_days between 1 and 3660),
      budget int not null check (budget between 1 and 100000000),
      issued int not null default 0,
      per_member_limit int not null check (per_member_limit between 1 and 1000),
      points_price bigint check (points_price between 1 and 1000000000),
      created_at timestamptz not null,
      check (issued between 0 and budget),
      check ((kind = 'AMOUNT_OFF') = (amount_off is not null)),
      check ((kind = 'PERCENT_OFF') = (percent_off is not null and max_discount is not null)),
      check (kind = 'PERCENT_OFF' or (percent_off is null and max_discount is null)),
      check ((kind = 'GIFT') = (gift_value is not null)),
      check ((valid_until is null) <> (valid_days is null)),
      check (valid_days is null or valid_from is null),
      check (valid_from is null or valid_until is null or valid_from < valid_until))`);
    this.addSql(`create table wallet.coupon_acceptor (
      template_id uuid not null references wallet.coupon_template (id),
      merchant_id uuid not null references wallet.merchant (id),
      primary key (template_id, merchant_id))`);
    this.addSql('create index coupon_acceptor_merchant on wallet.coupon_acceptor (merchant_id)');
    this.addSql(`create table wallet.coupon_funder (
      template_id uuid not null references wallet.coupon_template (id),
      position int not null check (position between 1 and 20),
      merchant_id uuid references wallet.merchant (id),
      share_bps int not null check (share_bps between 1 and 10000),
      primary key (template_id, position),
      unique nulls not distinct (template_id, merchant_id))`);
    // The shares of each template add up to the whole, checked when the transaction that wrote them commits.
    this.addSql(`create function wallet.check_coupon_shares() returns trigger language plpgsql as $$
      declare total bigint;
      begin
        select sum(share_bps) into total from wallet.coupon_funder where template_id = new.template_id;
        if total is distinct from 10000 then
          raise exception 'coupon template % is funded % basis points, not 10000', new.template_id, total using errcode = 'check_violation';
        end if;
        return null;
      end $$`);
    this.addSql(`create constraint trigger coupon_funder_shares after insert or update or delete on wallet.coupon_funder
      deferrable initially deferred for each row execute function wallet.check_coupon_shares()`);

    this.addSql(`create table wallet.coupon (
      id uuid primary key,
      template_id uuid not null references wallet.coupon_template (id),
      member_id uuid not null references wallet.wallet (member_id),
      source text not null check (source in ('ISSUED', 'EXCHANGE', 'CAMPAIGN', 'TIER_GIFT')),
      issued_at timestamptz not null,
      valid_from timestamptz not null,
      valid_until timestamptz not null,
      redemptions int not null default 0,
      restorations int not null default 0,
      check (valid_from < valid_until),
      check (restorations >= 0 and redemptions - restorations between 0 and 1))`);
    this.addSql('create index coupon_member on wallet.coupon (member_id, template_id)');
    this.addSql('create index coupon_template_members on wallet.coupon (template_id, member_id)');

    // An issuance request (IssueCoupons), for its idempotency: the same key and input answer with the first result.
    this.addSql(`create table wallet.coupon_issue (
      client_id text not null,
      idempotency_key text not null,
      request_hash text not null,
      template_id uuid not null references wallet.coupon_template (id),
      issued int not null check (issued >= 0),
      skipped int not null check (skipped >= 0),
      issued_at timestamptz not null,
      primary key (client_id, idempotency_key))`);

    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE'`;
    const pointsAccounts = `'MEMBER_POINTS', 'POINTS_EARNED', 'POINTS_BURNED', 'POINTS_GRANTED', 'POINTS_EXPIRED', 'POINTS_EXCHANGED'`;
    const hqPointsAccounts = `'MEMBER_POINTS', 'POINTS_GRANTED', 'POINTS_EXPIRED', 'POINTS_EXCHANGED'`;

    this.addSql(dropChecks('wallet.journal_transaction', 'kind'));
    this.addSql(`alter table wallet.journal_transaction
      add column coupon_id uuid references wallet.coupon (id),
      add column coupon_discount bigint check (coupon_discount > 0),
      add column coupon_restored boolean,
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_store check ((kind in ('SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE', 'POINTS_EXCHANGE')) = (store_id is null and acquirer_id is null)),
      add constraint journal_transaction_top_up check ((kind = 'TOP_UP') = (principal is not null)),
      add constraint journal_transaction_order check ((kind in ('CHECKOUT', 'REFUND')) = (order_amount is not null)),
      add constraint journal_transaction_checkout check (kind <> 'CHECKOUT' or (points_value is not null and amount + points_value + coalesce(coupon_discount, 0) <= order_amount and points_used is not null and points_earned is not null)),
      add constraint journal_transaction_refund check ((kind = 'REFUND') = (refund_of is not null and points_restored is not null and points_taken_back is not null and coupon_restored is not null)),
      add constraint journal_transaction_coupon check ((coupon_discount is null or kind = 'CHECKOUT') and (kind <> 'CHECKOUT' or (coupon_id is null) = (coupon_discount is null))
        and (kind = 'POINTS_EXCHANGE') = (coupon_id is not null and coupon_discount is null)),
      add constraint journal_transaction_sign_in check ((kind = 'SIGN_IN') = (sign_in_day is not null)),
      add constraint journal_transaction_plan check ((kind = 'PLAN_PURCHASE') = (plan_code is not null and plan_price is not null and payment_ref is not null and plan_valid_until is not null))`);
    // A refund before this migration gave back no coupon (there were none).
    this.addSql(`update wallet.journal_transaction set coupon_restored = false where kind = 'REFUND' and coupon_restored is null`);
    this.addSql('create index journal_transaction_coupon on wallet.journal_transaction (coupon_id) where coupon_id is not null');

    this.addSql(dropChecks('wallet.journal_entry', 'kind|account'));
    this.addSql(`alter table wallet.journal_entry
      add constraint journal_entry_kind check (transaction_kind in (${kinds})),
      add constraint journal_entry_account check (account in ('STORED_VALUE', 'ISSUER_CASH', 'ISSUER_BONUS', 'ACQUIRER_SALES', 'COUPON_FUNDED', 'COUPON_DISCOUNT', ${pointsAccounts})),
      add constraint journal_entry_asset check ((asset = 'POINTS') = (account in (${pointsAccounts}))),
      add constraint journal_entry_merchant check ((merchant_id is null) = (account in (${hqPointsAccounts}))
        or (account = 'COUPON_FUNDED' and merchant_id is null)),
      add constraint journal_entry_lot check ((account = 'STORED_VALUE') = (lot_id is not null)),
      add constraint journal_entry_points_lot check (account = 'MEMBER_POINTS' or points_lot_id is null),
      add constraint journal_entry_points_rate check ((account in ('POINTS_EARNED', 'POINTS_BURNED')) = (points_rate is not null))`);

    // Coupon reimbursements in the monthly run (docs/marketing.md "Coupons").
    this.addSql(`alter table wallet.settlement_run add column coupon_discounts_funded_by_hq bigint not null default 0`);
    this.addSql(`alter table wallet.settlement_statement
      add column coupon_credit bigint not null default 0,
      add column coupon_cost bigint not null default 0`);
  }
}
