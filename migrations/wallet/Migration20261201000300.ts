import { Migration } from '@mikro-orm/migrations';

/**
 * The balance check once per statement instead of once per entry.
 *
 * Until now a deferred constraint trigger summed a transaction's entries at
 * commit once for every entry inserted: four times per checkout with points,
 * and 40,000 times for a batch of the expiry job, each with a plan made when
 * the journal was small. Every writer of the journal (recordMovement, the
 * expiry job) writes a transaction's entries in one statement, so the check
 * now runs after each INSERT statement over the entries it wrote (its
 * transition table), per transaction and asset: one small query per
 * movement, reading nothing else. Each statement's entries balancing per
 * transaction keeps every transaction's sum at zero. It is stricter, not
 * looser: an unbalanced transaction is refused at once rather than at commit,
 * and entries added later to a transaction must balance on their own.
 */
export class Migration20261201000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop trigger journal_entry_balanced on wallet.journal_entry');
    this.addSql(`create or replace function wallet.check_statement_balanced() returns trigger language plpgsql as $$
      declare unbalanced record;
      begin
        -- The statement's own entries, per transaction and asset: no read of the journal, whatever its size.
        select transaction_id, asset, sum(amount) as off into unbalanced
        from new_entries group by transaction_id, asset having sum(amount) <> 0 limit 1;
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
