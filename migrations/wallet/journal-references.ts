/**
 * The journal's references, checked once per statement over its new rows (Migration20261205000100), and the check each
 * becomes. Migrations that have run depend on them: change a reference or its SQL only in a new helper.
 */
/** A column of the statement's new rows, the row it names, and what the refusal says. */
export interface JournalReference {
  column: string;
  table: string;
  key: string;
  /** The rows of one statement name few of them (plans, coupons, campaigns, benefits, transactions): those distinct first. */
  distinct: boolean;
  refusal: string;
}

export const JOURNAL_REFERENCES: Record<'journal_transaction' | 'journal_entry', JournalReference[]> = {
  journal_transaction: [
    { column: 'member_id', table: 'wallet', key: 'member_id', distinct: false, refusal: 'a journal transaction names a member without a wallet' },
    { column: 'refund_of', table: 'journal_transaction', key: 'id', distinct: false, refusal: 'a refund names a checkout that does not exist' },
    { column: 'plan_code', table: 'membership_plan', key: 'code', distinct: true, refusal: 'a journal transaction names a plan that does not exist' },
    { column: 'coupon_id', table: 'coupon', key: 'id', distinct: true, refusal: 'a journal transaction names a coupon that does not exist' },
    { column: 'campaign_id', table: 'campaign', key: 'id', distinct: true, refusal: 'a journal transaction names a campaign that does not exist' },
    { column: 'benefit_id', table: 'benefit', key: 'id', distinct: true, refusal: 'a journal transaction names a benefit that does not exist' },
  ],
  journal_entry: [
    { column: 'transaction_id', table: 'journal_transaction', key: 'id', distinct: true, refusal: 'a journal entry names a transaction that does not exist' },
    { column: 'lot_id', table: 'issuer_lot', key: 'id', distinct: false, refusal: 'a journal entry names an issuer lot that does not exist' },
    { column: 'points_lot_id', table: 'points_lot', key: 'id', distinct: false, refusal: 'a journal entry names a points lot that does not exist' },
  ],
};

/** One reference checked over the statement's rows (`new_rows`), in one query; a null names nothing. */
export const referenceCheck = (r: JournalReference) => {
  const named = r.distinct ? `(select distinct ${r.column} from new_rows where ${r.column} is not null) n` : `new_rows n`;
  const present = r.distinct ? '' : `n.${r.column} is not null and `;
  return `if exists (select 1 from ${named} where ${present}not exists (select 1 from wallet.${r.table} r where r.${r.key} = n.${r.column})) then
            raise exception '${r.refusal}' using errcode = 'foreign_key_violation';
          end if;`;
};
