import { Migration } from '@mikro-orm/migrations';
import { memberSessionEndSql } from '../../lib/member-sessions.js';

/** When each member's sessions last ended (erasure, a lost card, HQ's freeze): lib/member-sessions.ts, issue 21. */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    for (const sql of memberSessionEndSql('member')) this.addSql(sql);
  }
}
