import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { createDurablePGlite } from './durable-pglite';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The database, whichever driver is behind it (PGlite or node-postgres). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Runs independent reads together on the pool, and one after another inside a transaction: its one
 * connection takes one query at a time (pg queues the others with a deprecation warning, and pg 9
 * will refuse them).
 */
export async function readTogether<T extends readonly unknown[]>(executor: Executor, reads: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(executor instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** The PGlite instance, when embedded (used by backup). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; /** Connections kept (default 10). */ poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite'; instance: PGlite };

/** Opens the database (without migrating). The embedded one lives in `<dataDir>/pgdata`. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection the server drops (restart, admin termination) is replaced on next use;
    // without a listener, node would treat the pool's 'error' event as fatal.
    pool.on('error', (error) => console.error(`chiso: kết nối cơ sở dữ liệu bị ngắt (${error.message})`));
    const openClients = new Set<pg.PoolClient>();
    pool.on('connect', (client) => openClients.add(client));
    const allRemoved = new Promise<void>((resolve) => {
      pool.on('remove', (client) => {
        openClients.delete(client);
        if (pool.ended && openClients.size === 0) resolve();
      });
    });
    // Fail early with the server's own message when it cannot be reached.
    const probe = await pool.connect();
    probe.release();
    const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
    // pool.end() resolves before its sockets have closed; wait for them, so that whoever drops
    // the database next (tests, restore) does not kill live connections.
    const close = async () => {
      await pool.end();
      if (openClients.size > 0) await allRemoved;
    };
    return { db, kind: 'postgres', close };
  }
  let pglite: PGlite;
  if ('instance' in target) {
    pglite = target.instance;
  } else {
    pglite = await createDurablePGlite(path.join(target.dataDir, 'pgdata'));
  }
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

/** Applies the committed SQL migrations that have not run yet. Same files on both drivers. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
  } else {
    // Several processes starting together after an upgrade: one migrates, the others wait for it and
    // then find nothing left to do (a session lock, held on a connection of its own).
    const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
    const holder = await pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['chiso:migrate']);
      await migratePostgres(handle.db as never, { migrationsFolder });
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', ['chiso:migrate']).catch(() => {});
      holder.release();
    }
  }
}
