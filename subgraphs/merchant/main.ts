/** The merchant subgraph process, or with UNICARD_REPLICAS the primary of its replicas. Configuration: see docs/operations.md "Configuration". */
import { runReplicated } from '../../lib/replicas.js';
import { startSubgraph } from '../../lib/subgraph.js';
import { merchantSubgraph } from './index.js';

await runReplicated('merchant', () => startSubgraph(merchantSubgraph()));
