/**
 * The repository stands alone (issue 22): nothing in the code, the tests, the bench, the scripts or the console reads
 * a path outside it, and the description it points to is inside it. A clone with nothing beside it runs everything.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.js';

const CODE_DIRS = ['lib', 'gateway', 'subgraphs', 'scripts', 'migrations', 'test', 'bench', 'console/src', '.ci'];
const CODE = /\.(ts|tsx|mjs|js|sh)$|^run$/;

function filesUnder(dir: string, keep: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['node_modules', 'dist', 'results', 'generated'].includes(name) ? [] : filesUnder(path, keep);
    return keep.test(name) ? [path] : [];
  });
}

const code = CODE_DIRS.flatMap((dir) => filesUnder(join(PROJECT_ROOT, dir), CODE));
const where = (file: string) => relative(PROJECT_ROOT, file);

describe('the repository stands alone', () => {
  it('finds the code it checks', () => {
    expect(code.length).toBeGreaterThan(200);
  });

  it('no file names the folder that once stood beside it, or its brief', () => {
    // Built from parts, so that this file does not name them itself.
    const beside = new RegExp(['\\.\\./', 'shared', '|', 'DESIGN', '\\.md|', 'DESIGN', ' "'].join(''));
    const named = [
      ...code,
      ...filesUnder(join(PROJECT_ROOT, 'docs'), /\.md$/),
      ...filesUnder(join(PROJECT_ROOT, 'schema'), /\.graphql$/),
      join(PROJECT_ROOT, 'README.md'),
    ].filter((file) => beside.test(readFileSync(file, 'utf8')));
    expect(named.map(where)).toEqual([]);
  });

  it('every path a file makes from its own location stays inside the repository', () => {
    const outside: string[] = [];
    for (const file of code) {
      const text = readFileSync(file, 'utf8');
      // new URL('../x', import.meta.url), and resolve/join(here-ish, '../..') spelled with literals.
      for (const match of text.matchAll(/new URL\(\s*'((?:\.\.?\/)+[^']*)'\s*,\s*import\.meta\.url\s*\)/g)) {
        const target = resolve(dirname(file), match[1]!);
        if (relative(PROJECT_ROOT, target).startsWith('..')) outside.push(`${where(file)}: ${match[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("every link between the description's pages leads to a file that is there", () => {
    const pages = [
      ...filesUnder(join(PROJECT_ROOT, 'docs'), /\.md$/),
      join(PROJECT_ROOT, 'README.md'),
      join(PROJECT_ROOT, 'contract', 'README.md'),
      join(PROJECT_ROOT, 'bench', 'README.md'),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      for (const match of readFileSync(page, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const path = resolve(dirname(page), target);
        if (relative(PROJECT_ROOT, path).startsWith('..') || !existsSync(path)) broken.push(`${where(page)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the contract in force is in the repository, one folder per version', () => {
    expect(readdirSync(join(PROJECT_ROOT, 'contract', 'v4')).sort()).toEqual(['hq.graphql', 'member.graphql', 'merchant.graphql']);
  });
});
