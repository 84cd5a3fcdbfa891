// The one way a transaction is opened. Store functions take the transaction as their first argument
// and never open one, so a route can put several of them into one atomic unit of work.
import { openTransaction, type Db, type Tx } from './client.js';

type Hook = () => unknown;
interface Hooks {
  afterCommit: Hook[];
  afterRollback: Hook[];
}

// Keyed by the handle drizzle gives the callback: work registered against it belongs to that transaction.
const open = new WeakMap<Tx, Hooks>();

/**
 * Runs `work` in a transaction: commit when it returns, rollback when it throws (the error is
 * rethrown). Work registered with afterCommit / afterRollback runs once the outcome is known.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  // A savepoint would end before the outer commit, so its after-commit work would run too early.
  if (open.has(db as Tx)) throw new Error('inTransaction inside a transaction: pass that transaction on instead.');
  const hooks: Hooks = { afterCommit: [], afterRollback: [] };
  let result: T;
  try {
    result = await openTransaction(db, async (tx) => {
      open.set(tx, hooks);
      try {
        return await work(tx);
      } finally {
        open.delete(tx);
      }
    });
  } catch (err) {
    await runAll(hooks.afterRollback);
    throw err;
  }
  await runAll(hooks.afterCommit);
  return result;
}

// The outcome is already decided, so a failing hook must not turn it into another one: each hook
// owns its failures (the evidence store's leftovers are what files:check reports).
async function runAll(hooks: Hook[]): Promise<void> {
  await Promise.all(
    hooks.map(async (hook) => {
      try {
        await hook();
      } catch {
        /* see above */
      }
    }),
  );
}

function hooksOf(tx: Tx): Hooks {
  const hooks = open.get(tx);
  if (!hooks)
    throw new Error('Work after commit or rollback needs a transaction opened by inTransaction, still running.');
  return hooks;
}

/** Undoes outside the database what the transaction did, if it rolls back (files moved into storage). */
export function afterRollback(tx: Tx, hook: Hook): void {
  hooksOf(tx).afterRollback.push(hook);
}

/** What may happen only once the rows are gone for good (deleting a removed file's bytes). */
export function afterCommit(tx: Tx, hook: Hook): void {
  hooksOf(tx).afterCommit.push(hook);
}
