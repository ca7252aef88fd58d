import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/sequencer.js';

/**
 * The files that run again with Hive Gateway serving the supergraph instead of Apollo Gateway (issue 9;
 * gateway/hive-engine.ts), once with its JavaScript runtime and once with Hive Router's Rust query planner (issue 25):
 * issue 9's access, bad-input and story, and the two whose rules Hive's engine wires up itself (limits, strict input).
 * Field access is the subgraphs' and the fuzz's error masking the front's, whichever engine. A project's name is the
 * engine its hubs run (UNICARD_GATEWAY_ENGINE).
 */
const UNDER_HIVE = ['access', 'bad-input', 'story', 'limits', 'strict-input'].map((name) => `test/${name}.test.ts`);

/** One PostgreSQL for the run, shared by both projects (it counts its projects). */
const GLOBAL_SETUP = 'test/support/global-setup.ts';

export default defineConfig({
  test: {
    // Each file starts its own hub (four processes) on its own database. Three at a time on two cores: much of a file is
    // waiting (restarts, jobs, webhook retries), and with the processes bundled a hub starts in half the CPU it took;
    // two at a time took 330-350 s for issue 11's 49 files, three 252 s.
    maxWorkers: 3,
    // A worker keeps the modules it has loaded from one file to the next: loading the hub's code afresh for every file
    // cost 120 s of the two cores' time. Nothing in the tests keeps state at a module's top level (the engine a file
    // runs under comes from its project's env, below).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/timing-reporter.ts'],
    setupFiles: ['./test/support/count-assertions.ts', './test/support/measure-cpu.ts', './test/support/failure-logs.ts'],
    // Resolved by vite like the tests' own imports, so both use the same graphql module (instanceof checks in graphql-js).
    server: { deps: { inline: ['graphql-query-complexity'] } },
    projects: [
      { extends: true, test: { name: 'apollo', include: ['test/**/*.test.ts'], globalSetup: [GLOBAL_SETUP] } },
      { extends: true, test: { name: 'hive', include: UNDER_HIVE, globalSetup: [GLOBAL_SETUP], env: { UNICARD_GATEWAY_ENGINE: 'hive' } } },
      {
        extends: true,
        test: { name: 'hive-router', include: UNDER_HIVE, globalSetup: [GLOBAL_SETUP], env: { UNICARD_GATEWAY_ENGINE: 'hive-router' } },
      },
    ],
  },
});
