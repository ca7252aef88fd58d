/**
 * What a new user sees (issue 23): every step of `npm run build` says what it is doing before it does it, and says
 * when it is done (some 70 s of build passed with no output); `npm ci` installs nothing that asks for another Node
 * than the one the README requires (it printed 35 engine warnings).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-root.js';

const manifest = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const scripts = manifest.scripts;

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

  it('npm ci installs only packages that run on every Node the project supports', () => {
    const lock = JSON.parse(readFileSync(projectPath('package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: unknown }> };
    // The lowest Node of the range package.json declares (and the README asks for).
    const lowest = semver.minVersion(manifest.engines.node)!.version;
    const refusing = Object.entries(lock.packages).flatMap(([path, p]) => {
      const wanted = p.engines && typeof p.engines === 'object' && 'node' in p.engines ? String((p.engines as { node: string }).node) : null;
      return wanted && !semver.satisfies(lowest, wanted) ? [`${path}@${p.version}: node ${wanted}`] : [];
    });
    expect(refusing).toEqual([]);
    expect(semver.satisfies(process.version, manifest.engines.node), `this Node, ${process.version}`).toBe(true);
  });
});
