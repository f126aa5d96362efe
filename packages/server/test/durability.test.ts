import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { today } from '../src/services/units/dates';

/**
 * "No acknowledged save is lost": a real chiso process acknowledges a change, is killed with
 * SIGKILL (no shutdown hook runs), and a new process on the same data finds the change — on the
 * embedded database by default, on PostgreSQL when the suite runs with TEST_DATABASE_URL.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminPassword = 'Durable-Admin-Pass-1';
const source = inject('testDatabase');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-durability-'));
let serverDatabase: { url: string; name: string } | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startChiso(port: number): Promise<ChildProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    CHISO_DATA_DIR: workDir,
    CHISO_ADMIN_PASSWORD: adminPassword,
    CHISO_LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (serverDatabase) env.DATABASE_URL = serverDatabase.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`chiso exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`chiso did not answer on port ${port}:\n${output}`);
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function login(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('chiso_session='))!.split(';')[0]!;
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

describe('durability after kill -9', () => {
  afterAll(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    if (serverDatabase && source.kind === 'postgres') {
      const admin = new pg.Client({ connectionString: source.serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${serverDatabase.name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it(`keeps every acknowledged change (${source.kind})`, async () => {
    if (source.kind === 'postgres') {
      const name = `chiso_durable_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: source.serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(source.serverUrl);
      url.pathname = `/${name}`;
      serverDatabase = { url: url.toString(), name };
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startChiso(port);
    const session = await login(base);
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
    const types = (await (await fetch(`${base}/api/unit-types`, { headers })).json()) as { items: { code: string }[] };
    const units = (await (await fetch(`${base}/api/units`, { headers })).json()) as { items: { id: string }[] };
    const codes = ['BEN-1', 'BEN-2', 'BEN-3'];
    for (const code of codes) {
      const created = await fetch(`${base}/api/units`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code, name: `Đơn vị bền vững ${code}`, typeCode: types.items.at(-1)!.code, parentId: units.items[0]!.id, validFrom: today() }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
    }
    // Acknowledged: now the process dies without any chance to flush or close.
    await killHard(first);

    // The lock left by the dead process must not stop the restart.
    const second = await startChiso(port);
    try {
      const again = await login(base);
      const list = await fetch(`${base}/api/units?q=BEN-`, { headers: { cookie: again.cookie } });
      const found = ((await list.json()) as { items: { code: string; name: string }[] }).items.map((unit) => unit.code).sort();
      expect(found).toEqual(codes);
      const audit = await fetch(`${base}/api/audit?entityType=unit&action=create`, { headers: { cookie: again.cookie } });
      expect(((await audit.json()) as { total: number }).total).toBeGreaterThanOrEqual(codes.length);
    } finally {
      await killHard(second);
    }
    // Two real starts (the first one creates the embedded database): give a busy machine room.
  }, 180_000);
});
