/**
 * Each schema's migrations are listed once by name (migrations/<schema>/names.ts), which a subgraph's start reads to
 * ask whether any has not run, and once as classes (index.ts), loaded only to migrate: the two must agree.
 */
import { describe, expect, it } from 'vitest';
import { Migration } from '@mikro-orm/migrations';
import { migrationsInOrder } from '../../migrations/migrations-in-order.js';
import { memberMigrations } from '../../migrations/member/index.js';
import { MEMBER_MIGRATIONS } from '../../migrations/member/names.js';
import { merchantMigrations } from '../../migrations/merchant/index.js';
import { MERCHANT_MIGRATIONS } from '../../migrations/merchant/names.js';
import { walletMigrations } from '../../migrations/wallet/index.js';
import { WALLET_MIGRATIONS } from '../../migrations/wallet/names.js';

describe('migrations', () => {
  it('of each schema are its names, in order, each its own class, oldest first', () => {
    for (const [names, list] of [
      [MEMBER_MIGRATIONS, memberMigrations],
      [MERCHANT_MIGRATIONS, merchantMigrations],
      [WALLET_MIGRATIONS, walletMigrations],
    ] as const) {
      expect(list.map((m) => m.name)).toEqual([...names]);
      expect(list.every((m) => m.class.name === m.name)).toBe(true);
      expect([...names].sort()).toEqual([...names]); // by their timestamps: the order they were written in
    }
  });

  it('refuse to load when a class is not listed, or a listed name has no class', () => {
    class Migration20990101000000 extends Migration {
      override async up(): Promise<void> {}
    }
    expect(() => migrationsInOrder(['Migration20990101000000'], { Migration20990101000000 })).not.toThrow();
    expect(() => migrationsInOrder([], { Migration20990101000000 })).toThrow(/Migration20990101000000 is not in names.ts/);
    expect(() => migrationsInOrder(['Migration20990101000000', 'Migration20990102000000'], { Migration20990101000000 })).toThrow(
      /Migration20990102000000 has no class/,
    );
  });
});
