/**
 * How a test hub runs when its file does not say (test/support/hub.ts TestHubOptions.processes): its four servers in
 * one process, or with UNICARD_TEST_HUB_PROCESSES=four as four processes, to compare a whole run both ways
 * (docs/testing.md). The run's shared hub is in one process either way: it runs a gateway per engine beside the first
 * (global-setup.ts).
 */
export function defaultTestHubProcesses(): 'one' | 'four' {
  return process.env.UNICARD_TEST_HUB_PROCESSES === 'four' ? 'four' : 'one';
}
