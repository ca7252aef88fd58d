import { Migration } from '@mikro-orm/migrations';
import { rateLimitTableSql } from '../../lib/rate-limits.js';

/** Rate-limit counters and lock-outs, held in the database so they hold across replicas (lib/rate-limits.ts). */
export class Migration20261124000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(rateLimitTableSql('merchant'));
  }
}
