/** The wallet subgraph process. Configuration: see docs/operations.md "Configuration". */
import { startSubgraph } from '../../lib/subgraph.js';
import { walletSubgraph } from './index.js';

await startSubgraph(walletSubgraph());
