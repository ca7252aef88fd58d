/**
 * Processes started by our launcher (npm start, the tests) get an IPC channel
 * as a lifeline: when it closes, the launcher is gone and so should they be.
 */

/** Calls `onGone` once the launcher goes away (at once if it already has). Returns a function that stops watching. */
export function whenLauncherGone(onGone: () => void): () => void {
  if (typeof process.send !== 'function') return () => {}; // not started with a lifeline: run on our own
  if (!process.connected) {
    onGone();
    return () => {};
  }
  process.once('disconnect', onGone);
  return () => process.off('disconnect', onGone);
}
