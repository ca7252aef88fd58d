/**
 * Where each table would live on a PostgreSQL distributed by member id (Citus), as docs/scaling.md lays out: a member's
 * table (split into shards by its member column), a reference table (copied to every node) or a local one (on the
 * coordinator alone). `test/distribution.test.ts` reads the migrated schema against it, so that a new table has to be
 * placed, a member's table cannot lose the member id from its key, and no trigger appears on one unseen.
 *
 * What a member's table records today, not what it must become: `keyedByMember: false` and a trigger listed are the
 * gaps docs/scaling.md names, to be closed by the plan; the test fails when one closes too, so that this file and the
 * docs say so.
 */
export type Placement =
  | {
      kind: 'member';
      /** The column holding the member id (the distribution column). */
      column: string;
      /** Whether the primary key (or, without one, every unique constraint) includes that column. */
      keyedByMember: boolean;
      /** The triggers it has (docs/scaling.md: each to be allowed as shard-local or replaced). */
      triggers: string[];
    }
  | { kind: 'reference' }
  | { kind: 'local' };

const member = (keyedByMember: boolean, triggers: string[] = [], column = 'member_id'): Placement => ({
  kind: 'member',
  column,
  keyedByMember,
  triggers,
});
const reference: Placement = { kind: 'reference' };
const local: Placement = { kind: 'local' };

/** Every table of the hub's four schemas, by schema-qualified name. */
export const DISTRIBUTION: Record<string, Placement> = {
  // The member subgraph's: the member itself, its card and its memberships.
  'member.member': member(true, [], 'id'),
  'member.card': member(false),
  'member.membership': member(true),
  'member.merchant_directory': reference,
  'member.store_directory': reference,
  'member.inbox_event': local,
  'member.outbox_message': local,
  'member.rate_limit': local,
  'member.session_end': local,
  'member.mikro_orm_migrations': local,

  // The merchant subgraph's: small, HQ's and merchants' own.
  'merchant.merchant': reference,
  'merchant.store': reference,
  'merchant.api_client': local,
  'merchant.audit_entry': local,
  'merchant.inbox_event': local,
  'merchant.outbox_message': local,
  'merchant.rate_limit': local,
  'merchant.session_end': local,
  'merchant.mikro_orm_migrations': local,

  // The wallet's members' tables: the ledger and the programme's records per member.
  'wallet.wallet': member(true, ['wallet_kept', 'wallet_key_fixed']),
  'wallet.journal_transaction': member(false, ['journal_transaction_append_only', 'journal_transaction_no_truncate', 'journal_transaction_references']),
  'wallet.journal_entry': member(false, ['journal_entry_append_only', 'journal_entry_balanced', 'journal_entry_no_truncate', 'journal_entry_references']),
  // What is unique across the journal's months (Migration20261206000100): keyed by transaction id and the client's key,
  // which the plan re-keys with the member (docs/scaling.md "Re-keying").
  'wallet.journal_transaction_key': member(false, ['journal_transaction_key_append_only', 'journal_transaction_key_no_truncate']),
  'wallet.issuer_lot': member(false, ['issuer_lot_kept_for_journal', 'issuer_lot_key_fixed']),
  'wallet.points_lot': member(false, ['points_lot_kept_for_journal', 'points_lot_key_fixed']),
  'wallet.coupon': member(false, ['coupon_benefit_fixed', 'coupon_kept_for_journal', 'coupon_key_fixed', 'coupon_references', 'coupon_references_fixed']),
  'wallet.pay_code': member(false),
  'wallet.membership': member(true),
  'wallet.member_tag': member(true),
  'wallet.member_badge': member(true),
  'wallet.benefit_grant': member(true, ['benefit_grant_references', 'benefit_grant_references_fixed', 'benefit_grant_transaction_reference']),
  'wallet.benefit_use_month': member(true),
  'wallet.campaign_member': member(true, ['campaign_member_references', 'campaign_member_references_fixed']),
  'wallet.task_completion': member(false),
  'wallet.tier_upgrade': member(true),
  'wallet.tier_drop': member(true),
  'wallet.tier_gift': member(true),
  'wallet.rfm_member': member(true),
  // A referral belongs to two members: distributed by the invitee, whose checkout converts it; the inviter's reward
  // becomes a movement of its own on the inviter's shard (docs/scaling.md "A record of two members").
  'wallet.referral_conversion': member(false, [], 'invitee_id'),

  // The wallet's configuration, read by movements on every node.
  'wallet.merchant': reference,
  'wallet.store': reference,
  'wallet.settlement_terms': reference,
  'wallet.programme': reference,
  'wallet.programme_tier': reference,
  'wallet.membership_plan': reference,
  'wallet.coupon_template': reference,
  'wallet.coupon_acceptor': reference,
  'wallet.coupon_funder': reference,
  'wallet.benefit': reference,
  'wallet.benefit_acceptor': reference,
  'wallet.benefit_funder': reference,
  'wallet.campaign': reference,
  'wallet.tag': reference,
  'wallet.task': reference,
  'wallet.badge': reference,
  'wallet.webhook': reference,

  // The wallet's work on the coordinator: settlement, aggregates, delivery, limits.
  // The journal's months made and archived (ledger/journal/journal-months.ts): partitions are the coordinator's to make.
  'wallet.journal_month': local,
  // What an archived month leaves for the ledger's checks: the verifier's, on the coordinator.
  'wallet.journal_archived_sum': local,
  'wallet.settlement_run': local,
  'wallet.settlement_statement': local,
  'wallet.settlement_position': local,
  'wallet.rfm_refresh': local,
  'wallet.rfm_scope': local,
  'wallet.rfm_segment': local,
  'wallet.analytics_snapshot': local,
  'wallet.analytical_run': local,
  'wallet.benefit_budget_notice': local,
  'wallet.coupon_issue': local,
  'wallet.webhook_delivery': local,
  'wallet.inbox_event': local,
  'wallet.outbox_message': local,
  'wallet.rate_limit': local,
  'wallet.session_end': local,
  'wallet.mikro_orm_migrations': local,

  // The gateway's request counts, shared by its replicas.
  'gateway.rate_limit': local,
};

/** Schemas whose every table is local: the wallet's job queue (graphile-worker's own tables, whatever its version makes). */
export const LOCAL_SCHEMAS = ['wallet_jobs'];

/** Where a table (schema-qualified) is placed, if it is. */
export function placementOf(table: string): Placement | undefined {
  return LOCAL_SCHEMAS.includes(table.split('.')[0]!) ? local : DISTRIBUTION[table];
}
