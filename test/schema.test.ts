/** The contract validates against the composed supergraph, and generated files are fresh. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { composeSupergraph } from '../scripts/compose-supergraph.js';
import { CONTRACT_DIR, contractOperations } from './support/graphql.js';

const supergraphSdl = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
// Through SDL text: federation-internals is CommonJS and carries its own graphql module instance.
const apiSchema = buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));

describe('contract operations', () => {
  const files = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql'));

  it('finds the three files of contract v4', () => {
    expect(CONTRACT_DIR.pathname).toMatch(/contract\/v4\/$/);
    expect(files.sort()).toEqual(['hq.graphql', 'member.graphql', 'merchant.graphql']);
    expect(contractOperations().size).toBe(45);
  });

  it.each(files)('%s validates against schema/supergraph.graphql', (file) => {
    const document = parse(readFileSync(new URL(file, CONTRACT_DIR), 'utf8'));
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
  });
});

describe("the console's operations", () => {
  // Every graphql(`...`) in console/src: the documents the client preset types, validated as one document (fragments
  // are shared between files) against the API the gateway serves.
  const sources = readdirSync(new URL('../console/src/', import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith('graphql'))
    .map((file) => readFileSync(new URL(`../console/src/${file}`, import.meta.url), 'utf8'));
  const documents = sources.flatMap((source) => [...source.matchAll(/graphql\(`([^`]*)`\)/g)].map((match) => match[1]!));

  it('validate against schema/supergraph.graphql', () => {
    expect(documents.length).toBeGreaterThan(15);
    expect(validate(apiSchema, parse(documents.join('\n'))).map((e) => e.message)).toEqual([]);
  });
});

describe('generated code', () => {
  it('schema/supergraph.graphql is what the subgraph SDLs compose to', () => {
    expect(composeSupergraph()).toBe(supergraphSdl);
  });

  it("resolver types and the console's operation types are what codegen.yml generates", async () => {
    const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
    const outputs: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);
    // Three subgraphs' resolvers, and the client preset's three files for the console.
    expect(outputs.map((o) => o.filename.replace(/^.*?(subgraphs|console)\//, '$1/')).sort()).toEqual([
      'console/src/graphql/gql.ts',
      'console/src/graphql/graphql.ts',
      'console/src/graphql/index.ts',
      'subgraphs/member/generated/resolvers.ts',
      'subgraphs/merchant/generated/resolvers.ts',
      'subgraphs/wallet/generated/resolvers.ts',
    ]);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale: run npm run generate`).toBe(output.content);
    }
  });
});
