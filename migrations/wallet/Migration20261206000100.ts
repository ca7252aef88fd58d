import { Migration } from '@mikro-orm/migrations';
import { COALITION_TIME_ZONE } from '../../lib/time-zone.js';
import { JOURNAL_REFERENCES, referenceCheck } from './journal-references.js';

/**
 * The journal partitioned by month (issue 26; docs/operations.md "The journal's months"). Journal transactions and their
 * entries are range-partitioned by `occurred_at`, one partition a month in the coalition's time zone, so that a month's
 * settlement, expiry and analytics read only its months, and a month older than the five years records are kept can be
 * detached and archived whole.
 *
 * A partitioned table's unique keys must hold its partition key, so what must be unique across months moves to a narrow
 * table of its own, `journal_transaction_key`, one row per transaction: the id (which the lots, gifts, task completions
 * and referral conversions refer to, now through it), the client's idempotency key (where a movement's opening finds a
 * request seen before), a member's sign-in day and a plan's payment reference. The movement writes it in its one
 * statement; the journal's references trigger checks that each transaction has its key row, with its instant and its
 * member, and that each entry has its transaction in the same instant (so in the same month).
 *
 * `wallet.journal_month` lists the months made (and, later, archived); `wallet.make_journal_partitions` makes the months
 * missing from one instant's through another's, as the owner (SECURITY DEFINER: the app role creates nothing else), called at the
 * wallet's start, by a daily job three months ahead, and by a movement that met an instant without its month.
 * Existing rows are copied into the new tables (on a journal of production size, a maintenance window's work; see
 * docs/operations.md).
 */
/**
 * The journal's references as Migration20261205000100 checks them, but for two: a refund's checkout is found in the key
 * table, and an entry's transaction is checked at its instant (below, beside the key row's check), each one index lookup
 * where a lookup by id alone would try every month.
 */
const PARTITIONED_REFERENCES = {
  journal_transaction: JOURNAL_REFERENCES.journal_transaction.map((r) => (r.column === 'refund_of' ? { ...r, table: 'journal_transaction_key' } : r)),
  journal_entry: JOURNAL_REFERENCES.journal_entry.filter((r) => r.column !== 'transaction_id'),
};

/**
 * Redefines a function with one piece of its body replaced, as written by an earlier migration; refuses if the piece is
 * not there (the function is not what this migration was written against). The pieces hold no quote.
 */
const replaceInFunction = (fn: string, from: string, to: string) => `do $$
      declare
        def text := pg_get_functiondef('${fn}'::regproc);
      begin
        if position('${from}' in def) = 0 then
          raise exception '${fn} does not hold the text Migration20261206000100 replaces';
        end if;
        execute replace(def, '${from}', '${to}');
      end $$`;

