/**
 * Two `chiso start` processes on one PostgreSQL database (issue 14 §7), on loopback: a session made
 * on one works on the other, a rate limit counted on one applies on the other, the scheduled jobs
 * both processes run at start mail each due invitation, digest and deadline reminder once, the
 * administrator's "send reminders" pressed on both at once mails each respondent once, and two saves
 * of one criterion with the same version on both: one succeeds, the other gets 409.
 *
 * PostgreSQL only (TEST_DATABASE_URL): the embedded PGlite is one process by design.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { users } from '../src/db/schema/accounts';
import { notifications } from '../src/db/schema/cycles';
import { scheduledJobs } from '../src/db/schema/scale-out';
import { surveyInvitations } from '../src/db/schema/surveys';
import { PUBLIC_FORM_LIMITS } from '../src/http/survey/collection-routes';
import { createCycle } from './assessments-fixtures';
import { createCollectionSurvey, type CollectionSurvey } from './survey-collection-fixtures';
import { createTestDatabase } from './support/database';
import { createUnit, createUser, type CreatedUser } from './support/factories';

const source = inject('testDatabase');
const onPostgres = source.kind === 'postgres';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A minimal SMTP server that keeps each message's envelope recipients (nothing leaves the machine). */
function smtpSink() {
  const received: { to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    let data = '';
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let at = buffer.indexOf('\r\n'); at >= 0; at = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push({ to, data });
            to = [];
            data = '';
            say('250 queued');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 sink');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 go on');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else say('250 ok');
      }
    });
    socket.on('error', () => {});
  });
  return { server, received, to: (address: string) => received.filter((m) => m.to.includes(address)).length };
}

const listening = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

