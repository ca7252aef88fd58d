/**
 * The code's layers, held by a test: no import cycles anywhere; lib/ knows
 * no subgraph, gateway or script; the wallet's ledger imports nothing from
 * the features built on it (top-up, checkout, refund, settlement ...).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.js';
import { sourceFiles } from '../support/source-files.js';

const SOURCE_DIRS = ['lib', 'gateway', 'subgraphs', 'scripts', 'migrations'];

/** Relative imports of a file, as project-relative paths of .ts files (type-only imports included: they are dependencies too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(PROJECT_ROOT, resolve(dirname(file), s.replace(/\.js$/, '.ts'))));
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(PROJECT_ROOT, dir)));
const graph = new Map(files.map((file) => [relative(PROJECT_ROOT, file), importsOf(file)]));

describe('layers', () => {
  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('lib/ imports nothing from the subgraphs, the gateway or the scripts', () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      file.startsWith('lib/') ? imports.filter((i) => !i.startsWith('lib/')).map((i) => `${file} -> ${i}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it("the wallet's ledger imports only itself and lib/", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      file.startsWith('subgraphs/wallet/ledger/')
        ? imports.filter((i) => !i.startsWith('subgraphs/wallet/ledger/') && !i.startsWith('lib/')).map((i) => `${file} -> ${i}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });
});
