/**
 * Apollo Server plugins shared by the gateway and the subgraphs: the same
 * token rule and the same request log lines everywhere.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Claims } from './auth.js';
import { HTTP_STATUS, unauthenticated, type ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

export interface LoggedContext extends BaseContext {
  claims: Claims | null;
  log: Logger;
}

/** Without a token, only operations made of `anonymousFields` (just `authenticate`) may run. */
export function requireTokenPlugin(anonymousFields: ReadonlySet<string>): ApolloServerPlugin<LoggedContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.claims || !operation) return;
          const fields = operation.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '*'));
          if (fields.length === 0 || !fields.every((f) => anonymousFields.has(f))) throw unauthenticated();
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
            if (!code || code === 'INTERNAL_SERVER_ERROR') contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'request failed');
          }
        },
      };
    },
  };
}

/**
 * GraphQL over HTTP: a request refused as a whole (no data) answers with the
 * status of its error, e.g. 401 for a failed login, whichever subgraph
 * refused it. The gateway learns the code from the subgraph's answer, and
 * sets the status itself.
 */
export function statusFromErrorsPlugin(): ApolloServerPlugin<LoggedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data || !errors?.length) return;
          const first = errors[0]!.extensions ?? {};
          const status = HTTP_STATUS[first.code as ErrorCode];
          if (!status || !errors.every((e) => e.extensions?.code === first.code)) return;
          response.http.status = status;
          if (typeof first.retryAfterSeconds === 'number') response.http.headers.set('retry-after', String(first.retryAfterSeconds));
        },
      };
    },
  };
}
