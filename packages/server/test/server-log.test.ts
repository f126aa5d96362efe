import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { startServer, type RunningServer } from '../src/cli/start';

/**
 * `chiso start` in-process on a fresh embedded database, with the console and the server log
 * captured in one list (in the order they were written).
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-log-test-'));
const webDist = path.join(root, 'web');
const written: { to: 'console' | 'log'; text: string }[] = [];
let server: RunningServer;

const logLines = () => written.filter((w) => w.to === 'log').map((w) => JSON.parse(w.text) as Record<string, unknown>);

beforeAll(async () => {
  fs.mkdirSync(path.join(webDist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>chiso</title>');
  fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  const config = { ...loadConfig({ CHISO_DATA_DIR: path.join(root, 'data'), CHISO_LOG_LEVEL: 'info', CHISO_ADMIN_USER: 'quantri' }, root), port: 0 };
  server = await startServer(config, { demo: false, webDist }, {
    print: (text) => written.push({ to: 'console', text }),
    logStream: { write: (line) => void written.push({ to: 'log', text: line }) },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the server log', () => {
  it('prints the one-time administrator password last, framed, after the listening lines', () => {
    const texts = written.map((w) => w.text);
    const listening = texts.findIndex((t) => t.includes('chiso đang chạy'));
    const block = texts.findIndex((t) => t.includes('MẬT KHẨU QUẢN TRỊ DÙNG MỘT LẦN'));
    expect(listening).toBeGreaterThan(texts.findIndex((t) => t.includes('Server listening')));
    expect(block).toBe(texts.length - 1);
    expect(block).toBeGreaterThan(listening);
    const lines = texts[block]!.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toMatch(/^ {2}\+=+\+$/);
    expect(lines.at(-1)).toBe(lines[0]);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(texts[block]).toMatch(/Tài khoản: +quantri/);
    expect(texts[block]).toMatch(/Mật khẩu: +\S{10,}/);
    expect(texts[block]).toContain('sẽ KHÔNG được hiển thị lại');
    // Where the account was created, a line points to the block.
    expect(texts.find((t) => t.includes('Đã tạo tài khoản quản trị đầu tiên: quantri'))).toContain('in ở cuối');
  });

  it('writes one line per API request (method, url, status, ms, user), none for files and none for health', async () => {
    const before = written.length;
    for (const p of ['/assets/app.js', '/', '/cycles/abc', '/api/health', '/api/auth/me']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBeLessThan(500);
      await res.arrayBuffer();
    }
    const lines = written.slice(before).filter((w) => w.to === 'log').map((w) => JSON.parse(w.text) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, method: 'GET', url: '/api/auth/me', status: 401, ms: expect.any(Number), user: null, msg: expect.stringMatching(/^GET \/api\/auth\/me 401 \d+ ms$/) }),
    ]);
    expect(logLines().some((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toBe(false);
  });

  it('names the logged-in user on the line', async () => {
    const password = written.map((w) => w.text).join('\n').match(/Mật khẩu: +(\S+)/)![1]!;
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const before = written.length;
    await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).arrayBuffer();
    const lines = written.slice(before).filter((w) => w.to === 'log').map((w) => JSON.parse(w.text) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ url: '/api/auth/me', status: 200, user: 'quantri', msg: expect.stringMatching(/^GET \/api\/auth\/me 200 \d+ ms quantri$/) })]);
  });

  it('never writes a survey link’s token: the public routes are logged by their pattern', async () => {
    const token = 'MaBiMatCuaNguoiDuocChon1234';
    const before = written.length;
    await (await fetch(`${server.url}/api/public/surveys/${token}`)).arrayBuffer();
    const send = await fetch(`${server.url}/api/public/surveys/${token}/responses`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientKey: '5b0f6f53-3c3e-4c4f-9d59-0d1a4f3c1a11', answers: { q1: 'a' } }),
    });
    expect(send.status).toBe(404);
    await fetch(`${server.url}/api/public/surveys/${token}/khong-co`).then((r) => r.arrayBuffer());
    const lines = written.slice(before).filter((w) => w.to === 'log');
    expect(lines.map((l) => JSON.parse(l.text) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ method: 'GET', url: '/api/public/surveys/:token', status: 404 }),
      expect.objectContaining({ method: 'POST', url: '/api/public/surveys/:token/responses', status: 404, msg: expect.stringMatching(/^POST \/api\/public\/surveys\/:token\/responses 404 \d+ ms$/) }),
      expect.objectContaining({ method: 'GET', url: '/api/public/…', status: 404 }),
    ]);
    expect(lines.map((l) => l.text).join('\n')).not.toContain(token);
  });
});
