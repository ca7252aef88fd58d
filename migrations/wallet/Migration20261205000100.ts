import { Migration } from '@mikro-orm/migrations';
import { JOURNAL_REFERENCES, referenceCheck } from './journal-references.js';

/**
 * The journal's references are checked once per statement instead of once per row (issue 25: the bulk movement path's
 * jobs over a million members, and every movement's statement).
 *
 * In the plan of one range of the points expiry (20,000 members, docs/decisions.md), the journal's foreign keys ran a
 * lookup per row, and per row even where the column is null: the entries' transaction (187 ms), the transactions'
 * member (100 ms), their refunded checkout, plan, coupon, campaign and benefit (54 ms, all null there), the entries'
 * issuer lot (24 ms), of a statement of 1,371 ms; the entries' points lot was checked per row at commit. Statement-level
 * triggers over the statement's transition tables check the same in a few set-based queries, as the coupons', campaign
 * members' and benefit grants' references already are (Migration20261202000600, Migration20261204000200).
 *
 * What the keys also did, keeping a referenced row from going away or changing its key, PostgreSQL still refuses: the
 * journal is append-only, wallets, campaigns and benefits are kept already, and now issuer lots, points lots, coupons and
 * plans are kept too, and none of these may change its key.
 */
export class Migration20261205000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table wallet.journal_transaction drop constraint journal_transaction_member_id_fkey,
      drop constraint journal_transaction_refund_of_fkey, drop constraint journal_transaction_plan_code_fkey,
      drop constraint journal_transaction_coupon_id_fkey, drop constraint journal_transaction_campaign_id_fkey,
      drop constraint journal_transaction_benefit_id_fkey`);
    this.addSql(`alter table wallet.journal_entry drop constraint journal_entry_transaction_id_fkey, drop constraint journal_entry_lot_id_fkey,
      drop constraint journal_entry_points_lot_id_fkey`);
    this.addSql(`create function wallet.check_journal_references() returns trigger language plpgsql as $$
      begin
        -- Each check is a statement of its own over the statement's rows: a movement's one or two, a bulk range's 20,000 to
        -- 60,000. An entry's transaction may be written by the same statement (a movement writes both at once): an AFTER
        -- trigger sees it.
        if tg_table_name = 'journal_transaction' then
          ${JOURNAL_REFERENCES.journal_transaction.map(referenceCheck).join('\n          ')}
        else
          ${JOURNAL_REFERENCES.journal_entry.map(referenceCheck).join('\n          ')}
        end if;
        return null;
      end $$`);
    for (const table of ['journal_transaction', 'journal_entry']) {
      this.addSql(`create trigger ${table}_references after insert on wallet.${table}
        referencing new table as new_rows for each statement execute function wallet.check_journal_references()`);
    }
    this.addSql(`create function wallet.refuse_journal_reference_change() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are kept as they are: the journal refers to them', tg_table_name using errcode = 'integrity_constraint_violation';
      end $$`);
    for (const table of ['issuer_lot', 'points_lot', 'coupon', 'membership_plan']) {
      this.addSql(
        `create trigger ${table}_kept_for_journal before delete on wallet.${table} for each row execute function wallet.refuse_journal_reference_change()`,
      );
    }
    for (const [table, key] of [
      ['wallet', 'member_id'],
      ['issuer_lot', 'id'],
      ['points_lot', 'id'],
      ['coupon', 'id'],
      ['campaign', 'id'],
      ['benefit', 'id'],
      ['membership_plan', 'code'],
    ] as const) {
      this.addSql(`create trigger ${table}_key_fixed before update of ${key} on wallet.${table}
        for each row when (old.${key} <> new.${key}) execute function wallet.refuse_journal_reference_change()`);
    }
  }
}
