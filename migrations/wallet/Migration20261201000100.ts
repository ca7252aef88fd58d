import { Migration } from '@mikro-orm/migrations';

/**
 * The membership programme's configuration (issue 10), owned by HQ and
 * versioned by the instant it takes effect, as settlement terms are: what
 * happens is judged by the programme in force when it happens. The defaults
 * (docs/programme.md) are the version in force since -infinity. Each member's tier is
 * its rank on the ladder (0 the lowest), on its wallet row, which every
 * movement locks anyway.
 */
export class Migration20261201000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table wallet.programme (
      effective_from timestamptz primary key,
      cycle text not null check (cycle in ('YEAR', 'QUARTER', 'MONTH')),
      growth_per_yuan int not null check (growth_per_yuan between 0 and 10000),
      points_per_yuan_burn int not null check (points_per_yuan_burn between 1 and 10000),
      sign_in_growth int not null check (sign_in_growth between 0 and 100000),
      sign_in_points int not null check (sign_in_points between 0 and 100000))`);
    this.addSql(`create table wallet.programme_tier (
      effective_from timestamptz not null references wallet.programme (effective_from),
      rank int not null check (rank between 0 and 4),
      code text not null check (code ~ '^[A-Z][A-Z0-9_]{0,19}$'),
      name text not null check (length(name) between 1 and 20),
      threshold bigint not null check (threshold >= 0 and (rank > 0 or threshold = 0)),
      points_multiplier_bps int not null check (points_multiplier_bps between 10000 and 100000),
      upgrade_gift_points bigint not null check (upgrade_gift_points between 0 and 10000000),
      benefits text not null check (length(benefits) <= 500),
      primary key (effective_from, rank),
      unique (effective_from, code))`);
    this.addSql(`insert into wallet.programme values ('-infinity', 'YEAR', 1, 100, 5, 10)`);
    this.addSql(`insert into wallet.programme_tier values
      ('-infinity', 0, 'NORMAL', '普通', 0, 10000, 0, '会员价'),
      ('-infinity', 1, 'SILVER', '银卡', 1000, 12000, 500, '积分1.2倍，生日礼'),
      ('-infinity', 2, 'GOLD', '金卡', 5000, 15000, 2000, '积分1.5倍，生日礼，专属客服'),
      ('-infinity', 3, 'DIAMOND', '钻石', 20000, 20000, 5000, '积分2倍，生日礼，专属客服，免费停车')`);

    this.addSql(`create table wallet.membership_plan (
      code text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,19}$'),
      name text not null check (length(name) between 1 and 40),
      price bigint not null check (price > 0),
      period text not null check (period in ('MONTH', 'QUARTER', 'YEAR')),
      points_multiplier_bps int not null check (points_multiplier_bps between 10000 and 100000),
      active boolean not null,
      updated_at timestamptz not null)`);

    this.addSql('alter table wallet.wallet add column tier_rank int not null default 0 check (tier_rank between 0 and 4)');
  }
}
