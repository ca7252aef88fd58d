import { Migration } from '@mikro-orm/migrations';
import { memberSessionEndSql } from '../../lib/member-sessions.js';

/**
 * When each member's sessions last ended (erasure, a lost card, HQ's freeze): lib/member-sessions.ts, issue 21.
 * And who opened the member session an audited change came through, beside the member (null: none).
 */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    for (const sql of memberSessionEndSql('merchant')) this.addSql(sql);
    this.addSql(`alter table merchant.audit_entry add column opened_by_role text, add column opened_by_id text, add column opened_by_merchant_id uuid,
      add constraint audit_entry_opened_by check ((opened_by_role is null) = (opened_by_id is null))`);
  }
}
