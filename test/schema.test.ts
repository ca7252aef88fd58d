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

  it('finds the three files of contract v3', () => {
    expect(CONTRACT_DIR.pathname).toMatch(/contract\/v3\/$/);
    expect(files.sort()).toEqual(['hq.graphql', 'member.graphql', 'merchant.graphql']);
    expect(contractOperations().size).toBe(35);
  });

  it.each(files)('%s validates against schema/supergraph.graphql', (file) => {
    const document = parse(readFileSync(new URL(file, CONTRACT_DIR), 'utf8'));
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
  });
});

describe('generated code', () => {
  it('schema/supergraph.graphql is what the subgraph SDLs compose to', () => {
    expect(composeSupergraph()).toBe(supergraphSdl);
  });

  it('resolver types are what codegen.yml generates from the SDLs', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
    const outputs: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);
    expect(outputs.length).toBe(3);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale: run npm run generate`).toBe(output.content);
    }
  });
});
