/** The member subgraph process. Configuration: see docs/operations.md "Configuration". */
import { startSubgraph } from '../../lib/subgraph.js';
import { memberSubgraph } from './index.js';

await startSubgraph(memberSubgraph());
