/**
 * One command layer for every mutation, in every subgraph, in four parts:
 *
 *   1. policy: who may call it at all, from the subgraph's one table of access policies
 *      (resolvers/access-policies.ts): a caller of another role is refused FORBIDDEN, one without a token
 *      UNAUTHENTICATED, before anything else is read;
 *   2. command: the finer rules (its own member, its own merchant's store) and the work, in plain domain functions;
 *   3. audit: the entry the command writes in its own transaction (lib/audit.ts), or, written beside it, why it is
 *      not audited (its record is the thing it makes: a journal transaction, a member);
 *   4. effects: what the request does once the change has committed (events published to the other subgraphs, the
 *      request's loaders told what changed).
 *
 * A resolver is a name and a command; no resolver checks a role by hand. Tests read the tables (the policies per role,
 * straight to each subgraph and through the gateway; the audit per mutation).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Claims, type ClaimsOf, type Role } from './auth.js';
import type { AuditAction, AuditSubject } from './audit-entry.js';

/** What a command needs of its request's context (every subgraph's RequestContext, lib/subgraph.ts, has it). */
export interface CommandContext {
  claims: Claims | null;
  em: EntityManager;
  audited: <T>(action: AuditAction, change: (tx: EntityManager) => Promise<T>, describe: (result: T) => AuditSubject) => Promise<T>;
}

/** Who may call a mutation. */
export interface AccessPolicy {
  /** The roles that may call it at all; ANYONE for the one call made without a token (authenticate). */
  roles: readonly Role[] | 'ANYONE';
  /** The finer rule its command applies, in words. */
  rule: string;
}

/** The caller a command sees: of one of its policy's roles, or anyone (perhaps no one). */
type CallerOf<P extends AccessPolicy> = P['roles'] extends readonly (infer R extends Role)[] ? ClaimsOf<R> : Claims | null;

type ResolverFnOf<F> = Extract<NonNullable<F>, (...args: never[]) => unknown>;
/** A mutation's arguments and its answer, as the generated resolver types say. */
type ArgsOf<F> = Parameters<ResolverFnOf<F>>[1];
type AnswerOf<F> = Awaited<ReturnType<ResolverFnOf<F>>>;

export type CommandAudit<Args, Result> = { action: AuditAction; subject: (result: Result, args: Args) => AuditSubject } | { notAudited: string };

export interface Command<Ctx, Caller, Args, Result, Answer> {
  /** The finer rules and the work: in the audit entry's transaction (`em`) when audited, else on the request's. */
  run: (call: { ctx: Ctx; caller: Caller; args: Args; em: EntityManager }) => Promise<Result>;
  audit: CommandAudit<Args, NoInfer<Result>>;
  /** After the change has committed. */
  effects?: (ctx: Ctx, result: NoInfer<Result>, args: Args, caller: Caller) => Promise<void> | void;
  /** The mutation's answer, when it is not the result itself. */
  answer?: (result: NoInfer<Result>) => Answer;
  /**
   * Its first statement carries the caller's session check (lib/session-check.ts): it selects `ctx.session.carried()`
   * and settles the row before using anything it read. A request of such commands alone skips the check's own round trip.
   */
  carriesSessionCheck?: true;
}

/** What a command's resolver carries for the tests that read the tables. */
export interface CommandInfo {
  name: string;
  policy: AccessPolicy;
  audit: { action: AuditAction } | { notAudited: string };
  carriesSessionCheck?: true;
}

export const commandInfo = (resolver: unknown): CommandInfo | undefined => (resolver as { command?: CommandInfo } | undefined)?.command;

/**
 * A subgraph's command layer over its table of policies and its generated Mutation resolver types: `command(name,
 * spec)` makes the resolver of mutation `name`, with its policy from the table and its arguments and answer typed by
 * the schema.
 */
export function commandLayer<Ctx extends CommandContext, Resolvers, Policies extends { [N in keyof Resolvers & string]: AccessPolicy }>(policies: Policies) {
  type Spec<N extends keyof Resolvers & string, Result> = Command<Ctx, CallerOf<Policies[N]>, ArgsOf<Resolvers[N]>, Result, AnswerOf<Resolvers[N]>>;
  /** A command whose result `answer` turns into the mutation's answer. */
  function command<N extends keyof Resolvers & string, Result>(
    name: N,
    spec: Spec<N, Result> & { answer: (result: NoInfer<Result>) => AnswerOf<Resolvers[N]> },
  ): NonNullable<Resolvers[N]>;
  /** A command whose result is the mutation's answer. */
  function command<N extends keyof Resolvers & string, Result extends AnswerOf<Resolvers[N]>>(name: N, spec: Spec<N, Result>): NonNullable<Resolvers[N]>;
  function command<N extends keyof Resolvers & string, Result>(name: N, spec: Spec<N, Result>): NonNullable<Resolvers[N]> {
    const policy = policies[name];
    const resolve = async (_parent: unknown, args: ArgsOf<Resolvers[N]>, ctx: Ctx) => {
      const caller = (policy.roles === 'ANYONE' ? ctx.claims : requireRole(ctx.claims, ...policy.roles)) as CallerOf<Policies[N]>;
      const work = (em: EntityManager) => spec.run({ ctx, caller, args, em });
      const audit = spec.audit;
      const result = 'action' in audit ? await ctx.audited(audit.action, work, (r) => audit.subject(r, args)) : await work(ctx.em);
      await spec.effects?.(ctx, result, args, caller);
      return spec.answer ? spec.answer(result) : result;
    };
    const info: CommandInfo = {
      name,
      policy,
      audit: 'action' in spec.audit ? { action: spec.audit.action } : { notAudited: spec.audit.notAudited },
      ...(spec.carriesSessionCheck ? { carriesSessionCheck: true as const } : {}),
    };
    return Object.assign(resolve, { command: info }) as unknown as NonNullable<Resolvers[N]>;
  }
  return command;
}
