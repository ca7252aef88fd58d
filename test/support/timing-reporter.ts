/**
 * Says at the end of every run how long vitest took, how many tests and assertions ran, and which files took longest
 * (docs/testing.md keeps the table). With UNICARD_RECORD_DURATIONS=1 it also writes each file's duration to
 * test/support/durations.json, which the sequencer reads to start the longest files first.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { PROJECT_ROOT } from '../../lib/project-root.js';
import { DURATIONS_FILE, durationKey } from './sequencer.js';

/** What referenceWorkSeconds took on this kind of machine with nothing else running (2026-12-04, 18:00 UTC). */
const REFERENCE_QUIET = 0.1;

interface FileTiming {
  key: string;
  seconds: number;
  tests: number;
  assertions: number;
  /** CPU seconds of the worker, and of the processes it started that exited during the file (test/support/measure-cpu.ts). */
  workerCpu: number;
  childrenCpu: number;
}

/**
 * Seconds a fixed piece of single-core work takes (hashing and integer arithmetic; the median of five, after one to
 * warm up). This virtual machine's speed varies from hour to hour by more than most changes to the suite move it (the
 * same tree took 270 s and 440 s on different days), and its CPU clocks do not show it (no steal time is reported):
 * a run's time is read beside what this took before and after it, when nothing else runs: a slow machine at rest shows
 * here, though two busy cores can still slow from run to run without it (docs/testing.md).
 */
export function referenceWorkSeconds(): number {
  const block = Buffer.alloc(1 << 20, 7);
  const once = () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) createHash('sha256').update(block).digest();
    let x = 0;
    for (let i = 0; i < 30_000_000; i++) x = (x * 31 + i) | 0;
    return (performance.now() - started) / 1000 + (x === 0.5 ? 1 : 0); // x read, so the loop is not dropped
  };
  once();
  const times = Array.from({ length: 5 }, once).sort((a, b) => a - b);
  return times[2]!;
}

/**
 * Microseconds it takes to get a page of memory never touched before (64 MiB taken and each 4 KiB page written once).
 * A kernel with the page at hand zeroes and maps it in well under a microsecond; on the machine of 2026-12-06's last stop
 * it took 11 µs, with the VM's memory reclaim (`kdamond`) running: the host backs a page only when the guest first
 * writes it, and takes freed pages back. Every process started, PostgreSQL backend forked and heap grown pays that, and
 * the fixed piece of work above does not show it; that machine ran the suite at half the speed of the one before it
 * (docs/testing.md).
 */
export function freshPageMicroseconds(): number {
  const pages = 16_384;
  const started = performance.now();
  const block = Buffer.allocUnsafeSlow(pages * 4096);
  for (let offset = 0; offset < block.length; offset += 4096) block[offset] = 1;
  return ((performance.now() - started) * 1000) / pages + (block[4096] === 2 ? 1 : 0); // read, so the writes are kept
}

export default class TimingReporter implements Reporter {
  private startedAt = performance.now();
  private referenceBefore = 0;
  private freshPageBefore = 0;

  onTestRunStart(): void {
    this.referenceBefore = referenceWorkSeconds();
    this.freshPageBefore = freshPageMicroseconds();
    this.startedAt = performance.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const files: FileTiming[] = testModules.map((module) => {
      const tests = [...module.children.allTests()];
      return {
        key: durationKey(module.project.name, relative(PROJECT_ROOT, module.moduleId)),
        seconds: module.diagnostic().duration / 1000,
        tests: tests.length,
        assertions: tests.reduce((sum, test) => sum + (test.meta().assertions ?? 0), 0),
        workerCpu: (module.meta().workerCpuMs ?? 0) / 1000,
        childrenCpu: (module.meta().childrenCpuMs ?? 0) / 1000,
      };
    });
    const total = (pick: (f: FileTiming) => number) => files.reduce((sum, f) => sum + pick(f), 0);
    const referenceAfter = referenceWorkSeconds();
    const freshPageAfter = freshPageMicroseconds();
    // UNICARD_TIMING_ALL=1 lists every file, to see where the CPU goes when no one file stands out.
    const slowest = [...files].sort((a, b) => b.seconds - a.seconds).slice(0, process.env.UNICARD_TIMING_ALL === '1' ? files.length : 12);
    const lines = [
      '',
      `vitest: ${seconds.toFixed(1)} s for ${files.length} files, ${total((f) => f.tests)} tests, ${total((f) => f.assertions)} assertions`,
      `machine: a fixed piece of work took ${this.referenceBefore.toFixed(3)} s before the run and ${referenceAfter.toFixed(3)} s after (${REFERENCE_QUIET.toFixed(3)} s on a quiet machine of this kind); a fresh page of memory took ${this.freshPageBefore.toFixed(1)} µs before and ${freshPageAfter.toFixed(1)} µs after`,
      `CPU: ${total((f) => f.workerCpu).toFixed(0)} s in the workers, ${total((f) => f.childrenCpu).toFixed(0)} s in the files' own hubs and browsers (the shared hub and PostgreSQL not counted)`,
      'slowest files (seconds in their worker; CPU seconds of the worker and of its own hub; tests, assertions):',
      ...slowest.map(
        (f) =>
          `  ${f.seconds.toFixed(1).padStart(6)}  ${f.workerCpu.toFixed(1).padStart(5)}  ${f.childrenCpu.toFixed(1).padStart(5)}  ${String(f.tests).padStart(4)}  ${String(f.assertions).padStart(6)}  ${f.key}`,
      ),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.env.UNICARD_RECORD_DURATIONS === '1') {
      const recorded = Object.fromEntries([...files].sort((a, b) => a.key.localeCompare(b.key)).map((f) => [f.key, Math.round(f.seconds)]));
      writeFileSync(DURATIONS_FILE, `${JSON.stringify(recorded, null, 2)}\n`);
    }
  }
}
