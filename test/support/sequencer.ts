/**
 * The order test files start in: the largest first, as vitest does on a
 * machine that has no timings of earlier runs (a clean clone, CI), except
 * that a file that re-runs another through Hive Gateway (`*.hive.test.ts`,
 * three lines) weighs what that file weighs. Otherwise the Hive copy of the
 * story, one of the longest files, starts last and runs alone at the end.
 */
import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const weight = (spec: TestSpecification) => statSync(spec.moduleId.replace(/\.hive\.test\.ts$/, '.test.ts')).size;

export class LargestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}
