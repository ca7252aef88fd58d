/**
 * Merchants and their stores.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { MerchantEntity, type MerchantKind, type MerchantRecord, cleanName, createMerchant } from './merchant.js';
export { StoreEntity, type StoreRecord, createStore } from './store.js';
