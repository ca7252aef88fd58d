import { Migration } from '@mikro-orm/migrations';

/**
 * Targeted campaigns (issue 11, docs/marketing.md "Targeted campaigns"): owned by
 * a merchant (among its own members) or HQ (owner null), run now or at a
 * scheduled instant over an audience with marketing consent, holding out a
 * control group (campaign_member.held_out) whose purchases the results
 * compare with the reached members'. Coupons a campaign issued name it.
 */
export class Migration20261202000200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.campaign (
      id uuid primary key,
      owner_id uuid references wallet.merchant (id),
      name text not null check (length(name) between 1 and 60),
      status text not null check (status in ('SCHEDULED', 'COMPLETED')),
      trigger_kind text not null check (trigger_kind in ('NOW', 'SCHEDULE')),
      run_at timestamptz not null,
      audience jsonb not null,
      action_kind text not null check (action_kind in ('ISSUE_COUPON')),
      coupon_template_id uuid references wallet.coupon_template (id),
      budget_members int check (budget_members > 0),
      budget_coupons int check (budget_coupons > 0),
      control_bps int not null check (control_bps between 0 and 5000),
      created_at timestamptz not null,
      ran_at timestamptz,
      client_id text not null,
      idempotency_key text not null,
      request_hash text not null,
      unique (client_id, idempotency_key),
      check ((action_kind = 'ISSUE_COUPON') = (coupon_template_id is not null)),
      check ((status = 'COMPLETED') = (ran_at is not null)))`);
    this.addSql("create index campaign_due on wallet.campaign (run_at) where status = 'SCHEDULED'");
    this.addSql(`create table wallet.campaign_member (
      campaign_id uuid not null references wallet.campaign (id),
      member_id uuid not null references wallet.wallet (member_id),
      held_out boolean not null,
      primary key (campaign_id, member_id))`);
    this.addSql('alter table wallet.coupon add column campaign_id uuid references wallet.campaign (id)');
    this.addSql('create index coupon_campaign on wallet.coupon (campaign_id, member_id) where campaign_id is not null');
  }
}
