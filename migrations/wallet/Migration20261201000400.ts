import { Migration } from '@mikro-orm/migrations';

/**
 * A settlement position's run is checked once per statement instead of once
 * per row.
 *
 * A month of a coalition of 200 merchants has some 40,000 positions (every
 * acquirer with every issuer), and the foreign key from a position to its run
 * checked each of them with a query of its own: 340 ms of a 1M-entry run,
 * more than the rest of writing them (bench/README.md). The statement-level
 * trigger that already keeps a finalised run immutable now also refuses a
 * position whose run does not exist, over the statement's transition table;
 * and deleting a run deletes its positions, as the foreign key's cascade did.
 * A statement keeps its foreign key: there are 200 of them.
 */
export class Migration20261201000400 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table wallet.settlement_position drop constraint settlement_position_run_id_fkey');
    this.addSql(`create or replace function wallet.refuse_finalized_rows() returns trigger language plpgsql as $$
      declare touched boolean := false;
      declare orphaned boolean := false;
      begin
        -- A statement's rows belong to one run or a few: their distinct runs first, then those few rows of settlement_run.
        if tg_op in ('UPDATE', 'DELETE') then
          select coalesce(bool_or(r.status = 'FINALIZED'), false) into touched
          from (select distinct run_id from old_rows) o join wallet.settlement_run r on r.id = o.run_id;
        end if;
        if not touched and tg_op in ('INSERT', 'UPDATE') then
          -- What the position's foreign key did as well: a row belongs to a run that exists.
          select coalesce(bool_or(r.status = 'FINALIZED'), false), coalesce(bool_or(r.id is null), false) into touched, orphaned
          from (select distinct run_id from new_rows) n left join wallet.settlement_run r on r.id = n.run_id;
        end if;
        if orphaned then
          raise exception 'a row of % names a settlement run that does not exist', tg_table_name using errcode = 'foreign_key_violation';
        end if;
        if touched then
          raise exception 'settlement run is finalised and immutable' using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$`);
    this.addSql(`create function wallet.delete_run_positions() returns trigger language plpgsql as $$
      begin
        delete from wallet.settlement_position where run_id = old.id;
        return old;
      end $$`);
    // Before the run goes, so that the immutability check above still sees its status; a finalised run refuses deletion anyway.
    this.addSql(`create trigger settlement_run_positions_cascade before delete on wallet.settlement_run
      for each row execute function wallet.delete_run_positions()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger settlement_run_positions_cascade on wallet.settlement_run');
    this.addSql('drop function wallet.delete_run_positions()');
    this.addSql(`alter table wallet.settlement_position add constraint settlement_position_run_id_fkey
      foreign key (run_id) references wallet.settlement_run(id) on delete cascade`);
  }
}
