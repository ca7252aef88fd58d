import { Migration } from '@mikro-orm/migrations';
import { sessionEndSql } from '../../lib/session-end.js';

/**
 * A freeze says who set it (issue 21): the member, HQ, or the member's
 * erasure, each its own instant, and the wallet is FROZEN while any stands.
 * `status` becomes a column PostgreSQL computes from them, so it cannot
 * disagree with the freezes behind it, and lifting one freeze leaves the
 * others standing (a member lifting its own freeze no longer lifts HQ's).
 *
 * A wallet frozen before this migration does not say by whom: it is taken as
 * HQ's, which only HQ may lift, the reading that lets nobody spend what HQ
 * may have frozen. Who may set and lift each kind is in
 * subgraphs/wallet/ledger/accounts/freeze.ts.
 *
 * And when each member's sessions last ended (lib/session-end.ts).
 */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.wallet add column frozen_by_member_at timestamptz, add column frozen_by_hq_at timestamptz,
      add column frozen_by_erasure_at timestamptz`);
    this.addSql("update wallet.wallet set frozen_by_hq_at = now() where status = 'FROZEN'");
    this.addSql('alter table wallet.wallet drop column status');
    this.addSql(`alter table wallet.wallet add column status text not null generated always as (
      case when frozen_by_member_at is null and frozen_by_hq_at is null and frozen_by_erasure_at is null then 'ACTIVE' else 'FROZEN' end) stored`);
    for (const sql of sessionEndSql('wallet')) this.addSql(sql);
  }
}
