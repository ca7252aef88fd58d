import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deduplicateRepresentations } from '../../gateway/entity-deduplication.js';

const merchant = (id: string) => ({ __typename: 'Merchant', id });

describe('entity representations sent to a subgraph', () => {
  it('go once each, and every occurrence gets its own copy of the answer', () => {
    const occurrences = [merchant('a'), merchant('b'), merchant('a'), merchant('c'), merchant('b')];
    const { unique, expand } = deduplicateRepresentations(occurrences);
    expect(unique).toEqual([merchant('a'), merchant('b'), merchant('c')]);
    const answers = unique.map((r) => ({ ...(r as object), name: `name of ${(r as { id: string }).id}`, nested: { x: 1 } }));
    const entities = expand({ data: { _entities: answers } }).data!._entities as { id: string; nested: object }[];
    expect(entities.map((e) => e.id)).toEqual(['a', 'b', 'a', 'c', 'b']);
    expect(entities[2]).toEqual(entities[0]);
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.nested).not.toBe(entities[0]!.nested);
  });

  it('report an error about a representation at every occurrence of it', () => {
    const { expand } = deduplicateRepresentations([merchant('a'), merchant('b'), merchant('a')]);
    const response = expand({
      data: { _entities: [null, { id: 'b' }] },
      errors: [
        { message: 'gone', path: ['_entities', 0, 'name'] },
        { message: 'other', path: ['elsewhere'] },
      ] as never,
    });
    expect(response.errors!.map((e) => [e.message, e.path])).toEqual([
      ['gone', ['_entities', 0, 'name']],
      ['gone', ['_entities', 2, 'name']],
      ['other', ['elsewhere']],
    ]);
    expect(response.data!._entities).toEqual([null, { id: 'b' }, null]);
  });

  it('leave an answer of the wrong shape for the gateway to reject', () => {
    const { expand } = deduplicateRepresentations([merchant('a'), merchant('a')]);
    const odd = { data: { _entities: [] } };
    expect(expand(odd)).toBe(odd);
  });

  it('round-trip any sequence of occurrences', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 40 }), (ids) => {
        const { unique, expand } = deduplicateRepresentations(ids.map(merchant));
        expect(unique.length).toBe(new Set(ids).size);
        const entities = expand({ data: { _entities: unique } }).data!._entities as { id: string }[];
        expect(entities.map((e) => e.id)).toEqual(ids);
      }),
    );
  });
});
