import { Migration20261101000000 } from './Migration20261101000000.js';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261126000000 } from './Migration20261126000000.js';
import { Migration20261202000700 } from './Migration20261202000700.js';

export const merchantMigrations = [
  { name: 'Migration20261101000000', class: Migration20261101000000 },
  { name: 'Migration20261124000000', class: Migration20261124000000 },
  { name: 'Migration20261126000000', class: Migration20261126000000 },
  { name: 'Migration20261202000700', class: Migration20261202000700 },
];
