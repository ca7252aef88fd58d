/** The gateway process. Configuration: see README "Configuration". */
import { startGateway } from './gateway.js';

await startGateway();
