/**
 * What a new user sees of the long steps (issue 23: some 70 s of build passed with no output): every step of
 * `npm run build` says what it is doing before it does it, and says when it is done.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-root.js';

const scripts = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('what a new user sees', () => {
  it('npm run build announces each of its steps, and its end', () => {
    const steps = scripts.build!.split('&&').map((step) => step.trim());
    // Announced first; then at most two commands under one announcement (the console's tsc and vite).
    expect(steps[0]).toMatch(/^echo /);
    let unannounced = 0;
    for (const step of steps) {
      unannounced = step.startsWith('echo ') ? 0 : unannounced + 1;
      expect(unannounced, step).toBeLessThanOrEqual(2);
    }
    expect(steps.at(-1)).toBe("echo 'build: done'");
  });
});
