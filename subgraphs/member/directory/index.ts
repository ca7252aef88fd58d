/**
 * The merchants and stores the merchant subgraph announces, as the member subgraph keeps them.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { applyMerchantEvent, storeMerchant } from './directory.js';
