/** The gateway process, or with UNICARD_REPLICAS the primary of its replicas. Configuration: see docs/operations.md "Configuration". */
import { runReplicated } from '../lib/replicas.js';
import { startGateway } from './gateway.js';

await runReplicated('gateway', () => startGateway());
