/** The wallet subgraph process. Configuration: see README "Configuration". */
import { startSubgraph } from '../../lib/subgraph.js';
import { walletSubgraph } from './index.js';

await startSubgraph(walletSubgraph());
