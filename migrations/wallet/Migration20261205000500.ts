import { Migration } from '@mikro-orm/migrations';

/**
 * Analytics computed by a job and read by requests (issue 25; marketing/analytics/analytics-snapshot.ts): a snapshot
 * per scope (the coalition, or a merchant's id) and range of days asked for, with the figures the job worked out as
 * JSON (amounts as tagged strings, never JSON numbers), the instant they hold for, and when they were last read (the
 * hourly job computes again those read in the last week, and drops those nobody read for a month). `figures` is null
 * between a first request and the job's first computation.
 */
export class Migration20261205000500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.analytics_snapshot (
      scope text not null,
      from_day date not null,
      to_day date not null check (to_day >= from_day),
      requested_at timestamptz not null,
      read_at timestamptz not null,
      figures jsonb,
      as_of timestamptz,
      computed_at timestamptz,
      primary key (scope, from_day, to_day),
      constraint analytics_snapshot_computed check ((figures is null) = (as_of is null) and (figures is null) = (computed_at is null)))`);
    this.addSql('create index analytics_snapshot_read on wallet.analytics_snapshot (read_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table wallet.analytics_snapshot');
  }
}
