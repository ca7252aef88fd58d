import { defineConfig } from 'vitest/config';
import { LargestFirst } from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file starts its own hub (four processes) on its own database. Three at a time on two cores: much of a file is
    // waiting (restarts, jobs, webhook retries), and with the processes bundled a hub starts in half the CPU it took;
    // two at a time took 330-350 s for issue 11's 49 files, three 252 s.
    maxWorkers: 3,
    sequence: { sequencer: LargestFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Resolved by vite like the tests' own imports, so both use the same graphql module (instanceof checks in graphql-js).
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
