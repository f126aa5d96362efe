import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../src/db/client';
import type { TestDatabaseSource } from './support/database';

/**
 * Migrates one database once per run. Each test file then starts from a copy of it: a PGlite data
 * dump by default, or a PostgreSQL template database when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `chiso_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ kind: 'postgres', url: withDatabase(serverUrl, template) });
    await migrateDatabase(handle);
    await handle.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template } satisfies TestDatabaseSource);
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'chiso_t_${process.pid}_%'`);
      for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${template}`);
      await admin.end();
    };
  }
  const pglite = await PGlite.create();
  const handle = await openDatabase({ kind: 'pglite', instance: pglite });
  await migrateDatabase(handle);
  const dump = await pglite.dumpDataDir('none');
  await handle.close();
  const dumpPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-test-')), 'migrated.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', dumpPath } satisfies TestDatabaseSource);
  return () => fs.rmSync(path.dirname(dumpPath), { recursive: true, force: true });
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
