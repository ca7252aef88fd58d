import { defineConfig } from 'vitest/config';
import { LargestFirst } from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file starts its own hub (four processes) on its own database; two at a time suit two cores (three
    // finished sooner with fewer tests, then stretched the long fault and supervision files past it).
    maxWorkers: 2,
    sequence: { sequencer: LargestFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Resolved by vite like the tests' own imports, so both use the same graphql module (instanceof checks in graphql-js).
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
