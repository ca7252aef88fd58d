/**
 * The console's words for the graph's codes (console/src/parts/enum-labels.ts) cover every value of each enum it
 * shows, in both languages, as the composed supergraph has them: a value added to the schema cannot appear raw.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-root.js';
import { ENUM_LABELS } from '../../console/src/parts/enum-labels.js';

const supergraph = parse(readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8'));
const valuesOf = (name: string) =>
  supergraph.definitions.flatMap((d) => (d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name ? (d.values ?? []).map((v) => v.name.value) : []));

describe("the console's words for the graph's codes", () => {
  it.each(Object.keys(ENUM_LABELS))('%s: every value, in Chinese and English, and no value the graph does not have', (name) => {
    const labels = ENUM_LABELS[name as keyof typeof ENUM_LABELS] as Record<string, readonly [string, string]>;
    const values = valuesOf(name);
    expect(values.length, name).toBeGreaterThan(0);
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const [value, [zh, en]] of Object.entries(labels)) {
      expect(zh, value).toMatch(/\p{Script=Han}/u);
      expect(en, value).toMatch(/^[A-Z][a-z]/);
    }
  });
});