export class Migration20261206000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.journal_transaction_key (
      id uuid primary key,
      occurred_at timestamptz not null,
      member_id uuid not null,
      client_id text not null,
      idempotency_key text not null,
      request_hash text not null,
      sign_in_day date,
      payment_ref text,
      -- A refund's checkout and the order amount it returned: whether a checkout was refunded in full is asked of every
      -- purchase a task or a referral counts, and a lookup by refund_of in the journal would try every month.
      refund_of uuid,
      refunded_order_amount bigint check ((refund_of is null) = (refunded_order_amount is null)),
      constraint journal_transaction_key_idempotency unique (client_id, idempotency_key))`);
    this.addSql('create unique index journal_transaction_key_sign_in on wallet.journal_transaction_key (member_id, sign_in_day) where sign_in_day is not null');
    this.addSql('create unique index journal_transaction_key_payment_ref on wallet.journal_transaction_key (payment_ref) where payment_ref is not null');
    this.addSql(
      'create index journal_transaction_key_refund_of on wallet.journal_transaction_key (refund_of) include (refunded_order_amount) where refund_of is not null',
    );
    this.addSql(`insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash, sign_in_day, payment_ref,
        refund_of, refunded_order_amount)
      select id, occurred_at, member_id, client_id, idempotency_key, request_hash, sign_in_day, payment_ref, refund_of,
        case when refund_of is not null then order_amount end from wallet.journal_transaction`);
    this.addSql(
      'create trigger journal_transaction_key_append_only before delete or update on wallet.journal_transaction_key for each row execute function wallet.refuse_change()',
    );
    this.addSql(
      'create trigger journal_transaction_key_no_truncate before truncate on wallet.journal_transaction_key for each statement execute function wallet.refuse_change()',
    );

    // What referred to a transaction refers to its key row now, with the same deferral.
    this.addSql(`do $$
      declare r record;
      begin
        for r in select conrelid::regclass as tbl, conname, pg_get_constraintdef(oid) as def from pg_constraint
                 where contype = 'f' and confrelid = 'wallet.journal_transaction'::regclass loop
          execute format('alter table %s drop constraint %I', r.tbl, r.conname);
          execute format('alter table %s add constraint %I %s', r.tbl, r.conname,
            replace(r.def, 'REFERENCES wallet.journal_transaction(id)', 'REFERENCES wallet.journal_transaction_key(id)'));
        end loop;
      end $$`);

    // The unpartitioned tables step aside, their indexes renamed so that the new tables' take their names.
    for (const table of ['journal_transaction', 'journal_entry']) {
      this.addSql(`alter table wallet.${table} rename to ${table}_unpartitioned`);
      this.addSql(`do $$
        declare r record;
        begin
          for r in select c.conname from pg_constraint c where c.conrelid = 'wallet.${table}_unpartitioned'::regclass and c.contype in ('p', 'u') loop
            execute format('alter table wallet.${table}_unpartitioned rename constraint %I to %I', r.conname, r.conname || '_unpartitioned');
          end loop;
          for r in select i.indexrelid::regclass::text as name from pg_index i
                   where i.indrelid = 'wallet.${table}_unpartitioned'::regclass
                     and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) loop
            execute format('alter index %s rename to %I', r.name, split_part(r.name, '.', 2) || '_unpartitioned');
          end loop;
        end $$`);
      this.addSql(`create table wallet.${table} (like wallet.${table}_unpartitioned including defaults including constraints including storage)
        partition by range (occurred_at)`);
    }
    this.addSql('alter sequence wallet.journal_entry_id_seq owned by none');

    this.addSql('alter table wallet.journal_transaction add primary key (id, occurred_at)');
    this.addSql('create index journal_transaction_member on wallet.journal_transaction (member_id, occurred_at desc, id desc)');
    this.addSql('create index journal_transaction_refund_of on wallet.journal_transaction (refund_of) where refund_of is not null');
    this.addSql('create index journal_transaction_coupon on wallet.journal_transaction (coupon_id) where coupon_id is not null');
    this.addSql(`create index journal_transaction_purchases on wallet.journal_transaction (occurred_at)
      include (member_id, acquirer_id, amount, amount_due) where kind = 'CHECKOUT'`);
    this.addSql('create index journal_transaction_campaign on wallet.journal_transaction (campaign_id) where campaign_id is not null');
    this.addSql('create index journal_transaction_benefit on wallet.journal_transaction (benefit_id, occurred_at) where benefit_id is not null');
    this.addSql(`create index journal_transaction_benefit_use on wallet.journal_transaction (member_id, benefit_id, occurred_at) where kind = 'BENEFIT_USE'`);
    this.addSql('alter table wallet.journal_entry add primary key (id, occurred_at)');
    this.addSql('create index journal_entry_transaction on wallet.journal_entry (transaction_id)');
    this.addSql('create index journal_entry_period on wallet.journal_entry (occurred_at, account)');
    this.addSql('create index journal_entry_lot on wallet.journal_entry (lot_id) where lot_id is not null');
    this.addSql('create index journal_entry_points_lot on wallet.journal_entry (points_lot_id) where points_lot_id is not null');

    for (const table of ['journal_transaction', 'journal_entry']) {
      // Row triggers on the parent are made on each partition too; a truncate trigger is made per partition below.
      this.addSql(`create trigger ${table}_append_only before delete or update on wallet.${table} for each row execute function wallet.refuse_change()`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on wallet.${table} for each statement execute function wallet.refuse_change()`);
      this.addSql(`create trigger ${table}_references after insert on wallet.${table}
        referencing new table as new_rows for each statement execute function wallet.check_journal_references()`);
    }
    this.addSql(`create trigger journal_entry_balanced after insert on wallet.journal_entry
      referencing new table as new_entries for each statement execute function wallet.check_statement_balanced()`);

    // The references now read the key table: one index lookup, where a lookup by id alone would try every month.
    this.addSql(`create or replace function wallet.check_journal_references() returns trigger language plpgsql as $$
      begin
        -- Each check is a statement of its own over the statement's rows: a movement's one or two, a bulk range's 20,000 to
        -- 60,000. An entry's transaction may be written by the same statement (a movement writes both at once): an AFTER
        -- trigger sees it.
        if tg_table_name = 'journal_transaction' then
          if exists (select 1 from new_rows n where not exists (select 1 from wallet.journal_transaction_key k
                     where k.id = n.id and k.occurred_at = n.occurred_at and k.member_id = n.member_id
                       and k.client_id = n.client_id and k.idempotency_key = n.idempotency_key and k.refund_of is not distinct from n.refund_of
                       and k.refunded_order_amount is not distinct from case when n.refund_of is not null then n.order_amount end)) then
            raise exception 'a journal transaction has no key row of its instant, member and idempotency key' using errcode = 'foreign_key_violation';
          end if;
          ${PARTITIONED_REFERENCES.journal_transaction.map(referenceCheck).join('\n          ')}
        else
          -- The entry's transaction, in the entry's instant: both rows are in one month's partitions.
          if exists (select 1 from (select distinct transaction_id, occurred_at from new_rows) n where not exists (select 1 from wallet.journal_transaction r
                     where r.id = n.transaction_id and r.occurred_at = n.occurred_at)) then
            raise exception 'a journal entry names a transaction that does not exist at its instant' using errcode = 'foreign_key_violation';
          end if;
          ${PARTITIONED_REFERENCES.journal_entry.map(referenceCheck).join('\n          ')}
        end if;
        return null;
      end $$`);
    // A benefit grant's transaction, and a movement's opening the request seen before, through the key table too.
    this.addSql(
      replaceInFunction(
        'wallet.check_marketing_references',
        'select 1 from wallet.journal_transaction t where t.id = n.transaction_id',
        'select 1 from wallet.journal_transaction_key t where t.id = n.transaction_id',
      ),
    );
    this.addSql(
      replaceInFunction('wallet.open_movement_at', 'into prior from wallet.journal_transaction t', 'into prior from wallet.journal_transaction_key t'),
    );

    this.addSql(`create table wallet.journal_month (
      month date primary key check (extract(day from month) = 1),
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      made_at timestamptz not null default now(),
      archived_at timestamptz)`);
    this.addSql(`create function wallet.create_journal_months(p_from timestamptz, p_through timestamptz, p_time_zone text) returns integer
      language plpgsql set search_path = pg_catalog, wallet as $$
      declare
        made integer := 0;
        first_month date;
        last_month date;
        m date;
        starts timestamptz;
        ends timestamptz;
        t text;
      begin
        if p_through < p_from then
          raise exception 'create_journal_months: % is before %', p_through, p_from using errcode = 'invalid_parameter_value';
        end if;
        -- p_from's month through p_through's. Months a clock passed while nothing ran are not made: nothing moves in them
        -- afterwards (a movement's instant is its hub's now). Never at or before an archived month.
        first_month := date_trunc('month', p_from at time zone p_time_zone)::date;
        last_month := date_trunc('month', p_through at time zone p_time_zone)::date;
        select greatest(first_month, coalesce((select max(month) + interval '1 month' from wallet.journal_month where archived_at is not null), first_month))::date
          into first_month;
        m := first_month;
        while m <= last_month loop
          if not exists (select 1 from wallet.journal_month where month = m) then
            starts := m::timestamp at time zone p_time_zone;
            ends := (m + interval '1 month')::timestamp at time zone p_time_zone;
            foreach t in array array['journal_transaction', 'journal_entry'] loop
              execute format('create table wallet.%I partition of wallet.%I for values from (%L) to (%L)', t || to_char(m, '_YYYY_MM'), t, starts, ends);
              execute format('create trigger %I before truncate on wallet.%I for each statement execute function wallet.refuse_change()',
                t || '_no_truncate', t || to_char(m, '_YYYY_MM'));
              -- Known empty: a partition never analysed is planned as ten pages of rows, and thirty of them as a journal
              -- worth a parallel scan (about 50 ms of starting workers for a statement that reads nothing).
              execute format('analyze wallet.%I', t || to_char(m, '_YYYY_MM'));
            end loop;
            insert into wallet.journal_month (month, starts_at, ends_at) values (m, starts, ends);
            made := made + 1;
          end if;
          m := (m + interval '1 month')::date;
        end loop;
        return made;
      end $$`);
    // The maker the hub calls, as the owner: under the lock of a replica's preparing of the schema (lib/database.ts
    // prepareSchema, under this key), since its grants and new partitions change the same catalogue rows, and two such
    // changes at once fail ("tuple concurrently updated"); one maker at a time. The migration below, run under that lock's
    // holder, calls create_journal_months itself.
    this.addSql(`create function wallet.make_journal_partitions(p_from timestamptz, p_through timestamptz, p_time_zone text) returns integer
      language plpgsql security definer set search_path = pg_catalog, wallet as $$
      begin
        perform pg_advisory_xact_lock(hashtext('unicard.prepare.wallet'));
        return wallet.create_journal_months(p_from, p_through, p_time_zone);
      end $$`);
    this.addSql('revoke execute on function wallet.create_journal_months(timestamptz, timestamptz, text) from public');
    this.addSql('revoke execute on function wallet.make_journal_partitions(timestamptz, timestamptz, text) from public');

    // Archiving a month (docs/operations.md "Archiving a month"): its partitions detached, once its records are older than
    // the five years prepaid-card rules keep them, the months before it archived first and its settlement finalised. What
    // the ledger's checks need of it stays: its entries' sums per member, lot and account, and its counts. Runs as its
    // caller: only the owner can detach (the app role's call fails there, changing nothing).
    this.addSql(`alter table wallet.journal_month add column transactions bigint, add column entries bigint,
      add constraint journal_month_archived check ((archived_at is null) = (transactions is null) and (archived_at is null) = (entries is null))`);
    this.addSql(`create table wallet.journal_archived_sum (
      month date not null references wallet.journal_month (month),
      member_id uuid not null,
      account text not null check (account in ('STORED_VALUE', 'MEMBER_POINTS')),
      lot_id bigint,
      points_lot_id bigint,
      amount bigint not null)`);
    this.addSql('create index journal_archived_sum_month on wallet.journal_archived_sum (month)');
    this.addSql(`create function wallet.detach_journal_month(p_month date, p_now timestamptz) returns jsonb language plpgsql as $$
      declare
        kept_years constant integer := 5;
        m record;
        made text;
        n_transactions bigint;
        n_entries bigint;
      begin
        select * into m from wallet.journal_month where month = p_month for update;
        if not found then
          raise exception 'there is no journal month %', to_char(p_month, 'YYYY-MM') using errcode = 'no_data_found';
        end if;
        if m.archived_at is not null then
          raise exception 'journal month % was archived at %', to_char(p_month, 'YYYY-MM'), m.archived_at using errcode = 'object_not_in_prerequisite_state';
        end if;
        if m.ends_at > p_now - make_interval(years => kept_years) then
          raise exception 'journal month % is kept until %: records are kept % years', to_char(p_month, 'YYYY-MM'),
            m.ends_at + make_interval(years => kept_years), kept_years using errcode = 'object_not_in_prerequisite_state';
        end if;
        if exists (select 1 from wallet.journal_month where month < p_month and archived_at is null) then
          raise exception 'archive the months before % first', to_char(p_month, 'YYYY-MM') using errcode = 'object_not_in_prerequisite_state';
        end if;
        if exists (select 1 from wallet.journal_entry where occurred_at >= m.starts_at and occurred_at < m.ends_at)
           and not exists (select 1 from wallet.settlement_run where period = to_char(p_month, 'YYYY-MM') and status = 'FINALIZED') then
          raise exception 'journal month % has no finalised settlement', to_char(p_month, 'YYYY-MM') using errcode = 'object_not_in_prerequisite_state';
        end if;
        insert into wallet.journal_archived_sum (month, member_id, account, lot_id, points_lot_id, amount)
          select p_month, member_id, account, lot_id, points_lot_id, sum(amount) from wallet.journal_entry
          where occurred_at >= m.starts_at and occurred_at < m.ends_at and account in ('STORED_VALUE', 'MEMBER_POINTS')
          group by member_id, account, lot_id, points_lot_id;
        select count(*) into n_transactions from wallet.journal_transaction where occurred_at >= m.starts_at and occurred_at < m.ends_at;
        select count(*) into n_entries from wallet.journal_entry where occurred_at >= m.starts_at and occurred_at < m.ends_at;
        made := to_char(p_month, '_YYYY_MM');
        execute format('alter table wallet.journal_entry detach partition wallet.%I', 'journal_entry' || made);
        execute format('alter table wallet.journal_transaction detach partition wallet.%I', 'journal_transaction' || made);
        update wallet.journal_month set archived_at = p_now, transactions = n_transactions, entries = n_entries where month = p_month;
        return jsonb_build_object('month', to_char(p_month, 'YYYY-MM'), 'transactions', n_transactions, 'entries', n_entries,
          'tables', jsonb_build_array('wallet.journal_transaction' || made, 'wallet.journal_entry' || made));
      end $$`);

    // The rows there are, copied into their months.
    this.addSql(`select wallet.create_journal_months(min(occurred_at), max(occurred_at), '${COALITION_TIME_ZONE.replace(/'/g, "''")}')
      from wallet.journal_transaction_unpartitioned having count(*) > 0`);
    this.addSql('insert into wallet.journal_transaction select * from wallet.journal_transaction_unpartitioned');
    this.addSql('insert into wallet.journal_entry select * from wallet.journal_entry_unpartitioned');
    this.addSql('drop table wallet.journal_entry_unpartitioned, wallet.journal_transaction_unpartitioned');
    this.addSql('alter sequence wallet.journal_entry_id_seq owned by wallet.journal_entry.id');
  }
}
