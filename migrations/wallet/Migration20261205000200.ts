import { Migration } from '@mikro-orm/migrations';

/**
 * RFM computed beside the requests (issue 25): a job writes each scope's pyramid and every member's segment as of an
 * instant, and requests and campaign audiences read the latest, never recomputing it (marketing/analytics/rfm.ts).
 *
 * A refresh is one transaction: its rows appear together, readers see the previous refresh until it commits, and the
 * previous refresh's rows go in the same transaction. The coalition is the scope whose merchant is null; a merchant
 * with no purchase in the window has no row (its pyramid is empty as of the refresh). The member rows have no foreign
 * key: a refresh writes a million or more of them and deletes them with their refresh. Their one index is the key a
 * campaign's audience reads by (a scope's members, or one member after its purchase); a refresh writes its rows in the
 * key's order, which costs a third of what the same rows in any order do (bench/README.md, issue 25).
 */
export class Migration20261205000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.rfm_refresh (
      id bigint generated always as identity primary key,
      as_of timestamptz not null,
      window_days int not null check (window_days > 0),
      computed_at timestamptz not null default clock_timestamp())`);
    this.addSql(`create table wallet.rfm_scope (
      refresh_id bigint not null references wallet.rfm_refresh (id),
      merchant_id uuid,
      members bigint not null check (members > 0),
      sum_recency bigint not null check (sum_recency >= 0),
      sum_frequency bigint not null check (sum_frequency >= members),
      sum_monetary bigint not null,
      constraint rfm_scope_key unique nulls not distinct (refresh_id, merchant_id))`);
    this.addSql(`create table wallet.rfm_segment (
      refresh_id bigint not null references wallet.rfm_refresh (id),
      merchant_id uuid,
      r boolean not null,
      f boolean not null,
      m boolean not null,
      members bigint not null check (members > 0),
      constraint rfm_segment_key unique nulls not distinct (refresh_id, merchant_id, r, f, m))`);
    this.addSql(`create table wallet.rfm_member (
      refresh_id bigint not null,
      merchant_id uuid,
      member_id uuid not null,
      r boolean not null,
      f boolean not null,
      m boolean not null,
      constraint rfm_member_key unique nulls not distinct (refresh_id, merchant_id, member_id))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table wallet.rfm_member, wallet.rfm_segment, wallet.rfm_scope, wallet.rfm_refresh');
  }
}
