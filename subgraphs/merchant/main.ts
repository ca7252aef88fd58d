/** The merchant subgraph process. Configuration: see docs/operations.md "Configuration". */
import { startSubgraph } from '../../lib/subgraph.js';
import { merchantSubgraph } from './index.js';

await startSubgraph(merchantSubgraph());
