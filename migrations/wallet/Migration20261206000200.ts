import { Migration } from '@mikro-orm/migrations';

/**
 * A member's history, newest first, from the key table (ledger/journal/transaction.ts listTransactions): the page's ids
 * and instants by this index, then their rows from the journal's months that hold them. Read from the journal itself,
 * the history plans every month attached however few it reads (23 ms a page with 93 months, planned afresh).
 */
export class Migration20261206000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index journal_transaction_key_member_history on wallet.journal_transaction_key (member_id, occurred_at desc, id desc)');
  }
}
