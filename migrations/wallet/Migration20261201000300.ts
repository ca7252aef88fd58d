import { Migration } from '@mikro-orm/migrations';

/**
 * The balance check once per statement instead of once per entry.
 *
 * Until now a deferred constraint trigger summed a transaction's entries at
 * commit once for every entry inserted: four times per checkout with points,
 * and 40,000 times for a batch of the expiry job, each with a plan made when
 * the journal was small. Every writer of the journal (recordMovement, the
 * expiry job) writes a transaction's entries in one statement, so the check
 * now runs after each INSERT statement, over the transactions it touched,
 * through its transition table: one query per movement. It is stricter, not
 * looser: an unbalanced transaction is refused at once rather than at commit,
 * and entries added later to a transaction must balance on their own.
 */
export class Migration20261201000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop trigger journal_entry_balanced on wallet.journal_entry');
    this.addSql(`create or replace function wallet.check_statement_balanced() returns trigger language plpgsql as $$
      declare unbalanced record;
      begin
        select e.transaction_id, e.asset, sum(e.amount) as off into unbalanced
        from wallet.journal_entry e
        where e.transaction_id in (select distinct transaction_id from new_entries)
        group by e.transaction_id, e.asset having sum(e.amount) <> 0 limit 1;
        if found then
          raise exception 'journal transaction % does not balance in % (off by %)', unbalanced.transaction_id, unbalanced.asset, unbalanced.off
            using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger journal_entry_balanced after insert on wallet.journal_entry
      referencing new table as new_entries for each statement execute function wallet.check_statement_balanced()`);
  }
}