async function freePort(): Promise<number> {
  const server = net.createServer();
  const port = await listening(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Server {
  url: string;
  child: ChildProcess;
  output: string[];
}

/** Every process started, stopped after the tests even when a start timed out (and if the test process exits). */
const children: ChildProcess[] = [];
process.once('exit', () => children.forEach((c) => c.exitCode === null && c.kill()));

/** `node --import tsx packages/server/src/cli.ts start` with `env`; resolves once it listens. */
function startChiso(name: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'start'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      output.push(chunk.toString());
      const started = /chiso đang chạy: (http:\/\/\S+)/.exec(output.join(''));
      if (started) resolve({ url: started[1]!, child, output });
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output.join('')}`)));
  });
}

async function stopChiso(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A logged-in browser: its cookie and CSRF token, usable against either process. */
interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, user: CreatedUser): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('chiso_session='))!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const call = (base: string, session: Session, method: string, url: string, body?: unknown) =>
  fetch(`${base}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!onPostgres)('two chiso processes on one PostgreSQL database', () => {
  let database: DatabaseHandle;
  let dataDir: string;
  const sink = smtpSink();
  let a: Server | undefined;
  let b: Server | undefined;
  let admin: CreatedUser;
  let officer: CreatedUser;
  let survey: CollectionSurvey;
  let cycleUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const unit = await createUnit(db, { name: 'Sở Nội vụ' });
    const own = await createUnit(db, { name: 'Sở Tư pháp' });
    admin = await createUser(db, { roles: ['admin'], unitId: unit.id, email: 'quantri@example.invalid' });
    // The self-assessment deadline is two days away: the reminder of 3 days before is due.
    const cycle = await createCycle(db, { unitIds: [own.id], deadlineInDays: 2 });
    officer = await createUser(db, { roles: ['unit_officer'], unitId: own.id, email: 'canbo@example.invalid' });
    cycleUrl = `/api/cycles/${cycle.cycleId}/units/${own.id}`;
    survey = await createCollectionSurvey(db);
    // A user on the daily digest with one notification waiting (CHISO_DIGEST_HOUR=0: today's digest is due).
    const digestUser = await createUser(db, { roles: ['admin'], unitId: unit.id, email: 'tomtat@example.invalid' });
    await db.update(users).set({ notificationDelivery: 'daily_digest' }).where(eq(users.id, digestUser.id));
    await db.insert(notifications).values({ userId: digestUser.id, kind: 'test.event', title: 'Sự kiện thử', body: null, link: null });

    const { name } = ((await db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows[0]!;
    const url = new URL((source as { serverUrl: string }).serverUrl);
    url.pathname = `/${name}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-two-'));
    const smtpPort = await listening(sink.server);
    const [portA, portB] = [await freePort(), await freePort()];
    const env = (port: number) => ({
      DATABASE_URL: url.toString(), HOST: '127.0.0.1', PORT: String(port), CHISO_DATA_DIR: dataDir, CHISO_LOG_LEVEL: 'warn',
      CHISO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, CHISO_PUBLIC_URL: `http://127.0.0.1:${portA}`, CHISO_DIGEST_HOUR: '0', CHISO_REMINDER_DAYS: '3,1',
    });
    // Both at once: both run every job at start.
    [a, b] = await Promise.all([startChiso('A', env(portA)), startChiso('B', env(portB))]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(children.map(stopChiso));
    await new Promise((resolve) => sink.server.close(resolve));
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a session made on A works on B, and logging out on B ends it on A', async () => {
    const session = await login(a!.url, admin);
    expect((await call(b!.url, session, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await call(b!.url, session, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await call(a!.url, session, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('a rate limit counted on A applies on B', async () => {
    const open = (base: string) => fetch(`${base}/api/public/surveys/khong-co-duong-dan-nay`).then((r) => r.status);
    const half = PUBLIC_FORM_LIMITS.open / 2;
    const statuses = await Promise.all([...Array.from({ length: half }, () => open(a!.url)), ...Array.from({ length: half }, () => open(b!.url))]);
    expect(statuses).not.toContain(429);
    // Each process alone saw half the limit: only the shared count stops the next one.
    expect(await open(b!.url)).toBe(429);
    expect(await open(a!.url)).toBe(429);
  });

  it('the jobs both processes ran at start mailed each invitation, digest and deadline reminder once', async () => {
    const db = database.db;
    const jobs = ['remind', 'digest', 'selfCheck', 'surveyPersonalData'];
    await until('the start jobs', async () => {
      const rows = await db.select().from(scheduledJobs);
      return jobs.every((job) => rows.some((r) => r.name === job && r.lastFinishedAt !== null && r.runningBy === null));
    });
    // Immediate mails go out in the background after the reminders' transaction.
    await until('the reminder mail', async () => sink.to('canbo@example.invalid') > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [an, binh] = survey.sampled.map((s) => s.email!);
    expect({ an: sink.to(an!), binh: sink.to(binh!), digest: sink.to('tomtat@example.invalid'), reminder: sink.to('canbo@example.invalid') }).toEqual({ an: 1, binh: 1, digest: 1, reminder: 1 });
    // Each job was claimed once: one start each, by one process.
    const rows = await db.select().from(scheduledJobs);
    expect(rows.filter((r) => jobs.includes(r.name)).every((r) => r.lastStartedAt !== null && r.nextRunAt > new Date())).toBe(true);
  });

  it('"send invitations and reminders" pressed on A and B at the same time mails each respondent once', async () => {
    const session = await login(a!.url, admin);
    const before = sink.received.length;
    // As if the last mails were sent long ago: every sampled link with an address is due again.
    await database.db.update(surveyInvitations).set({ remindedAt: new Date(Date.now() - 10 * 86_400_000) }).where(eq(surveyInvitations.questionnaireId, survey.questionnaireId));
    const [fromA, fromB] = await Promise.all([a, b].map(async (server) => (await call(server!.url, session, 'POST', `/api/surveys/${survey.surveyId}/reminders`, {})).json() as Promise<{ reminded: number }>));
    expect(fromA!.reminded + fromB!.reminded).toBe(2);
    await until('the reminder mails', async () => sink.received.length >= before + 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.length).toBe(before + 2);
  });

  it('two saves of one criterion with the same version on A and B: one succeeds, the other gets 409, nothing overwritten', async () => {
    const session = await login(b!.url, officer);
    const view = (await (await call(a!.url, session, 'GET', `${cycleUrl}/assessment`)).json()) as { records: Record<string, { version: number }> };
    const version = view.records['ke-hoach']!.version;
    const save = (server: Server, option: string) => call(server.url, session, 'PUT', `${cycleUrl}/criteria/ke-hoach`, { version, input: { kind: 'choice', option } });
    const [fromA, fromB] = await Promise.all([save(a!, 'kip-thoi'), save(b!, 'cham')]);
    expect([fromA.status, fromB.status].sort()).toEqual([200, 409]);
    const winner = fromA.status === 200 ? 'kip-thoi' : 'cham';
    const after = (await (await call(b!.url, session, 'GET', `${cycleUrl}/assessment`)).json()) as { records: Record<string, { version: number; self: { input: { option: string } } }> };
    expect(after.records['ke-hoach']).toMatchObject({ version: version + 1, self: { input: { option: winner } } });
  });
});

describe.skipIf(onPostgres)('two chiso processes (PGlite)', () => {
  it.skip('needs PostgreSQL (TEST_DATABASE_URL): the embedded database serves one process', () => {});
});
