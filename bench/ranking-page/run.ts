/**
 * Benchmark 5 of issue 14: the ranking page (/results, a published group of 3,321 units) and the
 * largest appraisal grid (/appraisal, all 3,321 units × the agency with the most criteria) in
 * Chromium, from navigation to the first table row on screen; next to, in the same run, the same
 * pages over a province of 100 units and a plain HTML table of the same 3,321 rows served as a
 * static page.
 *
 *   node --import tsx bench/ranking-page/run.ts [--report] [--rounds 7] [--database URL --small-database URL] [--only ranking|grid] [--keep]
 *
 * --only measures one of the two pages (with its comparisons); the report then says the other was not measured.
 *
 * Without --database it creates two PostgreSQL databases (chiso_bench_<pid>_rank3321 and _rank100),
 * seeds them with bench/lib/large-province.ts (published last year's results) and drops them at
 * the end. --report writes bench/ranking-page/REPORT.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, signIn } from './browser.ts';
import { LARGE_PROVINCE_PASSWORD, seedLargeProvinceAt, type LargeProvince } from '../lib/large-province.ts';
import { argValue, freshTarget, loadAverage, machine, median, repoRoot, startServer, type RunningServer, type Target } from '../lib/server.ts';

if (process.argv.includes('--help')) {
  console.log('node --import tsx bench/ranking-page/run.ts [--report] [--rounds 7] [--database URL --small-database URL] [--only ranking|grid] [--keep]');
  process.exit(0);
}
const report = process.argv.includes('--report');
const only = argValue('--only');
if (only !== undefined && only !== 'ranking' && only !== 'grid') throw new Error('--only ranking|grid');
const rounds = Number(argValue('--rounds') ?? 7);
const here = path.join(repoRoot, 'bench/ranking-page');
const log = (text: string) => console.log(`[ranking] ${text}`);

interface Province { target: Target; seeded: LargeProvince | null; server: RunningServer; units: number }

/** A seeded province on its own database and server (or a database seeded earlier, with --database). */
async function province(units: number, port: number, reuse: string | undefined): Promise<Province> {
  let target: Target;
  let seeded: LargeProvince | null = null;
  if (reuse) {
    target = { kind: 'postgres', databaseUrl: reuse, drop: async () => {} };
  } else {
    const fresh = await freshTarget('postgres', `rank${units}`);
    if (fresh.kind !== 'postgres') throw new Error('PostgreSQL expected');
    target = fresh;
    const t0 = Date.now();
    seeded = await seedLargeProvinceAt({ databaseUrl: fresh.databaseUrl }, { units, published: true, progress: (s) => log(`${units}: ${s}`) });
    log(`${units} units seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const server = await startServer(target, port);
  return { target, seeded, server, units };
}

/** The built web app the server serves: built now, under the shared build lock. */
function buildWeb() {
  const r = spawnSync('flock', ['/tmp/chiso-build.lock', 'npm', 'run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('web build failed');
}

interface Api { cookie: string }
async function api<T>(base: string, who: Api, url: string): Promise<T> {
  const r = await fetch(`${base}/api${url}`, { headers: { cookie: who.cookie } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

type PlainRow = { rank: number; unitName: string; index: string; classLabel: string | null };
interface Pages { ranking: string | null; appraisal: string; agency: string; criteria: number; rankingRows: PlainRow[]; gridUnits: PlainRow[] }

/** The two pages' addresses in a province: its published group, and its open cycle's largest agency. */
async function pagesOf(p: Province, who: Api): Promise<Pages> {
  const base = p.server.baseUrl;
  const published = (await api<{ items: { cycleId: string; groupId: string }[] }>(base, who, '/public/results')).items[0];
  const cycles = (await api<{ items: { id: string; status: string }[] }>(base, who, '/cycles')).items;
  const open = cycles.find((c) => c.status === 'open')!;
  const cycle = await api<{ agencies: { agencyCode: string }[] }>(base, who, `/cycles/${open.id}`);
  // The largest grid: the agency with the most criteria (all agencies appraise every unit here).
  let best = { agency: '', criteria: -1, units: [] as { name: string }[] };
  type Page = { criteria: unknown[]; units: { name: string }[]; unitTotal: number };
  let bestTotal = 0;
  for (const a of cycle.agencies) {
    const m = await api<Page>(base, who, `/cycles/${open.id}/appraisal?agency=${a.agencyCode}&unitLimit=1`);
    if (m.criteria.length > best.criteria) { best = { agency: a.agencyCode, criteria: m.criteria.length, units: [] }; bestTotal = m.unitTotal; }
  }
  // The grid's units, 500 a page (the API's largest), for the plain table beside it.
  for (let offset = 0; offset < bestTotal; offset += 500) {
    best.units.push(...(await api<Page>(base, who, `/cycles/${open.id}/appraisal?agency=${best.agency}&unitOffset=${offset}&unitLimit=500`)).units);
  }
  // A province whose last year is still being published (a seed interrupted) has no ranking yet.
  const snapshot = published ? await api<{ rows: Pages['rankingRows'] }>(base, who, `/cycles/${published.cycleId}/results?groupId=${published.groupId}`) : { rows: [] };
  return {
    ranking: published ? `${base}/results?cycle=${published.cycleId}&group=${published.groupId}` : null,
    appraisal: `${base}/appraisal?cycle=${open.id}&agency=${best.agency}`,
    agency: best.agency,
    criteria: best.criteria,
    rankingRows: snapshot.rows,
    gridUnits: best.units.map((u, i) => ({ rank: i + 1, unitName: u.name, index: '0', classLabel: null })),
  };
}

/** A plain HTML table of the same rows (no framework, no script), served by the benchmark itself. */
function plainTable(rows: Pages['rankingRows'], columns: number): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const extra = (i: number) => Array.from({ length: columns }, (_v, c) => `<td>${((i * 7 + c * 3) % 100) / 100 + c},00</td>`).join('');
  const body = [...rows].sort((a, b) => a.rank - b.rank)
    .map((r, i) => `<tr class="row"><td>${r.rank}</td><td>${esc(r.unitName)}</td><td>${r.index.replace('.', ',')}</td><td>${esc(r.classLabel ?? '—')}</td>${extra(i)}</tr>`).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bảng</title></head><body><table><thead><tr><th>Hạng</th><th>Đơn vị</th><th>Chỉ số</th><th>Xếp loại</th>${Array.from({ length: columns }, (_v, c) => `<th>TC ${c + 1}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></body></html>`;
}

function serveStatic(pages: Record<string, string>, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) { res.statusCode = 404; res.end(); return; }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

interface Sample {
  /** Navigation start → the first row on screen (a frame after it is in the DOM). */
  firstRow: number;
  /** The page's own data calls (API): the last one's end, from navigation start. */
  apiEnd: number | null;
  /** The longest data call, request to response end. */
  apiLongest: number | null;
  /** First row − last data call's end: rendering after the data arrived. */
  render: number | null;
  /** Navigation timing: the document's domContentLoaded. */
  domContentLoaded: number;
  rows: number;
}

/** One visit: a new tab, navigation, waiting (each animation frame) for a row of the table. */
async function visit(context: BrowserContext, url: string, rowSelector: string, apiPattern: RegExp | null): Promise<Sample> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction((sel) => {
      const rows = document.querySelectorAll(sel);
      return rows.length > 0 ? { at: performance.now(), rows: rows.length } : null;
    }, rowSelector, { polling: 'raf', timeout: 180_000 });
    const seen = (await handle.jsonValue()) as { at: number; rows: number };
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd }));
      return { dcl: nav.domContentLoadedEventEnd, resources };
    });
    const calls = apiPattern ? timing.resources.filter((r) => apiPattern.test(r.name)) : [];
    const apiEnd = calls.length ? Math.max(...calls.map((c) => c.end)) : null;
    return {
      firstRow: seen.at,
      apiEnd,
      apiLongest: calls.length ? Math.max(...calls.map((c) => c.end - c.start)) : null,
      render: apiEnd === null ? null : seen.at - apiEnd,
      domContentLoaded: timing.dcl,
      rows: seen.rows,
    };
  } finally {
    await page.close();
  }
}

interface Case { name: string; url: string; rowSelector: string; api: RegExp | null; context: BrowserContext }

const fmt = (n: number | null) => (n === null ? '—' : `${Math.round(n).toLocaleString('en-US')} ms`);
const med = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? median(v) : null;
};

async function main() {
  const startedLoad = loadAverage();
  log(`machine: ${machine()}; load ${startedLoad}`);
  const large = await province(3321, 3404, argValue('--database'));
  const small = await province(100, 3405, argValue('--small-database'));
  let statics: http.Server | null = null;
  let browser: Browser | null = null;
  try {
    log('building the web app (build lock)');
    buildWeb();
    const who = async (p: Province) => {
      const r = await fetch(`${p.server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: LARGE_PROVINCE_PASSWORD }) });
      if (!r.ok) throw new Error(`login: ${r.status}`);
      return { cookie: r.headers.getSetCookie().find((c) => c.startsWith('chiso_session='))!.split(';')[0]! };
    };
    const [bigPages, smallPages] = [await pagesOf(large, await who(large)), await pagesOf(small, await who(small))];
    log(`ranking rows ${bigPages.rankingRows.length} / ${smallPages.rankingRows.length}; grid agency ${bigPages.agency} (${bigPages.criteria} criteria)`);
    statics = await serveStatic({
      '/ranking.html': plainTable(bigPages.rankingRows, 0),
      '/grid.html': plainTable(bigPages.gridUnits, bigPages.criteria),
    }, 3406);

    browser = await launchChromium();
    const bigContext = await signIn(browser, large.server.baseUrl, 'quantri', LARGE_PROVINCE_PASSWORD, 1440);
    const smallContext = await signIn(browser, small.server.baseUrl, 'quantri', LARGE_PROVINCE_PASSWORD, 1440);
    const plainContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const rankingRow = '[data-testid="results-table"] .ant-table-row';
    const gridRow = '[data-testid^="cell-"]';
    const withRanking = only !== 'grid' && bigPages.ranking !== null && smallPages.ranking !== null;
    const withGrid = only !== 'ranking';
    const cases: Case[] = [
      ...(withRanking ? [
        { name: `Ranking page, ${bigPages.rankingRows.length.toLocaleString('en-US')} units (/results)`, url: bigPages.ranking!, rowSelector: rankingRow, api: /\/api\/cycles\/[^/]+\/results/, context: bigContext },
        { name: `Ranking page, ${smallPages.rankingRows.length} units (same page)`, url: smallPages.ranking!, rowSelector: rankingRow, api: /\/api\/cycles\/[^/]+\/results/, context: smallContext },
        { name: `Plain HTML table, ${bigPages.rankingRows.length.toLocaleString('en-US')} rows (static)`, url: 'http://127.0.0.1:3406/ranking.html', rowSelector: 'tr.row', api: null, context: plainContext },
      ] : []),
      ...(withGrid ? [
      { name: `Appraisal grid, 3,321 units × ${bigPages.criteria} criteria (/appraisal, ${bigPages.agency})`, url: bigPages.appraisal, rowSelector: gridRow, api: /\/api\/cycles\/[^/]+\/appraisal/, context: bigContext },
      { name: `Appraisal grid, 100 units × ${smallPages.criteria} criteria (same page)`, url: smallPages.appraisal, rowSelector: gridRow, api: /\/api\/cycles\/[^/]+\/appraisal/, context: smallContext },
      { name: `Plain HTML table, 3,321 rows × ${bigPages.criteria} cells (static)`, url: 'http://127.0.0.1:3406/grid.html', rowSelector: 'tr.row', api: null, context: plainContext },
      ] : []),
    ];
    // One warm-up visit each (caches the built assets, as an official's second visit), then the rounds interleaved.
    for (const c of cases) await visit(c.context, c.url, c.rowSelector, c.api);
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) {
        const s = await visit(c.context, c.url, c.rowSelector, c.api);
        samples.get(c.name)!.push(s);
        log(`round ${r + 1} ${c.name}: first row ${fmt(s.firstRow)}, api end ${fmt(s.apiEnd)}, render ${fmt(s.render)}`);
      }
    }
    const endLoad = loadAverage();
    const rows = cases.map((c) => {
      const xs = samples.get(c.name)!;
      return { name: c.name, firstRow: med(xs.map((x) => x.firstRow))!, min: Math.min(...xs.map((x) => x.firstRow)), max: Math.max(...xs.map((x) => x.firstRow)),
        apiEnd: med(xs.map((x) => x.apiEnd)), apiLongest: med(xs.map((x) => x.apiLongest)), render: med(xs.map((x) => x.render)), dcl: med(xs.map((x) => x.domContentLoaded)), shown: xs[0]!.rows };
    });
    const table = [
      '| Page | Median first row | Min–max | Data calls end (longest call) | Render after the data | DOMContentLoaded | Rows / cells in the DOM |',
      '|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.name} | **${fmt(r.firstRow)}** | ${fmt(r.min)}–${fmt(r.max)} | ${r.apiEnd === null ? '—' : `${fmt(r.apiEnd)} (${fmt(r.apiLongest)})`} | ${fmt(r.render)} | ${fmt(r.dcl)} | ${r.shown.toLocaleString('en-US')} |`),
    ].join('\n');
    console.log(table);
    type Row = typeof rows[0];
    const [rank, rank100, rankPlain] = (withRanking ? rows.slice(0, 3) : [null, null, null]) as [Row | null, Row | null, Row | null];
    const [grid, grid100, gridPlain] = (withGrid ? rows.slice(withRanking ? 3 : 0) : [null, null, null]) as [Row | null, Row | null, Row | null];
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const goal = (r: Row) => (r.firstRow < 1500 ? `met (${fmt(r.firstRow)} < 1,500 ms)` : `**not met** (${fmt(r.firstRow)})`);
    if (report) {
      const text = fs.readFileSync(path.join(here, 'REPORT.template.md'), 'utf8')
        .replace('{{machine}}', machine())
        .replace('{{load}}', `${startedLoad} at the start, ${endLoad} at the end`)
        .replace('{{rounds}}', String(rounds))
        .replace('{{table}}', table)
        .replace('{{rankingGoal}}', rank ? goal(rank) : only === 'grid' ? '**not measured** in this run (`--only grid`)' : '**not measured** in this run (the large province’s last year was not published yet)')
        .replace('{{gridGoal}}', grid ? goal(grid) : '**not measured** in this run (`--only ranking`)')
        .replace('{{rankingRatios}}', rank && rank100 && rankPlain ? `${ratio(rank.firstRow, rank100.firstRow)}× the same page at 100 units, ${ratio(rank.firstRow, rankPlain.firstRow)}× the plain table` : '—')
        .replace('{{gridRatios}}', grid && grid100 && gridPlain ? `${ratio(grid.firstRow, grid100.firstRow)}× the same page at 100 units, ${ratio(grid.firstRow, gridPlain.firstRow)}× the plain table` : '—')
        .replace('{{agency}}', `${bigPages.agency} (${bigPages.criteria} criteria)`);
      fs.writeFileSync(path.join(here, 'REPORT.md'), text);
      log('wrote bench/ranking-page/REPORT.md');
    }
  } finally {
    await browser?.close();
    statics?.close();
    await large.server.stop();
    await small.server.stop();
    if (!process.argv.includes('--keep')) {
      await large.target.drop();
      await small.target.drop();
    } else if (large.target.kind === 'postgres' && small.target.kind === 'postgres') {
      log(`kept: --database ${large.target.databaseUrl} --small-database ${small.target.databaseUrl}`);
    }
  }
}

await main();
