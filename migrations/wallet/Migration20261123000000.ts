import { Migration } from '@mikro-orm/migrations';

/**
 * Settlement at scale (bench/README.md):
 * - Settlement groups a month of journal entries by acquirer, merchant, rate,
 *   account and kind. Without a joint distinct-count the planner multiplies
 *   the columns' estimates, expects millions of groups, and sorts on disk in
 *   one process instead of hash-aggregating in parallel.
 * - A run writes a position per acquirer and issuer pair (some 40,000 in a
 *   meshed coalition of 200). The guard keeping finalised runs immutable
 *   looked up the run once per row; it now checks each statement's rows at
 *   once, through transition tables.
 */
export class Migration20261123000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create statistics wallet.journal_entry_settlement_groups (ndistinct) on acquirer_id, merchant_id, commission_bps, account, transaction_kind from wallet.journal_entry',
    );
    this.addSql('analyze wallet.journal_entry');

    this.addSql(`create function wallet.refuse_finalized_rows() returns trigger language plpgsql as $$
      declare touched boolean := false;
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          select exists (select 1 from old_rows o join wallet.settlement_run r on r.id = o.run_id where r.status = 'FINALIZED') into touched;
        end if;
        if not touched and tg_op in ('INSERT', 'UPDATE') then
          select exists (select 1 from new_rows n join wallet.settlement_run r on r.id = n.run_id where r.status = 'FINALIZED') into touched;
        end if;
        if touched then
          raise exception 'settlement run is finalised and immutable' using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$`);
    for (const table of ['settlement_statement', 'settlement_position']) {
      this.addSql(`drop trigger ${table}_immutable on wallet.${table}`);
      // A trigger with transition tables has one event each.
      this.addSql(`create trigger ${table}_immutable_insert after insert on wallet.${table}
        referencing new table as new_rows for each statement execute function wallet.refuse_finalized_rows()`);
      this.addSql(`create trigger ${table}_immutable_update after update on wallet.${table}
        referencing old table as old_rows new table as new_rows for each statement execute function wallet.refuse_finalized_rows()`);
      this.addSql(`create trigger ${table}_immutable_delete after delete on wallet.${table}
        referencing old table as old_rows for each statement execute function wallet.refuse_finalized_rows()`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['settlement_statement', 'settlement_position']) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger ${table}_immutable_${event} on wallet.${table}`);
      this.addSql(`create trigger ${table}_immutable before insert or update or delete on wallet.${table}
        for each row execute function wallet.refuse_finalized_change()`);
    }
    this.addSql('drop function wallet.refuse_finalized_rows()');
    this.addSql('drop statistics wallet.journal_entry_settlement_groups');
  }
}
