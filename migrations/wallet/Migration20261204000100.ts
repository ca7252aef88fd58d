import { Migration } from '@mikro-orm/migrations';

/**
 * The opening of every movement in one round trip instead of three (issue 25; ledger/journal/movement.ts
 * recordMovement): the request's idempotency key locked, the transaction that key made before (if any) read after the
 * lock is granted, and for a new movement the lock of its period taken shared. A function, not one statement: a
 * statement reads from a snapshot taken before its locks are granted, and would miss the transaction a racing retry
 * committed while this one waited; each statement of a function reads after the one before it. The lock keys are the
 * ledger's (transaction.ts and accounting-period.ts make them); this takes them in their order.
 */
export class Migration20261204000100 extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create function wallet.open_movement(p_request_lock text, p_client_id text, p_idempotency_key text, p_period_class integer, p_period_key integer)
      returns setof wallet.journal_transaction language plpgsql volatile as $$
      begin
        perform pg_advisory_xact_lock(hashtextextended(p_request_lock, 0));
        return query select * from wallet.journal_transaction t where t.client_id = p_client_id and t.idempotency_key = p_idempotency_key;
        if found then
          return;
        end if;
        perform pg_advisory_xact_lock_shared(p_period_class, p_period_key);
      end $$`);
  }
}
