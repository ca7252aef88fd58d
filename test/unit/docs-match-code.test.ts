/**
 * The lists in docs/ that once drifted from the code (issue 23: the README named 13 audited actions of 17, 5 movements
 * of 8 transaction kinds, configuration it no longer read): each is checked against the code that defines it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, REQUEST_REFUSAL_STATUS } from '../../lib/errors.js';
import { projectPath } from '../../lib/project-root.js';
import { sourceFiles } from '../support/source-files.js';
import { TRANSACTION_KINDS } from '../../subgraphs/wallet/ledger/journal/transaction.js';

const doc = (name: string) => readFileSync(projectPath('docs', name), 'utf8');

/** The text of a page's section, from its heading to the next heading of the same or a higher level. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const level = heading.split(' ')[0]!;
  const rest = page.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

/** The hub's own code (not the tests, not generated code), as one text. */
const code = ['lib', 'subgraphs', 'gateway', 'scripts']
  .flatMap((folder) => sourceFiles(projectPath(folder)))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** Read from the environment but not configuration a user sets, each with its reason. */
const NOT_CONFIGURATION: Record<string, string> = {
  PATH: "the system's",
  HOME: "the system's",
  VITEST_POOL_ID: "vitest's worker number, which spreads the tests' ports apart",
  MIKRO_ORM_ALLOW_VERSION_MISMATCH: 'set by the bundles themselves (scripts/bundle.ts)',
  APOLLO_TELEMETRY_DISABLED: 'set by the gateway itself, always (docs/security.md)',
  UNICARD_PG_PACKAGES_FROM: "the tests' stand-in for a clone in a closed folder (test/embedded-postgres.test.ts)",
};

describe('the lists in docs/ match the code', () => {
  it("docs/ledger.md's table has a row for each kind of journal transaction, and no other", () => {
    const table = section(doc('ledger.md'), '## How it is built');
    const rows = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...TRANSACTION_KINDS]);
  });

  it("docs/access.md's errors are the catalogue's codes and the request codes, and no other", () => {
    const errors = section(doc('access.md'), '## Errors');
    const named = new Set([...errors.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]!));
    const known = new Set<string>([...ERROR_CODES, ...Object.keys(REQUEST_REFUSAL_STATUS), 'PAYLOAD_TOO_LARGE']);
    expect([...ERROR_CODES].filter((code) => !named.has(code))).toEqual([]);
    expect([...named].filter((code) => !known.has(code))).toEqual([]);
  });

  it('every `node <file>` the pages tell a user to run is a file the build makes, from a source that exists', () => {
    const pages = [
      'README.md',
      'contract/README.md',
      'bench/README.md',
      ...readdirSync(projectPath('docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const commands = pages.flatMap((page) =>
      [...readFileSync(projectPath(page), 'utf8').matchAll(/\bnode ([\w./-]+\.m?js)\b/g)].map((m) => ({ page, file: m[1]! })),
    );
    expect(commands.length).toBeGreaterThan(0);
    const wrong = commands.filter(
      ({ file }) => !/^dist\/(scripts|bundle)\//.test(file) || !existsSync(projectPath(file.replace(/^dist\//, '').replace(/\.m?js$/, '.ts'))),
    );
    expect(wrong).toEqual([]);
  });

  it("docs/operations.md's configuration names every variable the code reads, and only those", () => {
    const table = section(doc('operations.md'), '## Configuration');
    const documented = new Set<string>();
    for (const [, cell] of table.matchAll(/^\| ([^|]+) \|/gm)) {
      const names = [...cell!.matchAll(/`([A-Z_][A-Z0-9_]*)`/g)].map((m) => m[1]!);
      // `UNICARD_MAX_DEPTH`, `_ALIASES`: a name after the first shares the first one's prefix.
      const prefix = names[0]?.slice(0, names[0].lastIndexOf('_'));
      for (const name of names) documented.add(name.startsWith('_') ? `${prefix}${name}` : name);
    }
    const read = new Set([...code.matchAll(/env(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    expect([...read].filter((name) => !documented.has(name) && !(name in NOT_CONFIGURATION)).sort()).toEqual([]);
    // Each documented name is read somewhere: by name, by a name made in a template (`UNICARD_RATE_LIMIT_${role}`), or,
    // for npm start's ports, as port('GATEWAY', ...).
    const readAs = (name: string) => [name, `${name.slice(0, name.lastIndexOf('_') + 1)}\${`, `port('${name.replace(/_PORT$/, '')}'`];
    const unread = [...documented].filter((name) => !readAs(name).some((form) => code.includes(form)));
    expect(unread).toEqual([]);
  });
});
