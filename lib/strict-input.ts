/**
 * Input is checked at the edge of every process, before any resolver or
 * SQL sees it: every string of every argument (inline or from variables,
 * `_entities` representations included) is free of control characters and
 * of a sane length, and the custom scalars accept only their documented
 * form. Domain functions still check their own rules (an amount > 0, a name
 * of at most 60 characters); this is the floor under all of them.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, GraphQLScalarType, Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';

/** C0 controls and DEL. None belongs in a name, an id, a key or an amount; NUL cannot even be stored. */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Longer than any field the hub takes; the domain's own limits are far lower. */
export const MAX_STRING_LENGTH = 4096;

/** Field names as clients know them: `input.name` is reported as `name`, as the domain's own errors do. */
const fieldName = (path: string) => path.replace(/^input\./, '');

export function badString(message: string, path: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: fieldName(path), http: { status: 400 } } });
}

function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_LENGTH) throw badString(`${fieldName(path)} is longer than ${MAX_STRING_LENGTH} characters`, path);
    if (CONTROL.test(value)) throw badString(`${fieldName(path)} contains a control character`, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}.${i}`));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkValue(item, `${path}.${key}`);
  }
}

function literalValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((v) => literalValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalValue(f.value, variables)]));
    default:
      return null;
  }
}

/**
 * A document's arguments in document order, found once: servers hand out the same parsed document for the same text
 * (Apollo's document store, Hive's parser cache), and walking it again for every request was some 2% of the
 * gateway's CPU per checkout.
 */
const ARGUMENTS = new WeakMap<DocumentNode, ArgumentNode[]>();
function argumentsOf(document: DocumentNode): ArgumentNode[] {
  let found = ARGUMENTS.get(document);
  if (!found) {
    const all: ArgumentNode[] = [];
    visit(document, { Argument: (node) => void all.push(node) });
    ARGUMENTS.set(document, (found = all));
  }
  return found;
}

/** Every string an operation's arguments carry, by argument path; throws BAD_USER_INPUT on the first bad one. */
export function checkArgumentStrings(document: DocumentNode, variables: Record<string, unknown> = {}): void {
  for (const node of argumentsOf(document)) checkValue(literalValue(node.value, variables), node.name.value);
  // Variables no argument uses are still parsed and kept by the server: check them too.
  for (const [name, value] of Object.entries(variables)) checkValue(value, name);
}

export function strictInputPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          checkArgumentStrings(document, request.variables ?? {});
        },
      };
    },
  };
}

function stringScalar(name: string, description: string, test: (value: string) => boolean, serialize: (value: unknown) => string): GraphQLScalarType {
  const reject = () => new GraphQLError(`${name} must be ${description}`);
  return new GraphQLScalarType({
    name,
    serialize,
    parseValue(value) {
      if (typeof value !== 'string' || !test(value)) throw reject();
      return value;
    },
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING || !test(ast.value)) throw reject();
      return ast.value;
    },
  });
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (v: string) => {
  const at = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === v;
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The custom scalars, strict on input (their documented string form only) and plain on output. */
export const scalars = {
  Decimal: stringScalar(
    'Decimal',
    'a decimal string with at most two decimals, like "12.50"',
    (v) => DECIMAL.test(v),
    (v) => String(v),
  ),
  // A real day of the calendar: 2026-13-01 and 2026-02-30 match the pattern and are refused.
  Date: stringScalar(
    'Date',
    'a calendar date like "1990-05-17"',
    (v) => DATE.test(v) && isCalendarDay(v),
    (v) => String(v),
  ),
  DateTime: stringScalar(
    'DateTime',
    'an ISO-8601 instant like "2026-10-31T16:00:00.000Z"',
    (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
    (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  ),
  Points: new GraphQLScalarType({
    name: 'Points',
    description: 'Whole points, as a JSON number; exact, or an error past 2^53',
    serialize(value) {
      const points = typeof value === 'bigint' ? value : BigInt(value as number);
      if (points > BigInt(Number.MAX_SAFE_INTEGER) || points < -BigInt(Number.MAX_SAFE_INTEGER)) throw new GraphQLError('Points too large to show exactly');
      return Number(points);
    },
    parseValue(value) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new GraphQLError('Points must be a whole number');
      return value;
    },
    parseLiteral(ast) {
      if (ast.kind !== Kind.INT || !Number.isSafeInteger(Number(ast.value))) throw new GraphQLError('Points must be a whole number');
      return Number(ast.value);
    },
  }),
};
