/**
 * The context of one command: the database, who acts, the instant it acts at (one reading of the
 * clock), and where a failing after-commit hook is reported. The HTTP layer builds it once per
 * request (http/request-context.ts); the CLI and the background jobs build it with the system actor
 * (`systemContext`). A mutation runs its body with `inTransaction`: the transaction's executor plus
 * `afterCommit`, whose hooks (e-mailing the notifications written in it) run only once the
 * transaction has committed — never after a rollback, and a failing hook is logged, not thrown.
 */
import type { Database, Executor } from '../db/client';
import { systemClock, type Clock } from '../auth/clock';
import { systemActor, type Actor } from './actor';

/** Work to do once the transaction has committed (nothing it does can undo the commit). */
export type AfterCommitHook = () => void | Promise<void>;

/** Where a failing after-commit hook is reported (pino's signature: fastify's request log fits). */
export interface ContextLog {
  error(details: object, message: string): void;
}

export interface RequestContext {
  db: Database;
  actor: Actor;
  /** The command's instant: the clock is read once, when the context is built. */
  now: Date;
  log: ContextLog;
}

/** A request's open transaction: run queries on `tx`, register work for after the commit. */
export interface TxContext extends RequestContext {
  tx: Executor;
  afterCommit(hook: AfterCommitHook): void;
}

const consoleLog: ContextLog = { error: (details, message) => console.error(message, details) };

/** A context for `actor` at the clock's current instant. */
export function commandContext(db: Database, actor: Actor, clock: Clock = systemClock, log: ContextLog = consoleLog): RequestContext {
  return { db, actor, now: clock(), log };
}

/** The context of work the system does by itself: the CLI, the demo loader, the background jobs. */
export function systemContext(db: Database, clock: Clock = systemClock, log: ContextLog = consoleLog): RequestContext {
  return commandContext(db, systemActor, clock, log);
}

function runHooks(ctx: RequestContext, hooks: readonly AfterCommitHook[]): void {
  const failed = (error: unknown) => ctx.log.error({ err: error }, 'Một việc sau khi lưu (gửi thư thông báo…) không thực hiện được');
  for (const hook of hooks) {
    try {
      const result = hook();
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}

/** Runs `body` in one transaction, then, only if it committed, its after-commit hooks. */
export async function inTransaction<T>(ctx: RequestContext, body: (t: TxContext) => Promise<T>): Promise<T> {
  const hooks: AfterCommitHook[] = [];
  const result = await ctx.db.transaction((tx) => body({ ...ctx, tx, afterCommit: (hook) => void hooks.push(hook) }));
  runHooks(ctx, hooks);
  return result;
}

/**
 * Runs `body` in a savepoint of `t`'s transaction: when it fails, its writes are rolled back and
 * its hooks dropped; when it succeeds, its hooks wait for the outer commit.
 */
export async function inSavepoint<T>(t: TxContext, body: (sp: TxContext) => Promise<T>): Promise<T> {
  const hooks: AfterCommitHook[] = [];
  const result = await t.tx.transaction((sp) => body({ ...t, tx: sp, afterCommit: (hook) => void hooks.push(hook) }));
  for (const hook of hooks) t.afterCommit(hook);
  return result;
}
