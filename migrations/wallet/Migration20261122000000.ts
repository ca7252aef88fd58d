import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger's invariants held by PostgreSQL itself, so no code path (or
 * hand-written SQL) can break them:
 * - journal rows are append-only;
 * - each journal transaction's entries sum to zero at commit;
 * - a finalised settlement run and its statements and positions are immutable.
 */
export class Migration20261122000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function wallet.refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '% on %.% is not allowed: the journal is append-only', tg_op, tg_table_schema, tg_table_name
          using errcode = 'integrity_constraint_violation';
      end $$`);
    for (const table of ['journal_transaction', 'journal_entry']) {
      this.addSql(`create trigger ${table}_append_only before update or delete on wallet.${table} for each row execute function wallet.refuse_change()`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on wallet.${table} for each statement execute function wallet.refuse_change()`);
    }

    this.addSql(`create function wallet.check_transaction_balanced() returns trigger language plpgsql as $$
      declare imbalance bigint;
      begin
        select sum(amount) into imbalance from wallet.journal_entry where transaction_id = new.transaction_id;
        if imbalance <> 0 then
          raise exception 'journal transaction % does not balance (off by %)', new.transaction_id, imbalance
            using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$`);
    // Deferred: checked at commit, once every entry of the transaction is in.
    this.addSql(`create constraint trigger journal_entry_balanced after insert on wallet.journal_entry
      deferrable initially deferred for each row execute function wallet.check_transaction_balanced()`);

    this.addSql(`create function wallet.refuse_finalized_change() returns trigger language plpgsql as $$
      declare run_status text;
      begin
        if tg_table_name = 'settlement_run' then
          run_status := old.status;
        else
          select status into run_status from wallet.settlement_run where id = coalesce(old.run_id, new.run_id);
        end if;
        if run_status = 'FINALIZED' then
          raise exception 'settlement run is finalised and immutable' using errcode = 'integrity_constraint_violation';
        end if;
        return coalesce(new, old);
      end $$`);
    this.addSql(`create trigger settlement_run_immutable before update or delete on wallet.settlement_run
      for each row execute function wallet.refuse_finalized_change()`);
    for (const table of ['settlement_statement', 'settlement_position']) {
      this.addSql(`create trigger ${table}_immutable before insert or update or delete on wallet.${table}
        for each row execute function wallet.refuse_finalized_change()`);
    }
  }
}
