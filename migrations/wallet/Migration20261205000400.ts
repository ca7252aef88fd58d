import { Migration } from '@mikro-orm/migrations';

/**
 * The holder's lock and its lots in one round trip instead of two or three (issue 25; ledger/journal/movement.ts
 * recordMovement): the member's wallet row locked, then, if the command spends them, the stored value's issuer lots and
 * the points lots it may touch, each locked in that order (so two movements of one member never wait for each other in a
 * cycle). A function, as for wallet.open_movement: one statement reads from a snapshot taken before its locks are
 * granted and would miss a lot a movement that held the wallet's lock committed meanwhile (a top-up's new lot); each
 * statement of a function reads after the one before it.
 *
 * Which lots a movement may touch is written here once: `lock_issuer_lots` (those holding value, by id) and
 * `lock_points_lots` (those holding points, and those named, such as a refund's, soonest-expiring first). The wallet
 * calls them alone too (a refund's named points lots), never with a copy of their query. Ids and amounts travel as
 * text: a JSON number cannot hold every bigint.
 */
export class Migration20261205000400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function wallet.lock_issuer_lots(p_member uuid) returns json language sql volatile as $$
      select coalesce(json_agg(json_build_object('id', l.id::text, 'issuerId', l.issuer_id, 'createdAt', l.created_at, 'remaining', l.remaining::text)
        order by l.id), '[]'::json)
      from (select id, issuer_id, created_at, remaining from wallet.issuer_lot where member_id = p_member and remaining > 0 order by id for update) l $$`);
    this.addSql(`create function wallet.lock_points_lots(p_member uuid, p_named bigint[]) returns json language sql volatile as $$
      select coalesce(json_agg(json_build_object('id', l.id::text, 'earningYear', l.earning_year, 'expiresAt', l.expires_at, 'remaining', l.remaining::text)
        order by l.expires_at, l.id), '[]'::json)
      from (select id, earning_year, expires_at, remaining from wallet.points_lot
            where member_id = p_member and (remaining > 0 or id = any(p_named)) order by expires_at, id for update) l $$`);
    this.addSql(`create function wallet.lock_holder(p_member uuid, p_issuer_lots boolean, p_points_lots boolean,
        out holder wallet.wallet, out issuer_lots json, out points_lots json)
      language plpgsql volatile as $$
      begin
        select * into holder from wallet.wallet w where w.member_id = p_member for no key update;
        if not found then
          return;
        end if;
        if p_issuer_lots then
          issuer_lots := wallet.lock_issuer_lots(p_member);
        end if;
        if p_points_lots then
          points_lots := wallet.lock_points_lots(p_member, '{}');
        end if;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function wallet.lock_holder(uuid, boolean, boolean)');
    this.addSql('drop function wallet.lock_points_lots(uuid, bigint[])');
    this.addSql('drop function wallet.lock_issuer_lots(uuid)');
  }
}
