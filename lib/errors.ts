import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The codes of DESIGN.md (and two of ours); clients branch on these, never on messages. */
const ERROR_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'INSUFFICIENT_FUNDS', 'PAY_CODE_INVALID', 'PAY_CODE_EXPIRED',
  'WALLET_FROZEN', 'ISSUING_NOT_ALLOWED', 'ACCEPTING_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED', 'REFUND_EXCEEDS_REMAINING',
  'PERIOD_NOT_ENDED', 'PERIOD_FINALIZED', 'SETTLEMENT_UNBALANCED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

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
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|socket hang up|Connection terminated|connection error and is not queryable|Transaction query already complete|terminating connection|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Couldn't find connection|fetch failed|other side closed|Connect Timeout Error/i;

/** PostgreSQL SQLSTATEs that mean "the database is not there right now": retryable. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123]|53300)/;

/**
 * Keeps known domain errors as they are and turns everything else into an
 * opaque error, so SQL, stack traces and secrets never reach a client. The
 * original is logged by the caller with the request id.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  // Apollo relabels errors of validation rules GRAPHQL_VALIDATION_FAILED; a limit refusal keeps its own code.
  if (typeof formatted.extensions?.limit === 'string') formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    // No field suggestions ("Did you mean ..."): they map the schema for someone who may not see it.
    return { ...formatted, message: formatted.message.replace(/ ?Did you mean .+\?$/, ''), extensions };
  }
  const cause = (original as { originalError?: { code?: unknown; message?: string } } | undefined)?.originalError;
  const sqlState = typeof cause?.code === 'string' ? cause.code : '';
  // The database, or (at the gateway) a subgraph, is not reachable: worth retrying with the same key.
  const text = `${cause?.message ?? ''} ${formatted.message}`;
  if (UNAVAILABLE_SQLSTATE.test(sqlState) || UNREACHABLE.test(text)) {
    return { message: 'The service is temporarily unavailable; retry with the same idempotency key', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } };
  }
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
