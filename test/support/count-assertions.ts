/**
 * Counts each test's assertions (vitest's own count of `expect` calls) into its metadata, for the timing reporter's
 * totals: a suite that gets faster must not get there by asserting less (docs/testing.md).
 */
import { afterEach, expect } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    assertions?: number;
  }
}

afterEach((context) => {
  context.task.meta.assertions = expect.getState().assertionCalls;
});
