/**
 * The SQL a piece of code runs inside transactions on the embedded database, recorded, so that a test
 * can check how it locks rows (a race needs two connections; PGlite has one). Undefined on PostgreSQL.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { DatabaseHandle } from '../../src/db/client';

export async function transactionStatements(database: DatabaseHandle, run: () => Promise<unknown>): Promise<string[] | undefined> {
  const pglite = database.pglite;
  if (!pglite) return undefined;
  const statements: string[] = [];
  const original = pglite.transaction.bind(pglite);
  const recording = (tx: Transaction): Transaction => new Proxy(tx, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
      return (query: string, ...rest: unknown[]) => {
        statements.push(query);
        return (target.query as (q: string, ...r: unknown[]) => unknown)(query, ...rest);
      };
    },
  });
  (pglite as { transaction: PGlite['transaction'] }).transaction = (fn) => original((tx) => fn(recording(tx)));
  try {
    await run();
  } finally {
    (pglite as { transaction: PGlite['transaction'] }).transaction = original;
  }
  return statements;
}

/** The statements that read the surveys table with a row lock of the given strength. */
export const surveyRowLocks = (statements: readonly string[], strength: 'share' | 'update') =>
  statements.filter((s) => /from "surveys"/.test(s) && new RegExp(`for ${strength} of "surveys"`).test(s));
