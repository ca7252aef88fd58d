import { Migration20261101000000 } from './Migration20261101000000.js';
import { Migration20261122000000 } from './Migration20261122000000.js';
import { Migration20261123000000 } from './Migration20261123000000.js';
import { Migration20261124000000 } from './Migration20261124000000.js';
import { Migration20261201000000 } from './Migration20261201000000.js';
import { Migration20261201000100 } from './Migration20261201000100.js';
import { Migration20261201000200 } from './Migration20261201000200.js';
import { Migration20261201000300 } from './Migration20261201000300.js';
import { Migration20261201000400 } from './Migration20261201000400.js';
import { Migration20261201000500 } from './Migration20261201000500.js';
import { Migration20261201000600 } from './Migration20261201000600.js';
import { Migration20261202000000 } from './Migration20261202000000.js';
import { Migration20261202000100 } from './Migration20261202000100.js';
import { Migration20261202000200 } from './Migration20261202000200.js';
import { Migration20261202000300 } from './Migration20261202000300.js';
import { Migration20261202000400 } from './Migration20261202000400.js';
import { Migration20261202000500 } from './Migration20261202000500.js';

export const walletMigrations = [
  { name: 'Migration20261101000000', class: Migration20261101000000 },
  { name: 'Migration20261122000000', class: Migration20261122000000 },
  { name: 'Migration20261123000000', class: Migration20261123000000 },
  { name: 'Migration20261124000000', class: Migration20261124000000 },
  { name: 'Migration20261201000000', class: Migration20261201000000 },
  { name: 'Migration20261201000100', class: Migration20261201000100 },
  { name: 'Migration20261201000200', class: Migration20261201000200 },
  { name: 'Migration20261201000300', class: Migration20261201000300 },
  { name: 'Migration20261201000400', class: Migration20261201000400 },
  { name: 'Migration20261201000500', class: Migration20261201000500 },
  { name: 'Migration20261201000600', class: Migration20261201000600 },
  { name: 'Migration20261202000000', class: Migration20261202000000 },
  { name: 'Migration20261202000100', class: Migration20261202000100 },
  { name: 'Migration20261202000200', class: Migration20261202000200 },
  { name: 'Migration20261202000300', class: Migration20261202000300 },
  { name: 'Migration20261202000400', class: Migration20261202000400 },
  { name: 'Migration20261202000500', class: Migration20261202000500 },
];
