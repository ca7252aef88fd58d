/**
 * Composes schema/supergraph.graphql from the three subgraph SDLs with
 * @apollo/composition, so production start needs no introspection.
 * `--check` exits non-zero if the checked-in file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { projectPath } from '../lib/project-root.js';

export const SUBGRAPHS = [
  { name: 'member', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'wallet', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'merchant', url: 'http://127.0.0.1:4003/graphql' },
] as const;

const supergraphPath = projectPath('schema', 'supergraph.graphql');

export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, url }) => ({ name, url, typeDefs: parse(readFileSync(projectPath('schema', `${name}.graphql`), 'utf8')) })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sdl = composeSupergraph();
  if (process.argv.includes('--check')) {
    if (readFileSync(supergraphPath, 'utf8') !== sdl) {
      console.error('schema/supergraph.graphql is stale: run npm run generate');
      process.exit(1);
    }
  } else {
    writeFileSync(supergraphPath, sdl);
    console.log('wrote schema/supergraph.graphql');
  }
}
