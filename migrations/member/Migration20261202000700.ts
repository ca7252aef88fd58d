import { Migration } from '@mikro-orm/migrations';
import { sessionEndSql } from '../../lib/session-end.js';

/** When each member's or API client's sessions last ended (erasure, a lost card, HQ's freeze, a revoked client): lib/session-end.ts, issue 21. */
export class Migration20261202000700 extends Migration {
  override async up(): Promise<void> {
    for (const sql of sessionEndSql('member')) this.addSql(sql);
  }
}
