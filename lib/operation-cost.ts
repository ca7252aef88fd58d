/**
 * What an operation costs before it runs, knowing how long its lists can be.
 * List sizes are declared once, in the SDL, with federation's `@listSize`
 * (a page size from a slicing argument such as `first`, or an assumed size
 * such as a merchant's stores); composition carries them into the
 * supergraph, so the gateway and each subgraph read the same numbers.
 * The arithmetic is graphql-query-complexity's; the estimator is ours.
 */
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  getOperationAST,
  isLeafType,
  isListType,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type TypeNode,
  type ValueNode,
} from 'graphql';

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

/** Days from `from` to `to` (Date strings), both counted; 1 for anything else (validation refuses it later). */
function daysOf(from: unknown, to: unknown): number {
  const days = (Date.parse(String(to)) - Date.parse(String(from))) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? Math.ceil(days) : 1;
}

/**
 * Fields computed on read over the raw movements, members and purchases (issue 21; docs/security.md "Limits on one request"):
 * each weighs what it scans, by its range and scope (a merchant's own is a fraction of the coalition's), so that a
 * request of several is refused by the cost; one request holds at most `maxAnalyticalFields` of them, and a caller
 * runs one such request at a time (the wallet's analytical guard). The numbers are in the units of the cost: objects.
 */
export const ANALYTICAL_FIELDS: Record<string, (args: Record<string, unknown>) => number> = {
  // Members, purchases, plans and points per day of the range: 20 a day over the coalition, 5 over one merchant.
  'Query.analytics': (args) => 500 + daysOf(args.from, args.to) * (args.merchantId ? 5 : 20),
  // The purchases of the reached and the held-out members over the campaign's window.
  'Campaign.results': () => 1_000,
  // One GROUP BY over a month's positions.
  'SettlementRun.positionMatrix': () => 500,
};

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
    const analytical = ANALYTICAL_FIELDS[`${type.name}.${field.name}`];
    const weight = analytical ? analytical(args) : (spec?.weight ?? sizes.get(named.name)?.weight ?? (isLeafType(named) ? 0 : 1));
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

/** How many analytical fields (ANALYTICAL_FIELDS) the operation selects, each alias apart. */
export function analyticalFieldCount(schema: GraphQLSchema, document: DocumentNode, operationName?: string): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const used = new Set<string>();
  let count = 0;
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent && ANALYTICAL_FIELDS[`${parent.name}.${node.name.value}`]) count++;
    },
    FragmentSpread(node) {
      used.add(node.name.value);
    },
  });
  visit(operation, visitor);
  // Each fragment the operation uses, once (spreading one twice merges its fields), and those they use in turn.
  const seen = new Set<string>();
  for (let pending = [...used]; pending.length > 0; pending = [...used].filter((name) => !seen.has(name))) {
    for (const name of pending) {
      seen.add(name);
      const fragment = fragments.get(name);
      if (fragment) visit(fragment, visitor);
    }
  }
  return count;
}

/** How a variable enters an operation's cost: by its whole value (a page size, a range, @include's condition), or by its length only (`_entities`' representations). */
type CostInput = 'value' | 'length';

/** A document's own record in KnownCosts. */
interface KnownDocument {
  /** The variables its cost reads, and how (costInputsOf). */
  inputs: Map<string, CostInput>;
  /** Analytical fields per operation name ('' for the only one). */
  analytical: Map<string, number>;
  /** Keys (KnownCosts.keyOf) whose cost was counted and let through. */
  passed: Set<string>;
}

/** Keys a document keeps: a page size or a range per request is a handful; more than this starts the set over. */
const KEYS_PER_DOCUMENT = 64;

/**
 * What a process remembers of the operations it has costed. A document's cost reads the variables only through the
 * arguments the estimator reads (a slicing argument, an analytical field's range and scope, the length of `_entities`'
 * representations) and the directives that keep or drop a selection (@include, @skip): those values are a request's key,
 * and the same document with the same key costs the same. A checkout's variables (its pay code, its amounts, its key)
 * enter no cost, so every checkout has the same key. Documents are the servers' own parsed and cached ones (Apollo's
 * document store, Hive's parser cache), held weakly, so a document the server forgets is forgotten here too.
 */
export class KnownCosts {
  private readonly documents = new WeakMap<DocumentNode, KnownDocument>();

  constructor(private readonly sizes: Map<string, ListSize>) {}

  private known(schema: GraphQLSchema, document: DocumentNode): KnownDocument {
    let known = this.documents.get(document);
    if (!known) {
      known = { inputs: costInputsOf(schema, document, this.sizes), analytical: new Map(), passed: new Set() };
      this.documents.set(document, known);
    }
    return known;
  }

  /** analyticalFieldCount, once per document and operation (it reads no variable). */
  analyticalFields(op: { schema: GraphQLSchema; document: DocumentNode; operationName?: string }): number {
    const { analytical } = this.known(op.schema, op.document);
    const name = op.operationName ?? '';
    let count = analytical.get(name);
    if (count === undefined) analytical.set(name, (count = analyticalFieldCount(op.schema, op.document, op.operationName)));
    return count;
  }

  /** The operation's name and the values its cost reads, as one string. */
  keyOf(op: { schema: GraphQLSchema; document: DocumentNode; variables?: Record<string, unknown>; operationName?: string }): string {
    let key = op.operationName ?? '';
    for (const [name, how] of this.known(op.schema, op.document).inputs) {
      const value = op.variables?.[name];
      key += `\u0000${how === 'length' && Array.isArray(value) ? `#${value.length}` : (JSON.stringify(value) ?? '-')}`;
    }
    return key;
  }

  passed(document: DocumentNode, key: string): boolean {
    return this.documents.get(document)?.passed.has(key) ?? false;
  }

  pass(document: DocumentNode, key: string): void {
    const passed = this.documents.get(document)?.passed;
    if (!passed) return;
    if (passed.size >= KEYS_PER_DOCUMENT) passed.clear();
    passed.add(key);
  }
}

/**
 * The variables a document's cost reads (listSizeEstimator's arguments, and every directive's), each with how: walked
 * over the whole document, every operation and fragment in it, so a variable is never missed (one read by another
 * operation of the same document only makes the key longer).
 */
export function costInputsOf(schema: GraphQLSchema, document: DocumentNode, sizes: Map<string, ListSize>): Map<string, CostInput> {
  const inputs = new Map<string, CostInput>();
  const collect = (node: ASTNode, how: CostInput) =>
    visit(node, {
      Variable(variable) {
        if (inputs.get(variable.name.value) !== 'value') inputs.set(variable.name.value, how);
      },
    });
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const key = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        const how: CostInput | undefined =
          node.name.value === '_entities' ? 'length' : sizes.get(key)?.slicingArguments || ANALYTICAL_FIELDS[key] ? 'value' : undefined;
        if (how) for (const argument of node.arguments ?? []) collect(argument, how);
      },
      Directive(node) {
        for (const argument of node.arguments ?? []) collect(argument, 'value');
      },
    }),
  );
  return inputs;
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
