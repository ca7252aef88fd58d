/**
 * Lint and format, in the tests (eslint.config.js, .prettierrc.json): ESLint finds nothing, and Prettier would change
 * nothing. `npm run lint` says the same; `npm run format` rewrites what Prettier would change.
 */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectPath } from '../../lib/project-root.js';

describe('the code', () => {
  it('passes ESLint', async () => {
    const results = await new ESLint({ cwd: PROJECT_ROOT }).lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${relative(PROJECT_ROOT, r.filePath)}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(300); // it did look at the code
  });

  it('is formatted as Prettier writes it (npm run format fixes it)', () => {
    const run = () =>
      execFileSync(process.execPath, [projectPath('node_modules/prettier/bin/prettier.cjs'), '--list-different', '.'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    let unformatted = '';
    try {
      run();
    } catch (error) {
      unformatted = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(unformatted.split('\n').filter(Boolean)).toEqual([]);
  });
});
