/** The gateway process. Configuration: see docs/operations.md "Configuration". */
import { startGateway } from './gateway.js';

await startGateway();
