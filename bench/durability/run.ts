/**
 * Durability benchmark: what turning fsync on costs the embedded database (PGlite on disk).
 * Run:
 *
 *   node --import tsx bench/durability/run.ts [--report]
 *
 * Compares PGlite as it ships (fsync off, no-op fsync) with chiso's durable opening
 * (packages/server/src/db/durable-pglite.ts): creating and migrating a new database, single-row
 * commits, and saves through the HTTP API (create a unit: validation, audit, one transaction).
 * Rounds alternate between the two modes; the median round is reported. With --report also
 * writes bench/durability/REPORT.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../../packages/server/src/config/env.ts';
import { migrateDatabase, openDatabase } from '../../packages/server/src/db/client.ts';
import { createDurablePGlite } from '../../packages/server/src/db/durable-pglite.ts';
import { buildApp } from '../../packages/server/src/http/app.ts';
import { createUnit, createUser } from '../../packages/server/test/support/factories.ts';

type Mode = 'fsync off (PGlite default)' | 'fsync on (chiso)';
const modes: Mode[] = ['fsync off (PGlite default)', 'fsync on (chiso)'];
const rounds = 5;
const rawCommits = 300;
const httpSaves = 100;

interface Round { createMs: number; rawPerSecond: number; httpPerSecond: number }

async function open(mode: Mode, pgdata: string): Promise<PGlite> {
  if (mode === 'fsync on (chiso)') return createDurablePGlite(pgdata);
  fs.mkdirSync(pgdata, { recursive: true });
  return PGlite.create(pgdata);
}

async function round(mode: Mode, round: number): Promise<Round> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-bench-durability-'));
  try {
    let t0 = performance.now();
    const pglite = await open(mode, path.join(root, 'pgdata'));
    const handle = await openDatabase({ kind: 'pglite', instance: pglite });
    await migrateDatabase(handle);
    const createMs = performance.now() - t0;

    await pglite.exec('create table bench_commit (id serial primary key, note text not null)');
    t0 = performance.now();
    for (let i = 0; i < rawCommits; i++) await pglite.query('insert into bench_commit (note) values ($1)', [`lưu ${i}`]);
    const rawPerSecond = rawCommits / ((performance.now() - t0) / 1000);

    const config = loadConfig({ CHISO_DATA_DIR: root, CHISO_LOG_LEVEL: 'silent' }, root);
    const app = await buildApp({ config, database: handle, webDist: null, logger: false });
    await app.ready();
    const parent = await createUnit(handle.db);
    const admin = await createUser(handle.db, { roles: ['admin'], unitId: parent.id });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: admin.password } });
    const cookie = login.cookies.find((c) => c.name === 'chiso_session')!;
    const headers = { cookie: `chiso_session=${cookie.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const types = (await app.inject({ method: 'GET', url: '/api/unit-types', headers })).json() as { items: { code: string }[] };
    const validFrom = new Date().toISOString().slice(0, 10);
    t0 = performance.now();
    for (let i = 0; i < httpSaves; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/units',
        headers,
        payload: { code: `B-${round}-${i}`, name: `Đơn vị đo ${i}`, typeCode: types.items.at(-1)!.code, parentId: parent.id, validFrom },
      });
      if (response.statusCode !== 201) throw new Error(`save ${i}: ${response.statusCode} ${response.body}`);
    }
    const httpPerSecond = httpSaves / ((performance.now() - t0) / 1000);
    await app.close();
    await handle.close();
    return { createMs, rawPerSecond, httpPerSecond };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const results = new Map<Mode, Round[]>(modes.map((mode) => [mode, []]));
const load = os.loadavg().map((value) => value.toFixed(2)).join(', ');
for (let r = 0; r < rounds; r++) {
  for (const mode of modes) {
    const outcome = await round(mode, r);
    results.get(mode)!.push(outcome);
    console.log(`${mode}, round ${r + 1}: create+migrate ${outcome.createMs.toFixed(0)} ms, ${outcome.rawPerSecond.toFixed(0)} commits/s, ${outcome.httpPerSecond.toFixed(1)} HTTP saves/s`);
  }
}

const rows = modes.map((mode) => {
  const list = results.get(mode)!;
  return { mode, createMs: median(list.map((r) => r.createMs)), raw: median(list.map((r) => r.rawPerSecond)), http: median(list.map((r) => r.httpPerSecond)) };
});
const [off, on] = rows as [(typeof rows)[0], (typeof rows)[0]];
const table = [
  '| Mode | New database + migrations | Single-row commits | Saves through the API (create a unit) |',
  '|---|---|---|---|',
  ...rows.map((row) => `| ${row.mode} | ${(row.createMs / 1000).toFixed(1)} s | ${row.raw.toFixed(0)} /s | ${row.http.toFixed(1)} /s |`),
  `| Cost of fsync | ×${(on.createMs / off.createMs).toFixed(1)} time | ${((1 - on.raw / off.raw) * 100).toFixed(0)} % fewer | ${((1 - on.http / off.http) * 100).toFixed(0)} % fewer |`,
].join('\n');
console.log(`\n${table}`);

if (process.argv.includes('--report')) {
  const disk = fs.statfsSync(os.tmpdir());
  fs.writeFileSync(
    new URL('./REPORT.md', import.meta.url),
    `# Durability benchmark: fsync on the embedded database

Measured with \`node --import tsx bench/durability/run.ts --report\` (this file is written by that
command).

**Why**: PGlite starts PostgreSQL with fsync off, and its Node file system has no fsync (fdatasync
is a stub). A save chiso acknowledged was then only in the operating system's cache: \`kill -9\`
lost nothing, a power cut or kernel crash could. chiso now opens the embedded database with fsync
on, the WAL flushed with fsync(), and a real fsync behind the file system
(\`packages/server/src/db/durable-pglite.ts\`; test: \`packages/server/test/embedded-fsync.test.ts\`).

**What is timed**, in a new temporary folder (${os.tmpdir()}, block size ${disk.bsize}) per round:
creating the database and running all migrations; ${rawCommits} single-row INSERTs, each its own
commit; ${httpSaves} saves through the HTTP API (\`POST /api/units\`, in-process \`inject\`: validation,
audit event, one transaction). ${rounds} rounds alternating the two modes; the median is shown.

**Machine**: Node ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM,
${os.platform()} ${os.release()}. Load average at start: ${load} (shared with other work: wall
times vary between runs; the ratio is what to read).

${table}

One fsync per commit is the price; it depends on the disk (a virtual disk here; an SSD with a
power-loss-protected cache is faster, a network disk slower). A unit's work in chiso is a few
saves a minute per user, far below either rate. PostgreSQL servers (\`DATABASE_URL\`) keep their
own fsync settings and are not affected.
`,
  );
}
