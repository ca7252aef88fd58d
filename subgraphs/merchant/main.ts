/** The merchant subgraph process. Configuration: see README "Configuration". */
import { startSubgraph } from '../../lib/subgraph.js';
import { merchantSubgraph } from './index.js';

await startSubgraph(merchantSubgraph());
