/**
 * The bench's generated journal goes where a hub's would (docs/operations.md "The journal's months"): into its months,
 * made before the rows, and each transaction with its key row (wallet.journal_transaction_key), added after the rows.
 * The generators write with triggers off (session_replication_role = replica), so nothing else adds them.
 */
import type pg from 'pg';
import { COALITION_TIME_ZONE } from '../lib/time-zone.js';

/** The journal's months from `from`'s through `to`'s. */
export async function makeJournalMonths(db: pg.Client, from: Date, to: Date): Promise<void> {
  await db.query('select wallet.make_journal_partitions($1, $2, $3)', [from, to, COALITION_TIME_ZONE]);
}

/** A key row for each generated transaction that has none, as the movement writes it. */
export async function addJournalKeys(db: pg.Client): Promise<void> {
  await db.query(`insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash, sign_in_day, payment_ref,
      refund_of, refunded_order_amount)
    select t.id, t.occurred_at, t.member_id, t.client_id, t.idempotency_key, t.request_hash, t.sign_in_day, t.payment_ref, t.refund_of,
      case when t.refund_of is not null then t.order_amount end
    from wallet.journal_transaction t where not exists (select 1 from wallet.journal_transaction_key k where k.id = t.id)`);
}
