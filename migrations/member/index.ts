import { Migration20261101000000 } from './Migration20261101000000.js';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261125000000 } from './Migration20261125000000.js';
import { Migration20261201000000 } from './Migration20261201000000.js';
import { Migration20261201000100 } from './Migration20261201000100.js';
import { Migration20261202000700 } from './Migration20261202000700.js';
import { Migration20261203000800 } from './Migration20261203000800.js';
import { migrationsInOrder } from '../migrations-in-order.js';
import { MEMBER_MIGRATIONS } from './names.js';

export const memberMigrations = migrationsInOrder(MEMBER_MIGRATIONS, {
  Migration20261101000000,
  Migration20261124000000,
  Migration20261125000000,
  Migration20261201000000,
  Migration20261201000100,
  Migration20261202000700,
  Migration20261203000800,
});
