import { Migration } from '@mikro-orm/migrations';

/**
 * Growth from top-ups (docs/programme.md "Growth"): a top-up's principal earns floor(principal × growth_per_yuan_top_up
 * / 100) growth; 0, the default, earns none, as before.
 */
export class Migration20261203000100 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table wallet.programme add column growth_per_yuan_top_up int not null default 0 check (growth_per_yuan_top_up between 0 and 1000)');
  }
}
