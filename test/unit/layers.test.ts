/**
 * The code's layers, held by a test: no import cycles between files, nor between folders; lib/ knows no subgraph,
 * gateway or script; a subgraph knows no other; and each subgraph's areas come in the order written below, each
 * reached from outside only through its one public entry (its index.ts). subgraphs/wallet/README.md says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.js';
import { sourceFiles } from '../support/source-files.js';

const SOURCE_DIRS = ['lib', 'gateway', 'subgraphs', 'scripts', 'migrations', 'bench'];

/**
 * Each subgraph's layers, lowest first: a layer's folders (or, as '.', the subgraph's own loose files). A file imports
 * only from its own layer and those before it. The last layer is the API (resolvers, their generated types, the request
 * context, the subgraph's definition), one unit.
 */
const LAYERS: Record<string, string[][]> = {
  'subgraphs/wallet': [['ledger'], ['programme'], ['marketing'], ['payments'], ['settlement'], ['jobs'], ['resolvers', 'generated', '.']],
  'subgraphs/member': [['directory'], ['membership'], ['session'], ['resolvers', 'generated', '.']],
  'subgraphs/merchant': [['participant'], ['access'], ['audit'], ['resolvers', 'generated', '.']],
};

/** Relative imports of a file, as project-relative paths of .ts files (type-only imports included: they are dependencies too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(PROJECT_ROOT, resolve(dirname(file), s.replace(/\.js$/, '.ts'))));
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(PROJECT_ROOT, dir)));
const graph = new Map(files.map((file) => [relative(PROJECT_ROOT, file), importsOf(file)]));
const edges = () => [...graph].flatMap(([file, imports]) => imports.map((target) => ({ file, target })));

/** Where a file sits: its subgraph, its layer's index there, its area (first folder, or '.'), its folder. */
function placeOf(file: string) {
  const subgraph = Object.keys(LAYERS).find((s) => file.startsWith(`${s}/`));
  if (!subgraph) return null;
  const inside = file.slice(subgraph.length + 1).split('/');
  const area = inside.length > 1 ? inside[0]! : '.';
  const layer = LAYERS[subgraph]!.findIndex((folders) => folders.includes(area));
  return { subgraph, area, layer, top: layer === LAYERS[subgraph]!.length - 1 };
}

/** The cycles of a directed graph, each as the path that closes it. */
function cyclesOf(next: Map<string, Set<string>>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'visiting');
    for (const n of next.get(node) ?? []) visit(n, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of next.keys()) visit(node, []);
  return cycles;
}

describe('layers', () => {
  it('has no import cycles between files', () => {
    expect(cyclesOf(new Map([...graph].map(([file, imports]) => [file, new Set(imports)])))).toEqual([]);
  });

  it("has no import cycles between folders (a subgraph's API layer counted as one)", () => {
    const folderOf = (file: string) => {
      const place = placeOf(file);
      return place?.top ? `${place.subgraph}/(api)` : dirname(file);
    };
    const next = new Map<string, Set<string>>();
    for (const { file, target } of edges()) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) next.set(from, (next.get(from) ?? new Set()).add(to));
    }
    expect(cyclesOf(next)).toEqual([]);
  });

  it('lib/ imports nothing from the subgraphs, the gateway or the scripts', () => {
    const wrong = edges().filter(({ file, target }) => file.startsWith('lib/') && !target.startsWith('lib/'));
    expect(wrong).toEqual([]);
  });

  it('a subgraph imports only lib/, its own migrations and itself', () => {
    const wrong = edges().filter(({ file, target }) => {
      const subgraph = placeOf(file)?.subgraph;
      if (!subgraph) return false;
      const own = subgraph.replace('subgraphs/', '');
      return !target.startsWith('lib/') && !target.startsWith(`${subgraph}/`) && !target.startsWith(`migrations/${own}/`);
    });
    expect(wrong).toEqual([]);
  });

  it('every folder of a subgraph is an area of its declared order', () => {
    const undeclared = [...graph.keys()].filter((file) => placeOf(file)?.layer === -1);
    expect(undeclared).toEqual([]);
  });

  it('an area imports only from the areas before it in its order', () => {
    const wrong = edges()
      .filter(({ file, target }) => {
        const [from, to] = [placeOf(file), placeOf(target)];
        return from && to && from.subgraph === to.subgraph && to.layer > from.layer;
      })
      .map(({ file, target }) => `${file} -> ${target}`);
    expect(wrong).toEqual([]);
  });

  it("another area's code is reached only through its index.ts, and an area never imports its own", () => {
    const entryOf = (place: NonNullable<ReturnType<typeof placeOf>>) => `${place.subgraph}/${place.area}/index.ts`;
    const wrong = edges()
      .filter(({ file, target }) => {
        const to = placeOf(target);
        if (!to || to.top || !existsSync(join(PROJECT_ROOT, entryOf(to)))) return false;
        const from = placeOf(file);
        const sameArea = from?.subgraph === to.subgraph && from.area === to.area;
        return sameArea ? target === entryOf(to) : target !== entryOf(to);
      })
      .map(({ file, target }) => `${file} -> ${target}`);
    expect(wrong).toEqual([]);
  });

  it('each area before the API layer has its public entry', () => {
    const missing = Object.entries(LAYERS).flatMap(([subgraph, layers]) =>
      layers
        .slice(0, -1)
        .flat()
        .filter((area) => area !== 'jobs' && !existsSync(join(PROJECT_ROOT, subgraph, area, 'index.ts')))
        .map((area) => `${subgraph}/${area}`),
    );
    expect(missing).toEqual([]);
  });
});
