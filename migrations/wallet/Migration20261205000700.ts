import { Migration } from '@mikro-orm/migrations';

/**
 * Every movement opens with wallet.open_movement_at now (ledger/journal/transaction.ts movementOpening): a till's in its
 * read at the store, any other in a statement of its own. wallet.open_movement (Migration20261204000100), the same locks
 * without the look for a settled period, has no caller left.
 */
export class Migration20261205000700 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop function wallet.open_movement(text, text, text, integer, integer)');
  }
}
