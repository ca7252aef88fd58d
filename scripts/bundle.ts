/**
 * `npm run build`'s second step: bundles each process's compiled entry
 * (dist/…/main.js), and the tests' hub in one process
 * (scripts/hub-in-one-process.ts), with esbuild into dist/bundle/, which is
 * what `npm start` and the tests run.
 *
 * Why: a process started from dist/ spent about 2 of its 4 seconds of CPU in
 * Node's module loader (resolving some 2,000 files in node_modules, lexing
 * CommonJS exports for ESM, compiling each file), and the test suite starts
 * some 45 hubs of four processes. A few files per process (shared chunks split out) halve a hub's start
 * (about 3.9 to 1.9 s of wall time, 7.5 to 3.7 s of CPU on this machine).
 * The code is the same compiled JavaScript; only where it is loaded from
 * changes. Chunks shared between processes (graphql, MikroORM) are split out,
 * and the gateway's two engines stay separate chunks, loaded on demand.
 *
 * Whitespace and syntax are minified (names are kept, so stack traces and profiles still read): V8 reads, decodes
 * and compiles every byte of a module at each start, and 18 MB became 13 MB, some 0.7 s of CPU less per hub start
 * (4.4 to 3.7 s on this machine, measured by starting hubs and reading each process's CPU time).
 */
import { rmSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { projectPath } from '../lib/project-root.js';

/**
 * Drivers and tools that libraries require lazily for features the hub does
 * not use (knex's other dialects, MikroORM's CLI, TypeScript for config
 * files): left as imports, so they would fail only if ever reached.
 */
const NOT_BUNDLED = [
  'better-sqlite3',
  'sqlite3',
  'libsql',
  'mysql',
  'mysql2',
  'mariadb',
  'oracledb',
  'tedious',
  'pg-native',
  'pg-query-stream',
  'typescript',
  'ts-node',
  '@swc/*',
  '@mikro-orm/cli',
  '@mikro-orm/entity-generator',
  '@mikro-orm/seeder',
  // Hive Router's query planner is a native addon (a .node file per platform), loaded from node_modules when the
  // hive-router engine is chosen.
  '@graphql-hive/router-query-planner',
];

/**
 * What Apollo Gateway loads at its start for features this hub turns off or replaces (some 1.9 of its 3.7 MB): each
 * is bundled as a stand-in that throws, naming itself and why it is left out, if anything ever reaches it. Only for
 * the importers named, so that no other package loses them. A gateway start is a fifth of a hub's (docs/testing.md).
 */
const LEFT_OUT: { importer: RegExp; path: RegExp; why: string; exports?: string }[] = [
  {
    importer: /@apollo\/gateway\/dist\/utilities\/opentelemetry\.js$/,
    path: /^@opentelemetry\/(?!api$)/,
    why: "reporting to Apollo's servers, which the gateway turns off (APOLLO_TELEMETRY_DISABLED, gateway/apollo-engine.ts)",
  },
  {
    importer: /@apollo\/gateway\/dist\//,
    path: /^make-fetch-happen$/,
    why: "Apollo Gateway's default fetcher, which gateway/subgraph-fetcher.ts replaces",
    // RemoteGraphQLDataSource makes its default fetcher before taking ours: making one must work, fetching must not.
    exports: '{ defaults: () => () => Promise.reject(leftOut()) }',
  },
  {
    importer: /@apollo\/gateway\/dist\/supergraphManagers\//,
    path: /^@apollo\/composition$/,
    why: 'composing at run time: the gateway reads the composed supergraph',
  },
  { importer: /node-fetch\/lib\//, path: /^encoding$/, why: "node-fetch's textConverted(), which nothing calls", exports: '{}' },
  { importer: /@apollo\/query-graphs\/dist\/graphviz\.js$/, path: /^ts-graphviz$/, why: 'drawing query graphs, a debugging aid' },
];

const leaveOut: Plugin = {
  name: 'leave-out',
  setup(build) {
    build.onResolve({ filter: /./ }, ({ path, importer }) => {
      const rule = LEFT_OUT.find((r) => r.path.test(path) && r.importer.test(importer));
      return rule && { path, namespace: 'left-out', pluginData: rule };
    });
    build.onLoad({ filter: /./, namespace: 'left-out' }, ({ path, pluginData }) => {
      const rule = pluginData as (typeof LEFT_OUT)[number];
      const leftOut = `() => new Error(${JSON.stringify(`${path} is left out of the bundle (scripts/bundle.ts): ${rule.why}`)})`;
      return {
        loader: 'js',
        // Any export read is a function that throws when called; reading one (a constant in a Set at load) is harmless.
        contents: `const leftOut = ${leftOut};\nmodule.exports = ${rule.exports ?? `new Proxy({}, { get: (_, key) => (typeof key === 'symbol' || key === '__esModule' ? undefined : () => { throw leftOut(); }) })`};`,
      };
    });
  },
};

/**
 * Apollo's hash helper uses Node's crypto only where `module.require` exists, which a bundle's CommonJS wrapper does not
 * give; it then hashes in JavaScript (sha.js), and Apollo Server hashes every request's text with it: 1.4% of the
 * gateway's and 0.5% of the wallet's CPU in a checkout's profile. Bundled as Node's own createHash.
 */
const nodeHash: Plugin = {
  name: 'node-hash',
  setup(build) {
    build.onResolve({ filter: /^@apollo\/utils\.createhash$/ }, ({ path }) => ({ path, namespace: 'node-hash' }));
    build.onLoad({ filter: /./, namespace: 'node-hash' }, () => ({ loader: 'js', contents: "export { createHash } from 'node:crypto';" }));
  },
};

/**
 * pg picks its socket by asking whether it runs in a Cloudflare Worker, and asks by building a fetch `Response`, which
 * loads Node's fetch (undici): some 50 ms of CPU at every process's start on this machine, for an answer that is always
 * no here (docs/testing.md). Bundled as pg's own Node.js socket functions.
 */
const pgNodeStream: Plugin = {
  name: 'pg-node-stream',
  setup(build) {
    build.onResolve({ filter: /^\.\/stream$/ }, ({ path, importer }) =>
      /[/\\]pg[/\\]lib[/\\]connection\.js$/.test(importer) ? { path, namespace: 'pg-node-stream' } : undefined,
    );
    build.onLoad({ filter: /./, namespace: 'pg-node-stream' }, () => ({
      loader: 'js',
      // Required when first used, as pg does: tls only for a connection that asks for it.
      contents: "module.exports = { getStream: () => new (require('net').Socket)(), getSecureStream: (options) => require('tls').connect(options) };",
    }));
  },
};

const BUNDLED_ENTRIES = {
  member: 'dist/subgraphs/member/main.js',
  wallet: 'dist/subgraphs/wallet/main.js',
  merchant: 'dist/subgraphs/merchant/main.js',
  gateway: 'dist/gateway/main.js',
  'hub-in-one-process': 'dist/scripts/hub-in-one-process.js',
} as const;

// Chunks are named by their content's hash: without emptying the folder, every build would leave the last one's behind.
rmSync(projectPath('dist/bundle'), { recursive: true, force: true });

await build({
  entryPoints: Object.fromEntries(Object.entries(BUNDLED_ENTRIES).map(([name, entry]) => [name, projectPath(entry)])),
  outdir: projectPath('dist/bundle'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: NOT_BUNDLED,
  plugins: [leaveOut, nodeHash, pgNodeStream],
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // UNICARD_BUNDLE_SOURCEMAP=1: maps beside the bundles (never loaded by Node), to read a CPU profile by source file.
  sourcemap: process.env.UNICARD_BUNDLE_SOURCEMAP ? 'external' : false,
  banner: {
    js: [
      // CommonJS libraries inside an ES module bundle still call require().
      "import { createRequire as __unicardRequire } from 'node:module'; const require = __unicardRequire(import.meta.url);",
      // MikroORM checks that its packages share one version by reading their package.json beside its own files,
      // which a bundle does not have; package-lock.json pins them to one version.
      "process.env.MIKRO_ORM_ALLOW_VERSION_MISMATCH ??= '1';",
    ].join('\n'),
  },
});
