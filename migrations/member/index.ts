import { Migration20261101000000 } from './Migration20261101000000.js';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261125000000 } from './Migration20261125000000.js';
import { Migration20261201000000 } from './Migration20261201000000.js';
import { Migration20261201000100 } from './Migration20261201000100.js';
import { Migration20261202000700 } from './Migration20261202000700.js';

export const memberMigrations = [
  { name: 'Migration20261101000000', class: Migration20261101000000 },
  { name: 'Migration20261124000000', class: Migration20261124000000 },
  { name: 'Migration20261125000000', class: Migration20261125000000 },
  { name: 'Migration20261201000000', class: Migration20261201000000 },
  { name: 'Migration20261201000100', class: Migration20261201000100 },
  { name: 'Migration20261202000700', class: Migration20261202000700 },
];
