/** The wallet subgraph process, or with UNICARD_REPLICAS the primary of its replicas. Configuration: see docs/operations.md "Configuration". */
import { runReplicated } from '../../lib/replicas.js';
import { startSubgraph } from '../../lib/subgraph.js';
import { walletSubgraph } from './index.js';

await runReplicated('wallet', () => startSubgraph(walletSubgraph()));
