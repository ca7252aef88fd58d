import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '../../lib/outbox.js';

export class Migration20261101000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table member.tier (
      code text primary key,
      name text not null,
      rank int not null unique,
      growth_threshold bigint not null check (growth_threshold >= 0))`);
    this.addSql(`insert into member.tier (code, name, rank, growth_threshold) values
      ('NORMAL', '普通', 0, 0), ('SILVER', '银卡', 1, 1000), ('GOLD', '金卡', 2, 5000), ('DIAMOND', '钻石', 3, 20000)`);
    // Directories of other subgraphs' facts, filled from their events (never read across schemas).
    this.addSql('create table member.merchant_directory (merchant_id uuid primary key, kind text not null)');
    this.addSql('create table member.store_directory (store_id uuid primary key, merchant_id uuid not null)');
    this.addSql(`create table member.member (
      id uuid primary key,
      name text not null check (length(name) between 1 and 60),
      phone text not null unique check (phone ~ '^\\+861[3-9][0-9]{9}$'),
      birthday date,
      registered_store_id uuid not null,
      registered_merchant_id uuid not null,
      registered_at timestamptz not null,
      tier_code text not null references member.tier (code) default 'NORMAL',
      growth_value bigint not null default 0 check (growth_value >= 0))`);
    this.addSql(`create table member.card (
      number text primary key check (number ~ '^[0-9]{16}$'),
      member_id uuid not null references member.member (id),
      status text not null check (status in ('ACTIVE', 'FROZEN', 'LOST', 'CLOSED')),
      issued_at timestamptz not null)`);
    // One card in use per member; lost and closed cards stay for history.
    this.addSql(`create unique index card_in_use on member.card (member_id) where status in ('ACTIVE', 'FROZEN')`);
    this.addSql(`create table member.membership (
      member_id uuid not null references member.member (id),
      merchant_id uuid not null,
      joined_at timestamptz not null,
      primary key (member_id, merchant_id))`);
    this.addSql('create index membership_merchant on member.membership (merchant_id)');
    for (const sql of outboxTablesSql('member')) this.addSql(sql);
  }
}
