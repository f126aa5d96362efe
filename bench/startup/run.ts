/**
 * Start-up benchmark (issue 14 §6): how long `npm start` takes on an empty embedded database and
 * on a restart, next to PGlite alone; and how many bytes the login page loads, before and after
 * the web bundle was split by route.
 *
 *   node --import tsx bench/startup/run.ts [--rounds N] [--before SHA] [--report]
 *
 * --before SHA: a commit to compare with (built in a temporary git worktree, removed afterwards);
 * by default the commit before the bundle split. --report writes bench/startup/REPORT.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist } from './serve-dist';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, before: { type: 'string', default: '10a02b4' }, report: { type: 'boolean', default: false } } });
const rounds = Number(values.rounds);
const beforeSha = execFileSync('git', ['rev-parse', '--short', values.before!], { cwd: root, encoding: 'utf8' }).trim();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-bench-startup-'));
const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(', ');

// ---------------------------------------------------------------- helpers

interface Timed {
  ms: number;
  /** Peak resident memory of the process, MB. */
  rssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const sec = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1).replace('.', ',')} kB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** PGlite alone: open (creating) the folder, `select 1`, report when answered and the peak RSS. */
const BARE_PGLITE = `
const t = performance.now();
const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create({ dataDir: process.argv[1] });
await db.query('select 1');
console.log(JSON.stringify({ ms: performance.now() - t, rssKb: process.resourceUsage().maxRSS }));
await db.close();
`;

function barePglite(dataDir: string): Timed {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', BARE_PGLITE, dataDir], { cwd: path.join(root, 'packages/server'), encoding: 'utf8' });
  const wall = performance.now() - started;
  const { rssKb } = JSON.parse(out.trim().split('\n').at(-1)!) as { rssKb: number };
  return { ms: wall, rssMb: rssKb / 1024 };
}

/** `npm start`'s two steps: the web build check, then the server until /api/health answers. */
async function chisoStart(tree: string, dataDir: string, port: number): Promise<Timed & { checkMs: number }> {
  const check = performance.now();
  const stale = path.join(tree, 'scripts/build-web-if-stale.mjs');
  // Only the check (a build, if one were due, would be timed by the build's own length).
  spawnSync(process.execPath, [stale, ...(fs.readFileSync(stale, 'utf8').includes('--check') ? ['--check'] : [])], { cwd: tree, stdio: 'ignore' });
  const checkMs = performance.now() - check;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(tree, 'packages/server/src/cli.ts'), 'start'], {
    cwd: tree,
    env: { ...process.env, CHISO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', CHISO_LOG_LEVEL: 'warn', CHISO_ADMIN_PASSWORD: 'Bench-Admin-Pass-2025', INIT_CWD: tree },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let ms = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`chiso exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMb = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  child.kill('SIGTERM');
  await exited;
  return { ms, rssMb, checkMs };
}

// ---------------------------------------------------------------- the commit before

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' });
}

const beforeTree = path.join(work, 'before');
git('worktree', 'add', '--detach', beforeTree, beforeSha);
fs.symlinkSync(path.join(root, 'node_modules'), path.join(beforeTree, 'node_modules'));
for (const pkg of ['server', 'web']) {
  const modules = path.join(root, 'packages', pkg, 'node_modules');
  if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(beforeTree, 'packages', pkg, 'node_modules'));
}

