import { Migration } from '@mikro-orm/migrations';
import { dropChecks } from './drop-checks.js';

/**
 * Points and growth in the ledger (issue 10, docs/programme.md).
 *
 * Points are the journal's second asset. A member holds them in MEMBER_POINTS,
 * in lots per earning year (points_lot) or, after a refund took back points
 * already spent, as a debt (an entry without a lot). Merchants' stores issue
 * them (POINTS_EARNED) and take them in payment (POINTS_BURNED); HQ grants
 * gifts and sign-in points (POINTS_GRANTED) and keeps what expires
 * (POINTS_EXPIRED). Entries of HQ's accounts and of the member's name no
 * merchant.
 *
 * Growth is no asset (it is never spent): each transaction records the growth
 * it changed, and the wallet row the growth of the member's present cycle.
 */
export class Migration20261201000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.points_lot (
      id bigserial primary key,
      member_id uuid not null references wallet.wallet (member_id),
      earning_year int not null check (earning_year between 2000 and 2200),
      expires_at timestamptz not null,
      remaining bigint not null check (remaining >= 0),
      unique (member_id, earning_year))`);
    this.addSql('create index points_lot_expiry on wallet.points_lot (expires_at) where remaining > 0');

    const kinds = `'TOP_UP', 'CHECKOUT', 'REFUND', 'SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE'`;
    const pointsAccounts = `'MEMBER_POINTS', 'POINTS_EARNED', 'POINTS_BURNED', 'POINTS_GRANTED', 'POINTS_EXPIRED'`;

    // Transactions: new kinds; those of no store (sign-in, expiry, a plan bought in the app); points, growth and plans.
    this.addSql(dropChecks('wallet.journal_transaction', 'kind'));
    this.addSql(`alter table wallet.journal_transaction
      alter column store_id drop not null,
      alter column acquirer_id drop not null,
      add column points_used bigint check (points_used >= 0),
      add column points_value bigint check (points_value >= 0),
      add column points_earned bigint check (points_earned >= 0),
      add column points_restored bigint check (points_restored >= 0),
      add column points_taken_back bigint check (points_taken_back >= 0),
      add column points_change bigint not null default 0,
      add column points_after bigint not null default 0,
      add column growth bigint not null default 0,
      add column points_per_yuan int check (points_per_yuan between 0 and 10000),
      add column earn_cost_per_100_points int check (earn_cost_per_100_points between 0 and 100000),
      add column burn_value_per_100_points int check (burn_value_per_100_points between 0 and 100000),
      add column sign_in_day date,
      add column plan_code text references wallet.membership_plan (code),
      add column plan_price bigint check (plan_price > 0),
      add column payment_ref text,
      add column plan_valid_until timestamptz,
      add constraint journal_transaction_kind check (kind in (${kinds})),
      add constraint journal_transaction_store check ((kind in ('SIGN_IN', 'POINTS_EXPIRY', 'PLAN_PURCHASE')) = (store_id is null and acquirer_id is null)),
      add constraint journal_transaction_top_up check ((kind = 'TOP_UP') = (principal is not null)),
      add constraint journal_transaction_order check ((kind in ('CHECKOUT', 'REFUND')) = (order_amount is not null)),
      add constraint journal_transaction_checkout check (kind <> 'CHECKOUT' or (points_value is not null and amount + points_value <= order_amount and points_used is not null and points_earned is not null)),
      add constraint journal_transaction_refund check ((kind = 'REFUND') = (refund_of is not null and points_restored is not null and points_taken_back is not null)),
      add constraint journal_transaction_sign_in check ((kind = 'SIGN_IN') = (sign_in_day is not null)),
      add constraint journal_transaction_plan check ((kind = 'PLAN_PURCHASE') = (plan_code is not null and plan_price is not null and payment_ref is not null and plan_valid_until is not null))`);
    // One sign-in per member per coalition day; one purchase per payment reference.
    this.addSql('create unique index journal_transaction_sign_in on wallet.journal_transaction (member_id, sign_in_day) where sign_in_day is not null');
    this.addSql('create unique index journal_transaction_payment_ref on wallet.journal_transaction (payment_ref) where payment_ref is not null');

    // Entries: the points accounts, each in its asset; a points lot on the member's points (or none: a debt).
    this.addSql(dropChecks('wallet.journal_entry', 'kind|account'));
    this.addSql(`alter table wallet.journal_entry
      alter column merchant_id drop not null,
      alter column acquirer_id drop not null,
      add column points_lot_id bigint references wallet.points_lot (id) deferrable initially deferred,
      add column points_rate int,
      add constraint journal_entry_kind check (transaction_kind in (${kinds})),
      add constraint journal_entry_account check (account in ('STORED_VALUE', 'ISSUER_CASH', 'ISSUER_BONUS', 'ACQUIRER_SALES', ${pointsAccounts})),
      add constraint journal_entry_asset check ((asset = 'POINTS') = (account in (${pointsAccounts}))),
      add constraint journal_entry_merchant check ((merchant_id is null) = (account in ('MEMBER_POINTS', 'POINTS_GRANTED', 'POINTS_EXPIRED'))),
      add constraint journal_entry_lot check ((account = 'STORED_VALUE') = (lot_id is not null)),
      add constraint journal_entry_points_lot check (account = 'MEMBER_POINTS' or points_lot_id is null),
      add constraint journal_entry_points_rate check ((account in ('POINTS_EARNED', 'POINTS_BURNED')) = (points_rate is not null))`);
    this.addSql('create index journal_entry_points_lot on wallet.journal_entry (points_lot_id) where points_lot_id is not null');

    // The member's standing: points (negative while a debt is owed), the present cycle's growth, a paid plan.
    this.addSql(`alter table wallet.wallet
      add column points_balance bigint not null default 0,
      add column cycle_starts_at timestamptz not null default '-infinity',
      add column cycle_growth bigint not null default 0 check (cycle_growth >= 0),
      add column plan_code text references wallet.membership_plan (code),
      add column plan_valid_until timestamptz,
      add constraint wallet_plan check ((plan_code is null) = (plan_valid_until is null))`);

    // Each tier's upgrade gift at most once per member per cycle.
    this.addSql(`create table wallet.tier_gift (
      member_id uuid not null references wallet.wallet (member_id),
      cycle_starts_at timestamptz not null,
      rank int not null check (rank between 1 and 4),
      transaction_id uuid not null references wallet.journal_transaction (id) deferrable initially deferred,
      points bigint not null check (points > 0),
      primary key (member_id, cycle_starts_at, rank))`);

    // Points rates per merchant, versioned with the rest of its terms.
    this.addSql(`alter table wallet.settlement_terms
      add column points_per_yuan int not null default 1 check (points_per_yuan between 0 and 10000),
      add column earn_cost_per_100_points int not null default 100 check (earn_cost_per_100_points between 0 and 100000),
      add column burn_value_per_100_points int not null default 100 check (burn_value_per_100_points between 0 and 100000)`);

    // Points in the monthly run ("Points" above).
    this.addSql(`alter table wallet.settlement_run
      add column points_issued bigint not null default 0,
      add column points_redeemed bigint not null default 0,
      add column points_granted bigint not null default 0,
      add column points_expired bigint not null default 0,
      add column points_cost bigint not null default 0,
      add column points_credit bigint not null default 0,
      add column hq_income bigint not null default 0,
      add column points_outstanding bigint not null default 0,
      add column points_liability bigint not null default 0`);
    this.addSql(`alter table wallet.settlement_statement
      add column points_issued bigint not null default 0,
      add column points_cost bigint not null default 0,
      add column points_redeemed bigint not null default 0,
      add column points_credit bigint not null default 0`);
  }
}
