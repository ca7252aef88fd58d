import { Migration } from '@mikro-orm/migrations';

/**
 * A till's movement opens in its first statement (issue 25; ledger/journal/transaction.ts movementOpening, carried by
 * ledger/terms/terms.ts openAtStore): the request key's lock, the transaction that key made before (its id and
 * fingerprint: the request is then replayed), else the period's lock taken shared and a look for a settlement run of
 * that period. The movement's instant was read before the statement, where wallet.open_movement's caller reads it after
 * the lock: a run that settled its period in between is seen here, after the lock, and the movement starts again at a
 * later instant. (A run that starts after the lock waits for the movement, as before.) A function, so that each look
 * reads after the lock before it; the statement carrying it reads its answer before it uses the pay code.
 */
export class Migration20261205000600 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function wallet.open_movement_at(p_request_lock text, p_client_id text, p_idempotency_key text,
        p_period_class integer, p_period_key integer, p_period text)
      returns jsonb language plpgsql volatile as $$
      declare
        prior record;
      begin
        perform pg_advisory_xact_lock(hashtextextended(p_request_lock, 0));
        select t.id, t.request_hash into prior from wallet.journal_transaction t
          where t.client_id = p_client_id and t.idempotency_key = p_idempotency_key;
        if found then
          return jsonb_build_object('prior', prior.id, 'requestHash', prior.request_hash);
        end if;
        perform pg_advisory_xact_lock_shared(p_period_class, p_period_key);
        if exists (select 1 from wallet.settlement_run r where r.period = p_period) then
          return jsonb_build_object('settled', p_period);
        end if;
        return '{}'::jsonb;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function wallet.open_movement_at(text, text, text, integer, integer, text)');
  }
}
