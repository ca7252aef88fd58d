/**
 * The order test files start in: one project (gateway engine) after another, the smaller projects first, and in each
 * the longest file first, so that no long file starts last and runs alone at the end while the other workers idle.
 *
 * Projects are not interleaved because vitest hands a worker that finishes a file the next file only when that file is
 * of the same project (each project's worker runs its own configuration); otherwise it stops the worker and forks a new
 * one, which loads the test helpers, the hub's client code and MikroORM again (some 3 s each on two busy cores). With
 * the three projects interleaved by length a run forked 23 workers, and their setup and imports added up to some 120 s
 * of the workers' time (docs/testing.md); one project after another, each boundary costs at most one new worker per
 * worker slot. The two small projects go first: their longest files (the story under Hive, 30-45 s) then start early,
 * and the run ends on Apollo's short files. How long each took is kept in
 * durations.json (UNICARD_RECORD_DURATIONS=1 npm test refreshes it, through the timing reporter); a file not in it yet
 * is placed by its size, about a second per kilobyte, as vitest would on a machine with no timings of earlier runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { PROJECT_ROOT, projectPath } from '../../lib/project-root.js';

export const DURATIONS_FILE = projectPath('test', 'support', 'durations.json');
export const durationKey = (project: string, file: string) => `${project}:${file}`;

const recorded: Record<string, number> = existsSync(DURATIONS_FILE) ? (JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>) : {};

const expectedSeconds = (spec: TestSpecification) =>
  recorded[durationKey(spec.project.name, relative(PROJECT_ROOT, spec.moduleId))] ?? statSync(spec.moduleId).size / 1000;

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const filesOf = new Map<string, number>();
    for (const spec of files) filesOf.set(spec.project.name, (filesOf.get(spec.project.name) ?? 0) + 1);
    const projectOrder = (spec: TestSpecification) => filesOf.get(spec.project.name)!;
    return [...files].sort(
      (a, b) => projectOrder(a) - projectOrder(b) || a.project.name.localeCompare(b.project.name) || expectedSeconds(b) - expectedSeconds(a),
    );
  }
}
