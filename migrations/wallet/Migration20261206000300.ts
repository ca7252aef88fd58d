import { Migration } from '@mikro-orm/migrations';

/**
 * An archived month's key rows leave with it, unless something still refers to them (docs/operations.md "Archiving a
 * month"). The key table holds one row per transaction for what is unique across months and for what refers to a
 * transaction; kept for every month archived, it grew for ever. After a month is archived and its tables dropped,
 * `wallet.drop_archived_journal_keys` deletes its key rows that no foreign key refers to (an issuer lot still open
 * refers to its top-up, a task completion to its checkout), a batch at a time. What they held is in the month's archive:
 * the transaction rows carry the same columns. An idempotency key is therefore honoured for the five years its month is
 * kept, not for ever.
 *
 * The key table stays append-only otherwise: its trigger lets a row be deleted only when its month is archived.
 */
export class Migration20261206000300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function wallet.refuse_key_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and exists (select 1 from wallet.journal_month m
                                         where m.archived_at is not null and old.occurred_at >= m.starts_at and old.occurred_at < m.ends_at) then
          return old;
        end if;
        raise exception '% on %.% is not allowed: the journal is append-only', tg_op, tg_table_schema, tg_table_name
          using errcode = 'integrity_constraint_violation';
      end $$`);
    this.addSql('drop trigger journal_transaction_key_append_only on wallet.journal_transaction_key');
    this.addSql(`create trigger journal_transaction_key_append_only before delete or update on wallet.journal_transaction_key
      for each row execute function wallet.refuse_key_change()`);

    // Deleting a key row checks each foreign key into it, and without an index on the referring column that check reads
    // the whole table, for every row deleted: a month of millions of top-ups against every issuer lot. Each referring
    // column leads an index (journal-months.test holds it for later tables too); these had none.
    this.addSql(`do $$
      declare r record;
      begin
        for r in select c.conrelid::regclass as tbl, c.conrelid, a.attname, a.attnotnull from pg_constraint c
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                  where c.contype = 'f' and c.confrelid = 'wallet.journal_transaction_key'::regclass
                    and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]) loop
          execute format('create index %I on %s (%I)%s', split_part(r.tbl::text, '.', 2) || '_' || r.attname || '_ref', r.tbl, r.attname,
            case when r.attnotnull then '' else format(' where %I is not null', r.attname) end);
        end loop;
      end $$`);

    // Every foreign key into the key table, read from the catalogue when it runs, so that a table a later migration adds
    // is seen. Each is one column (the transaction's id), and indexed: a deleted key row is checked against each.
    this.addSql(`create function wallet.drop_archived_journal_keys(p_month date, p_limit integer) returns integer language plpgsql as $$
      declare
        m record;
        r record;
        unreferenced text := '';
        dropped integer;
      begin
        select * into m from wallet.journal_month where month = p_month;
        if not found or m.archived_at is null then
          raise exception 'journal month % is not archived', to_char(p_month, 'YYYY-MM') using errcode = 'object_not_in_prerequisite_state';
        end if;
        for r in select c.conrelid::regclass as tbl, a.attname, cardinality(c.conkey) as columns from pg_constraint c
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                  where c.contype = 'f' and c.confrelid = 'wallet.journal_transaction_key'::regclass loop
          if r.columns <> 1 then
            raise exception 'a foreign key of % into the key table has % columns', r.tbl, r.columns;
          end if;
          unreferenced := unreferenced || format(' and not exists (select 1 from %s x where x.%I = k.id)', r.tbl, r.attname);
        end loop;
        execute format('delete from wallet.journal_transaction_key where id in (select k.id from wallet.journal_transaction_key k
                          where k.occurred_at >= $1 and k.occurred_at < $2%s limit $3)', unreferenced)
          using m.starts_at, m.ends_at, p_limit;
        get diagnostics dropped = row_count;
        return dropped;
      end $$`);
  }
}
