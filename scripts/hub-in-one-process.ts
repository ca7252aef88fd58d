/**
 * The hub's four servers (the three subgraphs and the gateway) in one Node process, each on its own port with its own
 * environment, as the tests' hubs run unless a test stops, kills or restarts one process (scripts/processes.ts
 * HubConfig.inOneProcess). Production runs them as four processes; docs/decisions.md "A test hub in one process" says
 * why the tests mostly do not, and what only the four processes test.
 *
 * Each server's environment comes as JSON in UNICARD_HUB_ENVIRONMENTS, by name, exactly what it would have as a process
 * of its own (scripts/processes.ts processEnv). What a library reads from the process's own environment at its load
 * (the log level, a time zone, a limit) is the same for every server and is set on this process too.
 */
import { startGateway } from '../gateway/gateway.js';
import { answerClockMoves } from '../lib/clock.js';
import { exitOnSignalsDuringStartup, shutdownOnSignals } from '../lib/http.js';
import { createLogger } from '../lib/logger.js';
import { SharedProcessHost } from '../lib/process-host.js';
import { startSubgraph } from '../lib/subgraph.js';
import { memberSubgraph } from '../subgraphs/member/index.js';
import { merchantSubgraph } from '../subgraphs/merchant/index.js';
import { walletSubgraph } from '../subgraphs/wallet/index.js';
import type { ProcessName } from './processes.js';

function environments(): Record<ProcessName, NodeJS.ProcessEnv> {
  const json = process.env.UNICARD_HUB_ENVIRONMENTS;
  if (!json) throw new Error('UNICARD_HUB_ENVIRONMENTS must hold each server’s environment (scripts/processes.ts starts this process)');
  const parsed = JSON.parse(json) as Partial<Record<ProcessName, NodeJS.ProcessEnv>>;
  for (const name of ['member', 'wallet', 'merchant', 'gateway'] as const) {
    if (!parsed[name]) throw new Error(`UNICARD_HUB_ENVIRONMENTS has no environment for ${name}`);
  }
  return parsed as Record<ProcessName, NodeJS.ProcessEnv>;
}

/** More gateways over the same subgraphs, each with its engine and ports (HubConfig.moreGateways): none unless asked. */
function moreGateways(): NodeJS.ProcessEnv[] {
  const json = process.env.UNICARD_HUB_MORE_GATEWAYS;
  return json ? (JSON.parse(json) as NodeJS.ProcessEnv[]) : [];
}

const startedUp = exitOnSignalsDuringStartup();
const env = environments();
const host = new SharedProcessHost();
// All four at once, as Hub.start starts four processes: the gateway needs no subgraph to start.
await Promise.all([
  startSubgraph(memberSubgraph(env.member), env.member, host),
  startSubgraph(walletSubgraph(env.wallet), env.wallet, host),
  startSubgraph(merchantSubgraph(env.merchant), env.merchant, host),
  startGateway(env.gateway, host),
  ...moreGateways().map((gatewayEnv) => startGateway(gatewayEnv, host)),
]);
startedUp();
answerClockMoves((move) => host.moveClocks(move));
shutdownOnSignals(createLogger('hub'), () => host.stop());
