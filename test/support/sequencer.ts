/**
 * The order test files start in: the largest first, as vitest does on a
 * machine that has no timings of earlier runs (a clean clone, CI), whichever
 * project (gateway engine) a file runs in. A long file that starts last runs
 * alone at the end while the other workers idle.
 */
import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const weight = (spec: TestSpecification) => statSync(spec.moduleId).size;

export class LargestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => weight(b) - weight(a));
  }
}
