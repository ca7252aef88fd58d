/**
 * @apollo/gateway sends one representation per occurrence of an entity: a
 * settlement's 40,000 positions ask the merchant subgraph about 80,000
 * merchants, most of them the same 200 (Apollo Router deduplicates; this
 * gateway does not). We send each distinct representation once and fan the
 * answers, and any errors about them, back out to every occurrence.
 */
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface DeduplicatedRepresentations {
  unique: unknown[];
  /** The subgraph's answer for the distinct representations, as the gateway expects it for all of them. */
  expand(response: SubgraphResponse): SubgraphResponse;
}

export function deduplicateRepresentations(representations: unknown[]): DeduplicatedRepresentations {
  const unique: unknown[] = [];
  const indexOfKey = new Map<string, number>();
  // For each original occurrence, the index of its distinct representation.
  const uniqueIndex = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexOfKey.get(key);
    if (index === undefined) {
      index = unique.push(representation) - 1;
      indexOfKey.set(key, index);
    }
    return index;
  });

  const expand = (response: SubgraphResponse): SubgraphResponse => {
    const entities: unknown = response.data?._entities;
    if (!Array.isArray(entities) || entities.length !== unique.length) return response;
    const seen = new Set<number>();
    // The gateway merges each answer into its result by reference: later occurrences get their own copy.
    const expanded = uniqueIndex.map((u) => (seen.has(u) ? structuredClone(entities[u]) : (seen.add(u), entities[u])));
    const occurrences = new Map<number, number[]>();
    if (response.errors) uniqueIndex.forEach((u, i) => (occurrences.get(u) ?? occurrences.set(u, []).get(u)!).push(i));
    const errors = response.errors?.flatMap((error) => {
      const path = error.path;
      if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
      return (occurrences.get(path[1]) ?? []).map((i) => ({ ...error, path: ['_entities', i, ...path.slice(2)] }));
    });
    return { ...response, data: { ...response.data, _entities: expanded }, ...(errors ? { errors } : {}) };
  };
  return { unique, expand };
}
