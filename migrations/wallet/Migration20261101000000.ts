import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '../../lib/outbox.js';

export class Migration20261101000000 extends Migration {
  override async up(): Promise<void> {
    // Directories of other subgraphs' facts, filled from their events.
    this.addSql(`create table wallet.merchant (id uuid primary key, kind text not null check (kind in ('BRAND', 'ALLY')))`);
    this.addSql('create table wallet.store (id uuid primary key, merchant_id uuid not null)');
    this.addSql('create table wallet.membership (member_id uuid not null, merchant_id uuid not null, primary key (member_id, merchant_id))');

    // Terms are versioned: the ones in force when a transaction happens apply to it.
    this.addSql(`create table wallet.settlement_terms (
      merchant_id uuid not null,
      effective_from timestamptz not null,
      can_issue boolean not null,
      can_accept boolean not null,
      commission_bps int not null check (commission_bps between 0 and 10000),
      primary key (merchant_id, effective_from))`);

    this.addSql(`create table wallet.wallet (
      member_id uuid primary key,
      status text not null default 'ACTIVE' check (status in ('ACTIVE', 'FROZEN')),
      balance bigint not null default 0 check (balance >= 0),
      created_at timestamptz not null)`);

    this.addSql(`create table wallet.journal_transaction (
      id uuid primary key,
      kind text not null check (kind in ('TOP_UP', 'CHECKOUT', 'REFUND')),
      member_id uuid not null references wallet.wallet (member_id),
      store_id uuid not null,
      acquirer_id uuid not null,
      occurred_at timestamptz not null,
      amount bigint not null check (amount >= 0),
      principal bigint check (principal > 0),
      bonus bigint check (bonus >= 0),
      order_amount bigint check (order_amount > 0),
      amount_due bigint check (amount_due >= 0),
      order_ref text,
      refund_of uuid references wallet.journal_transaction (id),
      commission_bps int check (commission_bps between 0 and 10000),
      balance_after bigint not null check (balance_after >= 0),
      client_id text not null,
      idempotency_key text not null,
      request_hash text not null,
      unique (client_id, idempotency_key),
      check ((kind = 'TOP_UP') = (principal is not null)),
      check ((kind = 'CHECKOUT') = (order_amount is not null and amount <= order_amount)),
      check ((kind = 'REFUND') = (refund_of is not null)))`);
    this.addSql('create index journal_transaction_member on wallet.journal_transaction (member_id, occurred_at desc, id desc)');
    this.addSql('create index journal_transaction_refund_of on wallet.journal_transaction (refund_of) where refund_of is not null');

    this.addSql(`create table wallet.issuer_lot (
      id bigserial primary key,
      member_id uuid not null references wallet.wallet (member_id),
      issuer_id uuid not null,
      top_up_id uuid not null references wallet.journal_transaction (id) deferrable initially deferred, -- the lot is written before its top-up entries, which point at it
      created_at timestamptz not null,
      principal bigint not null check (principal > 0),
      bonus bigint not null check (bonus >= 0),
      remaining bigint not null,
      check (remaining >= 0 and remaining <= principal + bonus))`);
    this.addSql('create index issuer_lot_spendable on wallet.issuer_lot (member_id, created_at, id) where remaining > 0');

    // Debits positive, credits negative; each transaction's entries sum to zero.
    // Kind, acquirer and commission rate are copied from the transaction so settlement reads entries alone.
    this.addSql(`create table wallet.journal_entry (
      id bigserial primary key,
      transaction_id uuid not null references wallet.journal_transaction (id),
      transaction_kind text not null check (transaction_kind in ('TOP_UP', 'CHECKOUT', 'REFUND')),
      account text not null check (account in ('STORED_VALUE', 'ISSUER_CASH', 'ISSUER_BONUS', 'ACQUIRER_SALES')),
      merchant_id uuid not null,
      member_id uuid not null,
      lot_id bigint references wallet.issuer_lot (id),
      amount bigint not null check (amount <> 0),
      occurred_at timestamptz not null,
      acquirer_id uuid not null,
      commission_bps int,
      check ((account = 'STORED_VALUE') = (lot_id is not null)))`);
    this.addSql('create index journal_entry_transaction on wallet.journal_entry (transaction_id)');
    this.addSql('create index journal_entry_period on wallet.journal_entry (occurred_at, account)');
    this.addSql('create index journal_entry_lot on wallet.journal_entry (lot_id) where lot_id is not null');

    this.addSql(`create table wallet.pay_code (
      code_hash text primary key,
      member_id uuid not null references wallet.wallet (member_id),
      issued_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz)`);
    this.addSql('create index pay_code_expiry on wallet.pay_code (expires_at)');

    this.addSql(`create table wallet.settlement_run (
      id uuid primary key,
      period text not null unique check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text not null check (status in ('DRAFT', 'FINALIZED')),
      time_zone text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      computed_at timestamptz not null,
      finalized_at timestamptz,
      cross_redemptions bigint not null,
      commission bigint not null,
      top_ups bigint not null,
      bonus_granted bigint not null)`);
    this.addSql(`create table wallet.settlement_statement (
      run_id uuid not null references wallet.settlement_run (id) on delete cascade,
      merchant_id uuid not null,
      top_ups bigint not null,
      bonus_granted bigint not null,
      redeemed_own_value bigint not null,
      acquired_from_others bigint not null,
      redeemed_elsewhere bigint not null,
      commission bigint not null,
      net bigint not null,
      outstanding_float bigint not null,
      primary key (run_id, merchant_id))`);
    this.addSql(`create table wallet.settlement_position (
      run_id uuid not null references wallet.settlement_run (id) on delete cascade,
      acquirer_id uuid not null,
      issuer_id uuid not null,
      amount bigint not null,
      commission bigint not null,
      primary key (run_id, acquirer_id, issuer_id),
      check (acquirer_id <> issuer_id))`);

    for (const sql of outboxTablesSql('wallet')) this.addSql(sql);
  }
}
