import { Migration } from '@mikro-orm/migrations';

/**
 * What follows a movement reads only the rule tags and active campaigns that
 * can concern the member (marketing/follow-up/after-movement.ts, issue 21): by owner, through
 * these indexes, however many other merchants configure. (Rule tags are
 * found by their owner through the (owner_id, name) unique index already.)
 *
 * And each caller's analytical request running now, one at a time
 * (marketing/analytics/analytical-guard.ts).
 */
export class Migration20261202000800 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index wallet.campaign_active');
    this.addSql("create index campaign_active on wallet.campaign (trigger_kind, owner_id) where status = 'ACTIVE'");
    this.addSql('create table wallet.analytical_run (caller text primary key, request_id text not null, started_at timestamptz not null)');
  }
}
