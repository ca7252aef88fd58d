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
import { Migration20261202000600 } from './Migration20261202000600.js';
import { Migration20261202000700 } from './Migration20261202000700.js';
import { Migration20261202000800 } from './Migration20261202000800.js';
import { Migration20261203000100 } from './Migration20261203000100.js';
import { Migration20261203000200 } from './Migration20261203000200.js';
import { Migration20261203000300 } from './Migration20261203000300.js';
import { Migration20261203000400 } from './Migration20261203000400.js';
import { Migration20261203000500 } from './Migration20261203000500.js';
import { Migration20261203000600 } from './Migration20261203000600.js';
import { Migration20261203000700 } from './Migration20261203000700.js';
import { Migration20261203000800 } from './Migration20261203000800.js';
import { Migration20261203000900 } from './Migration20261203000900.js';
import { Migration20261204000100 } from './Migration20261204000100.js';
import { Migration20261204000200 } from './Migration20261204000200.js';
import { Migration20261205000100 } from './Migration20261205000100.js';
import { Migration20261205000200 } from './Migration20261205000200.js';
import { Migration20261205000300 } from './Migration20261205000300.js';
import { Migration20261205000400 } from './Migration20261205000400.js';
import { Migration20261205000500 } from './Migration20261205000500.js';
import { Migration20261205000600 } from './Migration20261205000600.js';
import { Migration20261205000700 } from './Migration20261205000700.js';
import { Migration20261206000100 } from './Migration20261206000100.js';
import { Migration20261206000200 } from './Migration20261206000200.js';
import { Migration20261206000300 } from './Migration20261206000300.js';
import { migrationsInOrder } from '../migrations-in-order.js';
import { WALLET_MIGRATIONS } from './names.js';

export const walletMigrations = migrationsInOrder(WALLET_MIGRATIONS, {
  Migration20261101000000,
  Migration20261122000000,
  Migration20261123000000,
  Migration20261124000000,
  Migration20261201000000,
  Migration20261201000100,
  Migration20261201000200,
  Migration20261201000300,
  Migration20261201000400,
  Migration20261201000500,
  Migration20261201000600,
  Migration20261202000000,
  Migration20261202000100,
  Migration20261202000200,
  Migration20261202000300,
  Migration20261202000400,
  Migration20261202000500,
  Migration20261202000600,
  Migration20261202000700,
  Migration20261202000800,
  Migration20261203000100,
  Migration20261203000200,
  Migration20261203000300,
  Migration20261203000400,
  Migration20261203000500,
  Migration20261203000600,
  Migration20261203000700,
  Migration20261203000800,
  Migration20261203000900,
  Migration20261204000100,
  Migration20261204000200,
  Migration20261205000100,
  Migration20261205000200,
  Migration20261205000300,
  Migration20261205000400,
  Migration20261205000500,
  Migration20261205000600,
  Migration20261205000700,
  Migration20261206000100,
  Migration20261206000200,
  Migration20261206000300,
});
