import { Migration } from '@mikro-orm/migrations';

/**
 * A campaign's run issues its coupons beside the request, in batches (issue 25; marketing/campaigns/campaigns.ts): the
 * run first chooses whom it reaches and holds out, in one statement as before, and records the run's instant in
 * `running_at`; its coupons then go out a batch of members at a time, each batch its own transaction, so the results
 * are readable while it runs and a run a crash interrupted is finished by the next pass of the job. A run of a NOW or
 * SCHEDULE campaign shows as RUNNING meanwhile; an event campaign's look at the calendar stays ACTIVE.
 */
export class Migration20261205000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.campaign add column running_at timestamptz, drop constraint campaign_status,
      add constraint campaign_status check (status in ('SCHEDULED', 'ACTIVE', 'RUNNING', 'COMPLETED') and (status = 'COMPLETED') = (ran_at is not null)
        and (status <> 'ACTIVE' or trigger_kind not in ('NOW', 'SCHEDULE'))
        and (status <> 'RUNNING' or (trigger_kind in ('NOW', 'SCHEDULE') and running_at is not null))
        and (status <> 'COMPLETED' or running_at is null))`);
    this.addSql('create index campaign_running on wallet.campaign (running_at) where running_at is not null');
  }

  override async down(): Promise<void> {
    this.addSql('drop index wallet.campaign_running');
    this.addSql(`alter table wallet.campaign drop constraint campaign_status, drop column running_at,
      add constraint campaign_status check (status in ('SCHEDULED', 'ACTIVE', 'COMPLETED') and (status = 'COMPLETED') = (ran_at is not null)
        and (status <> 'ACTIVE' or trigger_kind not in ('NOW', 'SCHEDULE')))`);
  }
}
