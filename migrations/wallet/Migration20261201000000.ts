import { Migration } from '@mikro-orm/migrations';

/**
 * A second asset in the journal (issue 10): entries count either fen of
 * stored value or whole points, and every transaction balances in each
 * asset on its own. Each account belongs to one asset (ACCOUNT_ASSET in
 * subgraphs/wallet/ledger/journal/transaction.ts, checked here too).
 */
export class Migration20261201000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.journal_entry add column asset text not null default 'FEN' check (asset in ('FEN', 'POINTS'))`);
    this.addSql(`create or replace function wallet.check_transaction_balanced() returns trigger language plpgsql as $$
      declare unbalanced record;
      begin
        select asset, sum(amount) as off into unbalanced from wallet.journal_entry
        where transaction_id = new.transaction_id group by asset having sum(amount) <> 0 limit 1;
        if found then
          raise exception 'journal transaction % does not balance in % (off by %)', new.transaction_id, unbalanced.asset, unbalanced.off
            using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$`);
  }
}
