/**
 * A real hub for a test file: its own database on the run's PostgreSQL, the
 * three subgraphs and the gateway as child processes, and an HQ client.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureDatabase } from '../../lib/database.js';
import { Hub } from '../../scripts/processes.js';
import { createHqClient } from '../../scripts/hq-client.js';

export interface TestHub {
  hub: Hub;
  databaseUrl: string;
  gatewayUrl: string;
  hq: { clientId: string; clientSecret: string };
  jwtSecret: string;
  /** Restarts every process with the clock set to `now` (an ISO instant). */
  restartAt(now: string): Promise<void>;
  stop(): Promise<void>;
  logs: string[];
}

export async function startTestHub(opts: { now?: string; env?: Record<string, string> } = {}): Promise<TestHub> {
  const databaseUrl = await ensureDatabase(inject('databaseServerUrl'), `unicard_test_${randomBytes(6).toString('hex')}`);
  const jwtSecret = randomBytes(32).toString('base64url');
  const logs: string[] = [];
  const make = async (now?: string) =>
    new Hub({
      databaseUrl, jwtSecret, now, env: opts.env, ports: await Hub.allocatePorts(), metricsPorts: await Hub.allocatePorts(), logLevel: 'info',
      onLog: (name, line) => {
        logs.push(`[${name}] ${line}`);
        if (logs.length > 5000) logs.shift();
      },
    });
  let hub = await make(opts.now);
  await hub.start();
  const hq = await createHqClient(databaseUrl);
  const testHub: TestHub = {
    hub, databaseUrl, hq, jwtSecret, logs,
    get gatewayUrl() {
      return hub.gatewayUrl;
    },
    async restartAt(now: string) {
      await hub.stop();
      hub = await make(now);
      testHub.hub = hub;
      await hub.start();
    },
    stop: () => hub.stop(),
  };
  return testHub;
}
