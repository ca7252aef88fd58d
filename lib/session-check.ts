/**
 * Which requests carry their caller's session check in their command's first statement, instead of a statement of its
 * own before anything runs (lib/session-end.ts CallerSession; issue 25: a checkout in three round trips), and the
 * plugin that answers for a deferred check before the request answers.
 *
 * A command says it carries the check (`carriesSessionCheck` in lib/commands.ts) when its first statement selects the
 * check's columns and settles them before it uses anything it read: the till's movements, whose read at the store
 * (ledger/terms/terms.ts openAtStore) is that statement. A request defers only when it is one mutation made of such
 * fields alone; anything else (a query, another field beside it, a text that does not parse) is checked first, as
 * every request was.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { commandInfo } from './commands.js';
import { HTTP_STATUS, maskError, type ErrorCode } from './errors.js';
import type { LoggedContext } from './plugins.js';
import type { CallerSession } from './session-end.js';
import { TextMemory } from './text-memory.js';

/** The mutation fields of `resolvers` whose commands carry their session check. */
export function fieldsCarryingSessionCheck(resolvers: object): Set<string> {
  const mutation = (resolvers as { Mutation?: Record<string, unknown> }).Mutation ?? {};
  return new Set(Object.entries(mutation).flatMap(([name, resolver]) => (commandInfo(resolver)?.carriesSessionCheck ? [name] : [])));
}

/** The operation a request runs: the one it names, or its only one. */
function operationOf(query: string, operationName: unknown): OperationDefinitionNode | null {
  const operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (typeof operationName === 'string') return operations.find((o) => o.name?.value === operationName) ?? null;
  return operations.length === 1 ? operations[0]! : null;
}

/** Whether a request's body (its parsed JSON) is one mutation whose fields all carry their session check. */
export function carriedSessionChecks(resolvers: object): (body: unknown) => boolean {
  const carrying = fieldsCarryingSessionCheck(resolvers);
  const remembered = new TextMemory<boolean>();
  return (body) => {
    if (carrying.size === 0 || typeof body !== 'object' || body === null) return false;
    const { query, operationName } = body as { query?: unknown; operationName?: unknown };
    if (typeof query !== 'string') return false;
    const key = `${typeof operationName === 'string' ? operationName : ''}\0${query}`;
    const known = remembered.get(key);
    if (known !== undefined) return known;
    let carried: boolean;
    try {
      const operation = operationOf(query, operationName);
      const selections = operation?.operation === 'mutation' ? operation.selectionSet.selections : [];
      carried = selections.length > 0 && selections.every((s) => s.kind === Kind.FIELD && carrying.has(s.name.value));
    } catch {
      carried = false; // Apollo refuses the text itself, after the session's check
    }
    remembered.remember(key, carried);
    return carried;
  };
}

/** A refusal of the session as a request's whole answer, formatted as Apollo formats errors (lib/errors.ts maskError). */
function refusalAnswer(refusal: unknown): { error: GraphQLFormattedError; status: number } {
  const error = refusal instanceof GraphQLError ? refusal : new GraphQLError('Internal server error', { originalError: refusal as Error });
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  const formatted = maskError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR', ...extensions } }, refusal);
  return { error: formatted, status: HTTP_STATUS[formatted.extensions?.code as ErrorCode] ?? 500 };
}

/**
 * Before a request that deferred its session check answers: if the check refused (or, never carried, refuses now), the
 * request's answer is that refusal alone, as when the check ran first; a field that answered without its check is a
 * fault, logged.
 */
export function deferredSessionCheckPlugin(): ApolloServerPlugin<LoggedContext & { session: CallerSession }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const session = contextValue.session;
          if (response.body.kind !== 'single') return;
          if (session.unsettled && response.body.singleResult.data)
            contextValue.log.error('a command that carries its session check answered without settling it');
          const refusal = await session.outcome();
          if (!refusal) return;
          const { error, status } = refusalAnswer(refusal);
          response.body.singleResult = { errors: [error] };
          response.http.status = status;
        },
      };
    },
  };
}
