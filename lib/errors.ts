import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The codes of docs/access.md "Errors"; clients branch on these, never on messages. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'INSUFFICIENT_FUNDS',
  'PAY_CODE_INVALID',
  'PAY_CODE_EXPIRED',
  'WALLET_FROZEN',
  'ISSUING_NOT_ALLOWED',
  'ACCEPTING_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_REUSED',
  'REFUND_EXCEEDS_REMAINING',
  'PERIOD_NOT_ENDED',
  'PERIOD_FINALIZED',
  'SETTLEMENT_UNBALANCED',
  'INSUFFICIENT_POINTS',
  'COUPON_NOT_APPLICABLE',
  'COUPON_EXPIRED',
  'COUPON_USED',
  'BUDGET_EXHAUSTED',
  'BENEFIT_NOT_APPLICABLE',
  'BENEFIT_EXHAUSTED',
  'ALREADY_SIGNED_IN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };
/** Request-level refusals of the engines, by their codes: the client's mistakes (a refusal as a whole answers with it). */
export const REQUEST_REFUSAL_STATUS: Record<string, number> = {
  OPERATION_RESOLUTION_FAILURE: 400,
  BAD_REQUEST: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
};

export function domainError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

export const userInputError = (message: string, field: string) => domainError('BAD_USER_INPUT', message, { field });
export const forbidden = (message = 'Not allowed for this caller') => domainError('FORBIDDEN', message);
export const notFound = (what: string) => domainError('NOT_FOUND', `${what} not found`);
export const unauthenticated = (message = 'A valid bearer token is required') => domainError('UNAUTHENTICATED', message);

const KNOWN_CODES = new Set<string>([
  ...ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
  // Apollo's own request-level codes are safe to pass through.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * What a client may see of an error besides its message: the code and the
 * few extensions documented with it. Anything else a library or a subgraph
 * put there (a nested response, a service name, an exception) is dropped.
 */
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'limit', 'max', 'cost', 'retryable', 'retryAfterSeconds', 'refundable']);

/** Codes of Node's sockets and undici for a peer that is not there (the database or, at the gateway, a subgraph). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  // A subgraph that did not answer within the gateway's limit (UNICARD_MAX_SUBGRAPH_MS).
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/**
 * The pool and driver errors that carry no code, matched on their own
 * messages (never on text a client sent): MikroORM puts the statement
 * before the driver's words, and with bound parameters that statement holds
 * no client value.
 */
const UNREACHABLE_MESSAGES =
  /(?:^| - )(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Knex: Timeout acquiring a connection|Couldn't find connection|Transaction query already complete)/;
/**
 * PostgreSQL SQLSTATEs that mean "the database is not there right now":
 * connection exceptions (08, but not 08P01, a protocol violation our own
 * statement caused), admin or crash shutdown, cannot connect now, too many
 * connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08(00[0-6]|001|004)|57P0[123]|53300)$/;

/** True when an error, or anything it wraps, is a connection that failed: worth retrying with the same key. */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  const { code, message, originalError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  // A Unix socket (the embedded PostgreSQL's) is a file that is not there while its server restarts.
  if (code === 'ENOENT' && (error as { syscall?: unknown }).syscall === 'connect') return true;
  if (typeof message === 'string' && !(error instanceof GraphQLError) && UNREACHABLE_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure(originalError, depth + 1) || isConnectionFailure(cause, depth + 1);
}

/** An error the engine itself marked as the client's doing: an HTTP status of 4xx. */
export function isClientRefusal(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** What PostgreSQL says of an error, as the driver gives it: its SQLSTATE, message and constraint. */
export interface PostgresErrorFields {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
}

/** Whether PostgreSQL's error, anywhere in an error's chain (the ORM and the driver wrap it, as originalError or cause), passes `test`. */
export function isPostgresError(error: unknown, test: (fields: PostgresErrorFields) => boolean, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  const { originalError, cause } = error as { originalError?: unknown; cause?: unknown };
  if (test(error as PostgresErrorFields)) return true;
  return isPostgresError(originalError, test, depth + 1) || isPostgresError(cause, test, depth + 1);
}

/** A PostgreSQL unique violation (23505) of the named constraint or index, anywhere in an error's chain. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return isPostgresError(error, (e) => e.code === '23505' && e.constraint === constraint);
}

/** What a client sees when it asks for the schema itself while introspection is off: nothing of the engine or its settings. */
const INTROSPECTION_REFUSED = 'The schema is not served to clients (__schema and __type)';

/**
 * graphql-js reports a variable that does not fit its type with the value
 * itself in the message; the client gets the field and what it must be.
 */
function cleanCoercionError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const match = /^Variable "\$(\w+)" (?:got invalid value .*? at "([^"]+)"|got invalid value|of required type "([^"]+)" was not provided)(.*)$/s.exec(
    formatted.message,
  );
  if (!match) return formatted;
  const [, variable, at, requiredType, rest = ''] = match;
  const field = (at ?? variable!).replace(/^input\./, '');
  const ours = /Expected type "(?:Decimal|Date|DateTime)"\. (.*)$/s.exec(rest)?.[1];
  const expected = /Expected type "([^"]+)"/.exec(rest)?.[1] ?? requiredType;
  const missing = /Field "(\w+)" of required type "([^"]+)" was not provided/.exec(rest);
  const message = ours
    ? `${field}: ${ours}`
    : missing
      ? `${field}.${missing[1]} is required (${missing[2]})`
      : requiredType
        ? `${field} is required (${requiredType})`
        : `${field} is not a valid ${expected ?? 'value'}`;
  return { ...formatted, message, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', field: missing ? `${field}.${missing[1]}` : field } };
}

/**
 * Keeps known domain errors (with only their public extensions) and turns
 * everything else into an opaque error, so SQL, stack traces, subgraph
 * names and secrets never reach a client. The original is logged by the
 * caller with the request id.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  // Apollo relabels errors of validation rules GRAPHQL_VALIDATION_FAILED; a limit refusal keeps its own code.
  if (typeof formatted.extensions?.limit === 'string') formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  formatted = cleanCoercionError(formatted);
  // Each engine's refusal of introspection names itself and the setting that would allow it.
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /introspection/i.test(formatted.message))
    formatted = { ...formatted, message: INTROSPECTION_REFUSED };
  // A refusal the engine marked as the client's (an HTTP status of 4xx) but gave no code, e.g. Apollo's persisted-query
  // hash that does not match its query (Apollo then labels it INTERNAL_SERVER_ERROR).
  if ((formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR') === 'INTERNAL_SERVER_ERROR' && isClientRefusal(original)) {
    formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  }
  // Apollo Gateway's words for a request that names no operation it can run: Apollo Server's code for the same.
  if (formatted.extensions?.code === 'INVALID_GRAPHQL' && /^(Unknown operation named|Must provide operation name)/.test(formatted.message)) {
    formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'OPERATION_RESOLUTION_FAILURE' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
    // No field suggestions ("Did you mean ..."): they map the schema for someone who may not see it.
    return {
      message: formatted.message.replace(/ ?Did you mean .+\?$/, ''),
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions,
    };
  }
  if (isConnectionFailure(original)) {
    return {
      message: 'The service is temporarily unavailable; retry with the same idempotency key',
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    };
  }
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
