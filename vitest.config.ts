import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file starts its own hub (four processes) on its own database. Three at a time on two cores: much of a
    // file is waiting (restarts, polling, the network), and three finished the suite ~30 s sooner than two.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Resolved by vite like the tests' own imports, so both use the same graphql module (instanceof checks in graphql-js).
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