function buildWeb(tree: string, outDir: string): void {
  execFileSync('flock', ['/tmp/chiso-build.lock', 'npx', 'vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: path.join(tree, 'packages/web'), stdio: 'ignore' });
}

// ---------------------------------------------------------------- web bundle

interface Bundle {
  /** What index.html references (entry, modulepreloads, styles): raw and gzip bytes. */
  htmlRaw: number;
  htmlGzip: number;
  htmlFiles: number;
  /** What Chromium downloaded to show the login page (JS and CSS), raw and gzip. */
  loadedRaw: number;
  loadedGzip: number;
  loadedFiles: number;
  /** Until the login form's button is visible, median of a few loads. */
  visibleMs: number;
  /** Every chunk of the build, raw bytes. */
  allRaw: number;
}

const gzip = (buf: Buffer) => zlib.gzipSync(buf).length;

async function measureBundle(dist: string): Promise<Bundle> {
  const html = fs.readFileSync(path.join(dist, 'index.html'));
  const referenced = [...html.toString().matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files = referenced.map((f) => fs.readFileSync(path.join(dist, f)));
  const allRaw = fs.readdirSync(path.join(dist, 'assets')).reduce((sum, f) => sum + fs.statSync(path.join(dist, 'assets', f)).size, 0);
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const loaded = new Map<string, Buffer>();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ locale: 'vi-VN' });
      const page = await context.newPage();
      page.on('response', async (response) => {
        if (/\.(js|css)$/.test(new URL(response.url()).pathname) && i === 0) loaded.set(response.url(), await response.body());
      });
      const started = performance.now();
      await page.goto(`${served.url}/login`);
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      times.push(performance.now() - started);
      await page.waitForLoadState('networkidle');
      await context.close();
    }
    const bodies = [...loaded.values()];
    return {
      htmlRaw: html.length + files.reduce((s, b) => s + b.length, 0),
      htmlGzip: gzip(html) + files.reduce((s, b) => s + gzip(b), 0),
      htmlFiles: files.length,
      loadedRaw: html.length + bodies.reduce((s, b) => s + b.length, 0),
      loadedGzip: gzip(html) + bodies.reduce((s, b) => s + gzip(b), 0),
      loadedFiles: bodies.length,
      visibleMs: median(times),
      allRaw,
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

// ---------------------------------------------------------------- run

const machine = `Node ${process.version}, ${os.cpus()[0]?.model.trim()} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`;
console.log(`${machine}; load ${loadAtStart}; before = ${beforeSha}`);

let web: { before: Bundle; after: Bundle };
const rows: Record<string, { first: Timed[]; restart: Timed[]; check: number[] }> = {
  pglite: { first: [], restart: [], check: [] },
  chiso: { first: [], restart: [], check: [] },
  chisoBefore: { first: [], restart: [], check: [] },
};
try {
  // The worktree's own dist, so that its `npm start` finds its web build up to date.
  const beforeDist = path.join(beforeTree, 'packages/web/dist');
  const afterDist = path.join(work, 'dist-after');
  buildWeb(beforeTree, beforeDist);
  buildWeb(root, afterDist);
  web = { before: await measureBundle(beforeDist), after: await measureBundle(afterDist) };
  console.log('web', web);

  let port = 3460;
  for (let round = 0; round < rounds; round++) {
    // Interleaved, so that the machine's load falls on all three alike.
    const bare = path.join(work, `pglite-${round}`);
    rows.pglite!.first.push(barePglite(bare));
    rows.pglite!.restart.push(barePglite(bare));
    for (const [key, tree] of [['chiso', root], ['chisoBefore', beforeTree]] as const) {
      const dataDir = path.join(work, `${key}-${round}`);
      const first = await chisoStart(tree, dataDir, port++);
      const restart = await chisoStart(tree, dataDir, port++);
      rows[key]!.first.push(first);
      rows[key]!.restart.push(restart);
      rows[key]!.check.push(restart.checkMs);
    }
    console.log(`round ${round + 1}:`, Object.entries(rows).map(([k, r]) => `${k} ${sec(r.first.at(-1)!.ms)} / ${sec(r.restart.at(-1)!.ms)}`).join('; '));
  }
} finally {
  git('worktree', 'remove', '--force', beforeTree);
  fs.rmSync(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------- report

const med = (xs: Timed[]) => ({ ms: median(xs.map((x) => x.ms)), rssMb: median(xs.map((x) => x.rssMb)) });
const line = (label: string, r: { first: Timed[]; restart: Timed[] }) => {
  const f = med(r.first);
  const s = med(r.restart);
  return `| ${label} | ${sec(f.ms)} | ${Math.round(f.rssMb)} MB | ${sec(s.ms)} | ${Math.round(s.rssMb)} MB |`;
};
const pg = { first: med(rows.pglite!.first).ms, restart: med(rows.pglite!.restart).ms };
const now = { first: med(rows.chiso!.first).ms, restart: med(rows.chiso!.restart).ms };
const before = { first: med(rows.chisoBefore!.first).ms, restart: med(rows.chisoBefore!.restart).ms };
const ratio = (a: number, b: number) => `×${(a / b).toFixed(2).replace('.', ',')}`;
const w = web!;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

const report = `# Start-up benchmark: first start, restart and the login page's bundle

Measured with \`node --import tsx bench/startup/run.ts --rounds ${rounds} --report\` (this file is written
by that command), under \`flock /tmp/chiso-bench.lock\`.

**What is timed** (${rounds} rounds, interleaved; medians shown):

- *chiso*: what \`npm start\` runs — \`scripts/build-web-if-stale.mjs\` (the web build is up to date, so it only
  checks), then \`node --import tsx packages/server/src/cli.ts start\` — from the spawn until \`GET /api/health\`
  answers 200 (polled every 20 ms). *First start*: an empty data folder (initdb, every migration, the
  built-in programs, the first administrator and its password hash). *Restart*: the same folder again.
  Peak RSS: the server process's \`VmHWM\` when health answers.
- *chiso before* (${beforeSha}): the same at the commit before this work, in a temporary git worktree.
- *PGlite alone*: \`node -e\` that opens PGlite on an empty folder and answers \`select 1\` (first), then
  reopens it (restart) — what the embedded database itself costs, whatever chiso does.
- *Web bundle*: the build of each commit served as chiso serves it (files as they are, no compression)
  and loaded in Chromium at \`/login\`: the JS and CSS bytes it downloaded, and how long until the login
  button is visible (loopback, median of 3). "gzip" is the same files through gzip (level 6), what a
  compressing reverse proxy would send. Also what \`index.html\` itself lists (entry, modulepreloads, styles).

**Machine**: ${machine}. Load average at start: ${loadAtStart} (the machine is shared with other
benchmarks and builds: wall times vary from run to run; compare rows of one run).

## Start-up

| | First start | Peak RSS | Restart | Peak RSS |
|---|---|---|---|---|
${line('PGlite alone (`select 1`)', rows.pglite!)}
${line(`chiso before (${beforeSha})`, rows.chisoBefore!)}
${line('chiso (now)', rows.chiso!)}

- chiso against PGlite alone: first start ${ratio(now.first, pg.first)}, restart ${ratio(now.restart, pg.restart)};
  against before: first start ${ratio(now.first, before.first)}, restart ${ratio(now.restart, before.restart)}.
- The web build check (\`build-web-if-stale.mjs\`, nothing to build): ${sec(median(rows.chiso!.check))} now,
  ${sec(median(rows.chisoBefore!.check))} before.
- Goal: first start < 10 s — ${met(now.first < 10_000)}; restart < 2 s — ${met(now.restart < 2_000)}.

## Login page

| Build | JS+CSS loaded (files) | raw | gzip | index.html's list (files) | raw | gzip | Login form visible | Whole build |
|---|---|---|---|---|---|---|---|---|
| before (${beforeSha}) | ${w.before.loadedFiles} | ${kb(w.before.loadedRaw)} | ${kb(w.before.loadedGzip)} | ${w.before.htmlFiles} | ${kb(w.before.htmlRaw)} | ${kb(w.before.htmlGzip)} | ${Math.round(w.before.visibleMs)} ms | ${kb(w.before.allRaw)} |
| now | ${w.after.loadedFiles} | ${kb(w.after.loadedRaw)} | ${kb(w.after.loadedGzip)} | ${w.after.htmlFiles} | ${kb(w.after.htmlRaw)} | ${kb(w.after.htmlGzip)} | ${Math.round(w.after.visibleMs)} ms | ${kb(w.after.allRaw)} |

The login page now loads ${Math.round((1 - w.after.loadedGzip / w.before.loadedGzip) * 100)} % fewer gzip bytes (${Math.round((1 - w.after.loadedRaw / w.before.loadedRaw) * 100)} % fewer raw bytes).

${fs.existsSync(path.join(here, 'NOTES.md')) ? fs.readFileSync(path.join(here, 'NOTES.md'), 'utf8') : ''}`;

console.log(report);
if (values.report) fs.writeFileSync(path.join(here, 'REPORT.md'), report);
