import { Migration } from '@mikro-orm/migrations';

/**
 * A member's standing (tier, growth) moves to the wallet subgraph, which
 * moves value, points and growth in one transaction (docs/programme.md;
 * wallet Migration20261201000100). The member subgraph never filled these
 * beyond their defaults, so nothing is carried over.
 */
export class Migration20261201000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table member.member drop column tier_code, drop column growth_value');
    this.addSql('drop table member.tier');
  }
}
