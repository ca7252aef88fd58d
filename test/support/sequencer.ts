/**
 * The order test files start in: the longest first, whichever project (gateway engine) a file runs in, so that no
 * long file starts last and runs alone at the end while the other workers idle. How long each took is kept in
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
    return [...files].sort((a, b) => expectedSeconds(b) - expectedSeconds(a));
  }
}
