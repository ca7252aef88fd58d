/**
 * Apollo Server plugins shared by the gateway and the subgraphs: the same
 * token rule and the same request log lines everywhere. (Hive Gateway runs
 * the same rules from gateway/hive-engine.ts.)
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import type { Claims } from './auth.js';
import { HTTP_STATUS, REQUEST_REFUSAL_STATUS, isClientRefusal, maskError, unauthenticated, type ErrorCode } from './errors.js';
import { limitValidationRules, type OperationLimits } from './operation-limits.js';
import type { Logger } from './logger.js';

export interface LoggedContext extends BaseContext {
  claims: Claims | null;
  log: Logger;
}

/** The names of an operation's root fields; '' for a fragment at the root, which is no field name. */
export function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : ''));
}

/** Without a token, only operations made of `anonymousFields` (just `authenticate`) may run. */
export function checkTokenRequired(claims: Claims | null, operation: OperationDefinitionNode | null | undefined, anonymousFields: ReadonlySet<string>): void {
  if (claims || !operation) return;
  const fields = rootFieldNames(operation);
  if (fields.length === 0 || !fields.every((f) => anonymousFields.has(f))) throw unauthenticated();
}

export function requireTokenPlugin(anonymousFields: ReadonlySet<string>): ApolloServerPlugin<LoggedContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          checkTokenRequired(contextValue.claims, operation, anonymousFields);
        },
      };
    },
  };
}

/** One JSON line per request (carrying the request id of the context's logger), and the cause of internal errors. */
export function requestLogPlugin(): ApolloServerPlugin<LoggedContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors?.map((e) => e.extensions?.code) : undefined;
          contextValue.log.info({ operationName, ms: Math.round(performance.now() - started), errors }, 'request');
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            // Only real faults: what the engine marked as the client's (4xx) is no error of ours.
            if ((!code || code === 'INTERNAL_SERVER_ERROR') && !isClientRefusal(error))
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'request failed');
          }
        },
      };
    },
  };
}

/**
 * GraphQL over HTTP: a request refused as a whole (no data) answers with the
 * status of its error, e.g. 401 for a failed login, whichever subgraph
 * refused it: the status of errors all of one code that has a status of its
 * own (HTTP_STATUS). The gateway learns the code from the subgraph's answer,
 * and sets the status itself.
 */
export function statusOfRefusal(data: unknown, errors: readonly GraphQLFormattedError[] | undefined): { status: number; retryAfter?: string } | null {
  if (data || !errors?.length) return null;
  const first = errors[0]!.extensions ?? {};
  const status = HTTP_STATUS[first.code as ErrorCode] ?? REQUEST_REFUSAL_STATUS[String(first.code)];
  if (!status || !errors.every((e) => e.extensions?.code === first.code)) return null;
  return { status, ...(typeof first.retryAfterSeconds === 'number' ? { retryAfter: String(first.retryAfterSeconds) } : {}) };
}

export function statusFromErrorsPlugin(): ApolloServerPlugin<LoggedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const refusal = statusOfRefusal(data, errors);
          if (!refusal) return;
          response.http.status = refusal.status;
          if (refusal.retryAfter) response.http.headers.set('retry-after', refusal.retryAfter);
        },
      };
    },
  };
}

/** The Apollo Server settings of every process that runs Apollo (the subgraphs, and the gateway with the Apollo engine). */
export function apolloServerSettings(limits: OperationLimits) {
  return {
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    validationRules: limitValidationRules(limits),
    stopOnTerminationSignals: false, // shutdownOnSignals (lib/http.ts) drains connections first, then stops Apollo
    formatError: maskError,
    csrfPrevention: true,
  };
}
