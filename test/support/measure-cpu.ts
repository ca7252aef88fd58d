/**
 * Measures each test file's CPU for the timing reporter (docs/testing.md "Where the time goes"): the worker's own (the
 * tests, their HTTP clients, fast-check, in-process domain code) and that of the processes it started and saw exit
 * during the file (its own hub's four processes, restarts included, and a browser), which Linux adds to the parent's
 * children's times when it reaps them. The shared hub belongs to the main process and PostgreSQL to its server, so
 * neither is in a file's figures. Elsewhere than Linux the children's share reads as zero.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    workerCpuMs?: number;
    childrenCpuMs?: number;
  }
}

/** Linux counts in clock ticks of 1/100 s (USER_HZ) in /proc. */
const TICK_MS = 10;

/** cutime + cstime of this process: the CPU of its children that have exited and been waited for. */
function exitedChildrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

let worker = process.cpuUsage();
let children = 0;

// A setup file's hooks are the first registered: its beforeAll runs before the file's and its afterAll after them
// (vitest runs afterAll hooks in reverse order), so a hub the file stops in its afterAll is counted.
beforeAll(() => {
  worker = process.cpuUsage();
  children = exitedChildrenCpuMs();
});

// vitest reads the first argument's destructuring for the fixtures a hook asks for: none here.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => {
  const used = process.cpuUsage(worker);
  suite.meta.workerCpuMs = Math.round((used.user + used.system) / 1000);
  suite.meta.childrenCpuMs = exitedChildrenCpuMs() - children;
});
