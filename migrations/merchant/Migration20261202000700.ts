import { Migration } from '@mikro-orm/migrations';
import { sessionEndSql } from '../../lib/session-end.js';

/**
 * When each member's or API client's sessions last ended (erasure, a lost card, HQ's freeze, a revoked client): lib/session-end.ts, issue 21.
 * And who opened the member session an audited change came through, beside the member (null: none).
 */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    for (const sql of sessionEndSql('merchant')) this.addSql(sql);
    this.addSql(`alter table merchant.audit_entry add column opened_by_role text, add column opened_by_id text, add column opened_by_merchant_id uuid,
      add constraint audit_entry_opened_by check ((opened_by_role is null) = (opened_by_id is null))`);
  }
}
