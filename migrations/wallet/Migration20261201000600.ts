import { Migration } from '@mikro-orm/migrations';

/**
 * A settlement run's positions, one row per acquirer: the issuers it owes
 * (in ascending order, each once) and the amount and commission of each, as
 * three arrays of equal length. A month of 200 merchants has some 40,000
 * positions, and writing them as 40,000 rows with their key (and deleting
 * them again when HQ re-runs a draft) was a third of a 1M-entry run
 * (bench/README.md); as 200 rows it is a few milliseconds.
 *
 * `wallet.settlement_pair` unnests them back to one row per (acquirer,
 * issuer), which every reader uses. What the old rows held is carried over;
 * the checks that held for a row hold for each element: never the acquirer
 * itself, no issuer twice, no nulls, one amount and commission per issuer.
 */
export class Migration20261201000600 extends Migration {
  override async up(): Promise<void> {
    // Each id below the next: the array zipped with itself shifted by one.
    this.addSql(`create function wallet.strictly_ascending(ids uuid[]) returns boolean language sql immutable as $$
      select coalesce(bool_and(id < next), true) from unnest(ids[1:cardinality(ids) - 1], ids[2:cardinality(ids)]) as t(id, next) $$`);
    this.addSql('alter table wallet.settlement_position rename to settlement_position_pair_rows');
    this.addSql(`create table wallet.settlement_position (
      run_id uuid not null,
      acquirer_id uuid not null,
      issuer_ids uuid[] not null,
      amounts bigint[] not null,
      commissions bigint[] not null,
      primary key (run_id, acquirer_id),
      check (cardinality(issuer_ids) > 0 and cardinality(amounts) = cardinality(issuer_ids) and cardinality(commissions) = cardinality(issuer_ids)),
      check (array_position(issuer_ids, null) is null and array_position(amounts, null) is null and array_position(commissions, null) is null),
      check (not (acquirer_id = any (issuer_ids))),
      check (wallet.strictly_ascending(issuer_ids)))`);
    this.addSql(`insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions)
      select run_id, acquirer_id, array_agg(issuer_id order by issuer_id), array_agg(amount order by issuer_id), array_agg(commission order by issuer_id)
      from wallet.settlement_position_pair_rows group by run_id, acquirer_id`);
    this.addSql('drop table wallet.settlement_position_pair_rows');
    // The checks the rows had (Migration20261123000000, Migration20261201000400): immutable once finalised, and of a run that exists.
    this.addSql(`create trigger settlement_position_immutable_insert after insert on wallet.settlement_position
      referencing new table as new_rows for each statement execute function wallet.refuse_finalized_rows()`);
    this.addSql(`create trigger settlement_position_immutable_update after update on wallet.settlement_position
      referencing old table as old_rows new table as new_rows for each statement execute function wallet.refuse_finalized_rows()`);
    this.addSql(`create trigger settlement_position_immutable_delete after delete on wallet.settlement_position
      referencing old table as old_rows for each statement execute function wallet.refuse_finalized_rows()`);
    this.addSql(`create view wallet.settlement_pair as
      select p.run_id, p.acquirer_id, x.issuer_id, x.amount, x.commission
      from wallet.settlement_position p cross join lateral unnest(p.issuer_ids, p.amounts, p.commissions) as x(issuer_id, amount, commission)`);
  }
}
