import { Migration } from '@mikro-orm/migrations';
import { AUDIT_LOG_SQL } from '../../lib/audit.js';

/** The hub's append-only audit log (lib/audit.ts). */
export class Migration20261126000000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of AUDIT_LOG_SQL) this.addSql(sql);
  }
}
