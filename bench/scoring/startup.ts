/**
 * `chiso score` start-up: CPU (user + system) and wall of whole processes, as an official runs
 * them, each several times; and whether exceljs was loaded (a preloaded hook counts its files).
 *
 *   node --import tsx bench/scoring/startup.ts [runs] [--json]
 *
 * Prints a Markdown table (or JSON); bench/scoring/run.ts --report puts it in REPORT.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = path.join(here, '../../packages/server');
const examples = path.join(here, '../../docs/examples');
const hook = path.join(here, 'loaded-modules.mjs');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-startup-'));

export interface StartupRow { what: string; command: string; runs: number; medianCpuMs: number; minCpuMs: number; medianWallMs: number; maxRssMb: number; exceljsFiles: number }

const example = ['--framework', path.join(examples, 'bo-tieu-chi-vi-du.json'), '--inputs', path.join(examples, 'du-lieu-vi-du.csv'), '--units', path.join(examples, 'don-vi-vi-du.csv')];
const cases: { what: string; args: string[]; shown: string }[] = [
  { what: 'Node with tsx, nothing else (floor)', args: ['--import', 'tsx', '-e', ''], shown: "node --import tsx -e ''" },
  { what: '`chiso score --help` (usage)', args: ['--import', 'tsx', 'src/cli.ts', 'score', '--help'], shown: 'chiso score --help' },
  { what: '`chiso score` JSON framework + CSV → CSV (3 units)', args: ['--import', 'tsx', 'src/cli.ts', 'score', ...example], shown: 'chiso score --framework bo-tieu-chi-vi-du.json --inputs du-lieu-vi-du.csv --units don-vi-vi-du.csv' },
  { what: '`chiso score` … `--out KẾT_QUẢ.xlsx` (needs exceljs)', args: ['--import', 'tsx', 'src/cli.ts', 'score', ...example, '--out', path.join(outDir, 'ket-qua.xlsx')], shown: 'chiso score … --out ket-qua.xlsx' },
];

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

export function measureStartup(runs: number): StartupRow[] {
  return cases.map((c) => {
    const cpu: number[] = [];
    const wall: number[] = [];
    let rss = 0;
    let files = 0;
    for (let i = 0; i < runs; i++) {
      const r = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %e %M', process.execPath, '--import', hook, ...c.args], { cwd: server, encoding: 'utf8' });
      const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
      if (!m) throw new Error(`no timing for ${c.shown}: ${r.stderr}`);
      cpu.push((Number(m[1]) + Number(m[2])) * 1000);
      wall.push(Number(m[3]) * 1000);
      rss = Math.max(rss, Number(m[4]) / 1024);
      files = Number(/EXCELJS_FILES (\d+)/.exec(r.stderr)?.[1] ?? -1);
    }
    return { what: c.what, command: c.shown, runs, medianCpuMs: median(cpu), minCpuMs: Math.min(...cpu), medianWallMs: median(wall), maxRssMb: rss, exceljsFiles: files };
  });
}

export function startupTable(rows: readonly StartupRow[]): string {
  return [
    '| Process | Runs | Median CPU (user + sys) | Min CPU | Median wall | Max RSS | exceljs files loaded |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.runs} | ${r.medianCpuMs.toFixed(0)} ms | ${r.minCpuMs.toFixed(0)} ms | ${r.medianWallMs.toFixed(0)} ms | ${r.maxRssMb.toFixed(0)} MiB | ${r.exceljsFiles} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
  const rows = measureStartup(runs);
  console.log(process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : startupTable(rows));
}
