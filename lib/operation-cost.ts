/**
 * What an operation costs before it runs, knowing how long its lists can be.
 * List sizes are declared once, in the SDL, with federation's `@listSize`
 * (a page size from a slicing argument such as `first`, or an assumed size
 * such as a merchant's stores); composition carries them into the
 * supergraph, so the gateway and each subgraph read the same numbers.
 * The arithmetic is graphql-query-complexity's; the estimator is ours.
 */
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { Kind, getNamedType, getNullableType, isLeafType, isListType, type DocumentNode, type GraphQLSchema, type TypeNode, type ValueNode } from 'graphql';

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  /** @cost(weight:) on the field or on its type, when it costs other than one object. */
  weight?: number;
  /** A list whose length its parent's slicing argument gives (a connection's edges): counted once here. */
  sizedByParent?: boolean;
}

function constant(value: ValueNode): unknown {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.LIST) return value.values.map(constant);
  return undefined;
}

const namedTypeOf = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type));

/**
 * `Type.field` -> its @listSize and @cost, and `Type` -> a type's own @cost,
 * read from an SDL (a subgraph's or the supergraph).
 */
export function listSizesOf(sdl: DocumentNode): Map<string, ListSize> {
  const sizes = new Map<string, ListSize>();
  const entry = (key: string) => sizes.get(key) ?? sizes.set(key, {}).get(key)!;
  for (const definition of sdl.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const weight = directive.arguments?.find((a) => a.name.value === 'weight');
      if (directive.name.value === 'cost' && weight) entry(definition.name.value).weight = constant(weight.value) as number;
    }
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, constant(a.value)]));
        const spec = () => entry(`${definition.name.value}.${field.name.value}`);
        if (directive.name.value === 'listSize') {
          if (typeof args.assumedSize === 'number') spec().assumedSize = args.assumedSize;
          if (Array.isArray(args.slicingArguments)) spec().slicingArguments = args.slicingArguments as string[];
          for (const sized of Array.isArray(args.sizedFields) ? (args.sizedFields as string[]) : []) {
            entry(`${namedTypeOf(field.type)}.${sized}`).sizedByParent = true;
          }
        } else if (directive.name.value === 'cost' && typeof args.weight === 'number') {
          spec().weight = args.weight;
        }
      }
    }
  }
  return sizes;
}

/** A list nobody declared a size for counts as this long: large enough to be noticed in review. */
export const UNDECLARED_LIST_SIZE = 100;

/**
 * Objects cost 1 (or their @cost), scalars 0; a field's children are
 * multiplied by its list size: the slicing argument's value when given,
 * else the assumed size. `_entities` (subgraphs only) is as long as the
 * representations it is sent.
 */
export function listSizeEstimator(sizes: Map<string, ListSize>): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const spec = sizes.get(`${type.name}.${field.name}`);
    const named = getNamedType(field.type);
    const weight = spec?.weight ?? sizes.get(named.name)?.weight ?? (isLeafType(named) ? 0 : 1);
    let size = 1;
    if (field.name === '_entities' && Array.isArray(args.representations)) {
      size = args.representations.length;
    } else if (!spec?.sizedByParent) {
      const sliced = spec?.slicingArguments?.map((name) => args[name]).find((v): v is number => typeof v === 'number');
      if (sliced !== undefined) size = sliced;
      else if (spec?.assumedSize !== undefined) size = spec.assumedSize;
      else if (isListType(getNullableType(field.type))) size = UNDECLARED_LIST_SIZE;
    }
    return weight + Math.max(0, size) * childComplexity;
  };
}

export function operationCost(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  sizes: Map<string, ListSize>;
}): number {
  return getComplexity({
    schema: opts.schema,
    query: opts.document,
    variables: opts.variables,
    operationName: opts.operationName,
    estimators: [listSizeEstimator(opts.sizes)],
    // Fragments that spread each other many times over stop being walked here, whatever depth allowed.
    maxQueryNodes: 20_000,
  });
}

/** List fields of an SDL that declare no size: each would count as UNDECLARED_LIST_SIZE (a test keeps this empty). */
export function undeclaredLists(sdl: DocumentNode): string[] {
  const sizes = listSizesOf(sdl);
  const missing: string[] = [];
  for (const definition of sdl.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const nullable = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
      if (nullable.kind !== Kind.LIST_TYPE) continue;
      const spec = sizes.get(`${definition.name.value}.${field.name.value}`);
      if (spec?.assumedSize === undefined && !spec?.slicingArguments && !spec?.sizedByParent) missing.push(`${definition.name.value}.${field.name.value}`);
    }
  }
  return missing;
}
