import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '../../lib/outbox.js';

export class Migration20261101000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table merchant.merchant (
      id uuid primary key,
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('BRAND', 'ALLY')),
      created_at timestamptz not null)`);
    this.addSql(`create table merchant.store (
      id uuid primary key,
      merchant_id uuid not null references merchant.merchant (id),
      name text not null check (length(name) between 1 and 100),
      city text not null check (length(city) between 1 and 60),
      created_at timestamptz not null)`);
    this.addSql('create index store_merchant on merchant.store (merchant_id)');
    this.addSql(`create table merchant.api_client (
      id text primary key,
      kind text not null check (kind in ('HQ', 'MERCHANT', 'TERMINAL')),
      label text not null,
      merchant_id uuid references merchant.merchant (id),
      store_id uuid references merchant.store (id),
      secret_hash text not null,
      created_at timestamptz not null,
      revoked_at timestamptz,
      check ((kind = 'HQ' and merchant_id is null and store_id is null)
          or (kind = 'MERCHANT' and merchant_id is not null and store_id is null)
          or (kind = 'TERMINAL' and merchant_id is not null and store_id is not null)))`);
    for (const sql of outboxTablesSql('merchant')) this.addSql(sql);
  }
}
