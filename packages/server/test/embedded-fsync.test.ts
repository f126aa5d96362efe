import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/env';
import { openConfiguredDatabase, type OpenedDatabase } from '../src/db/open-configured';
import { buildApp } from '../src/http/app';
import { today } from '../src/services/units/dates';
import { createUnit, createUser } from './support/factories';
import { loginAs } from './support/login';

/**
 * A power cut cannot be staged in a test; what it takes from the embedded database is whatever
 * sat in the operating system's cache. So: before chiso answers a save, the WAL holding it has
 * been flushed to the disk with fsync (PGlite runs with fsync off and a no-op fsync by default).
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-fsync-'));
const config = loadConfig({ CHISO_DATA_DIR: path.join(root, 'data'), CHISO_LOG_LEVEL: 'silent' }, root);
let opened: OpenedDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  opened = await openConfiguredDatabase(config);
  app = await buildApp({ config, database: opened.handle, webDist: null, logger: false });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await opened?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the embedded database on disk', () => {
  it('runs with fsync on and flushes the WAL to disk before acknowledging a save', async () => {
    const { rows } = await opened.handle.pglite!.query<{ fsync: string }>('show fsync');
    expect(rows[0]!.fsync).toBe('on');

    const db = opened.handle.db;
    const parent = await createUnit(db);
    const admin = await createUser(db, { roles: ['admin'], unitId: parent.id });
    const session = await loginAs(app, admin.username, admin.password);
    const types = (await app.inject({ method: 'GET', url: '/api/unit-types', headers: session.headers })).json() as { items: { code: string }[] };

    const synced: string[] = [];
    const fsyncSync = fs.fsyncSync;
    const spy = vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
      fsyncSync(fd);
    });
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/api/units',
        headers: session.headers,
        payload: { code: 'FSYNC-1', name: 'Đơn vị ghi bền', typeCode: types.items.at(-1)!.code, parentId: parent.id, validFrom: today() },
      });
      expect(created.statusCode, created.body).toBe(201);
    } finally {
      spy.mockRestore();
    }
    expect(synced.some((file) => file.includes(`${path.sep}pg_wal${path.sep}`))).toBe(true);
  });
});
