import { Migration20261101000000 } from './Migration20261101000000.js';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261126000000 } from './Migration20261126000000.js';
import { Migration20261202000700 } from './Migration20261202000700.js';
import { migrationsInOrder } from '../migrations-in-order.js';
import { MERCHANT_MIGRATIONS } from './names.js';

export const merchantMigrations = migrationsInOrder(MERCHANT_MIGRATIONS, {
  Migration20261101000000,
  Migration20261124000000,
  Migration20261126000000,
  Migration20261202000700,
});
