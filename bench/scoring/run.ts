/**
 * Scoring benchmark: index, rank and class for a national commune cohort (3 321 units ×
 * 150 leaves) and for one province (~100 units). Run:
 *
 *   node --expose-gc --import tsx bench/scoring/run.ts [--report]
 *
 * Prints the median of several timed runs and peak memory; with --report also writes
 * bench/scoring/REPORT.md. Inputs are generated before timing, from a fixed seed.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Framework, type UnitScore, classifyScore, rankByGroup, scoreUnit } from '../../packages/core/src/index.ts';
import { type LoopPlan, loopPlan, runLoop } from './loop.ts';
import { measureStartup, startupTable } from './startup.ts';
import { type SyntheticUnit, syntheticFramework, syntheticUnits } from './synthetic.ts';

const gc = (globalThis as { gc?: () => void }).gc;

interface Outcome { scored: number; ranked: number; classes: Map<string, number> }


/** The measured work: score every unit, rank within groups, classify. */
function runCohort(framework: Framework, units: readonly SyntheticUnit[]): Outcome {
  const entries = units.map((u) => ({ unitId: u.unitId, group: u.group, score: scoreUnit(framework, u.profile, u.inputs) as UnitScore }));
  const groups = rankByGroup(entries, framework.settings.ranking);
  const classes = new Map<string, number>();
  let ranked = 0;
  for (const list of groups.values()) {
    for (const r of list) {
      if (r.rank !== null) ranked++;
      const band = classifyScore(framework, r.score)?.label ?? '—';
      classes.set(band, (classes.get(band) ?? 0) + 1);
    }
  }
  return { scored: entries.length, ranked, classes };
}

interface Timing { wall: number[]; cpu: number[]; heapDelta: number; peakRss: number }

const newTiming = (): Timing => ({ wall: [], cpu: [], heapDelta: 0, peakRss: 0 });

/** One timed call: wall, process CPU (user + system), heap still held after it, RSS. */
function timed<T>(t: Timing, work: () => T): T {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = work();
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const mem = process.memoryUsage();
  t.wall.push(t1 - t0);
  t.cpu.push((c1.user + c1.system) / 1000);
  // Heap still held right after the run (results alive): an upper bound of what one run needs.
  t.heapDelta = Math.max(t.heapDelta, mem.heapUsed - heapBefore);
  t.peakRss = Math.max(t.peakRss, mem.rss);
  return out;
}

interface Stats { medianMs: number; minMs: number; maxMs: number; medianCpuMs: number; perUnitUs: number; heapDeltaMb: number; peakRssMb: number }

function medianOf(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

function stats(t: Timing, units: number): Stats {
  const median = medianOf(t.wall);
  return {
    medianMs: median, minMs: Math.min(...t.wall), maxMs: Math.max(...t.wall), medianCpuMs: medianOf(t.cpu),
    perUnitUs: (median * 1000) / units, heapDeltaMb: t.heapDelta / 2 ** 20, peakRssMb: t.peakRss / 2 ** 20,
  };
}

interface Measure {
  name: string; units: number; leaves: number; runs: number; engine: Stats; loop: Stats;
  /** Engine ÷ loop, of the median CPU and of the median wall, and the median of the per-run CPU ratios. */
  cpuRatio: number; wallRatio: number; pairedCpuRatio: number;
  outcome: Outcome; loopOutcome: Outcome;
}

/**
 * The engine and the loop alternate within each run (engine first, then loop), so both see the
 * same machine load; the ratio is what the goal is about.
 */
function measure(name: string, framework: Framework, plan: LoopPlan, units: readonly SyntheticUnit[], runs: number, leaves: number): Measure {
  runCohort(framework, units); // warm-up (JIT)
  runLoop(plan, units);
  const engine = newTiming();
  const loop = newTiming();
  let outcome: Outcome | undefined;
  let loopOutcome: Outcome | undefined;
  const paired: number[] = [];
  for (let i = 0; i < runs; i++) {
    outcome = timed(engine, () => runCohort(framework, units));
    loopOutcome = timed(loop, () => runLoop(plan, units));
    paired.push(engine.cpu[i]! / Math.max(loop.cpu[i]!, 0.001));
  }
  const e = stats(engine, units.length);
  const l = stats(loop, units.length);
  return {
    name, units: units.length, leaves, runs, engine: e, loop: l,
    cpuRatio: e.medianCpuMs / l.medianCpuMs, wallRatio: e.medianMs / l.medianMs, pairedCpuRatio: medianOf(paired),
    outcome: outcome!, loopOutcome: loopOutcome!,
  };
}

const framework = syntheticFramework();
let leafCount = 0;
const count = (ns: Framework['nodes']) => ns.forEach((n) => { if (n.rule) leafCount++; count(n.children); });
count(framework.nodes);

const loadStart = os.loadavg();
const t0 = performance.now();
const national = syntheticUnits(framework, 3321, 2025);
const province = syntheticUnits(framework, 102, 7);
const genMs = performance.now() - t0;

const plan = loopPlan(framework);
const nationalRuns = Number(process.env.BENCH_RUNS ?? 15);
const results = [
  measure('Cả nước: 3 321 đơn vị cấp xã', framework, plan, national, nationalRuns, leafCount),
  measure('Một tỉnh: 102 đơn vị cấp xã', framework, plan, province, nationalRuns * 4 + 1, leafCount),
];
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const loadEnd = os.loadavg();

const env = `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}; gc exposed: ${gc ? 'yes' : 'no'}`;
const f = (n: number, d = 1) => n.toFixed(d);
const row = (r: Measure, what: string, s: Stats) =>
  `| ${r.name} | ${what} | ${r.units} × ${r.leaves} | ${r.runs} | ${f(s.medianMs)} ms | ${f(s.minMs)}–${f(s.maxMs)} ms | ${f(s.medianCpuMs)} ms | ${f(s.perUnitUs, 1)} µs | ${f(s.heapDeltaMb)} MiB | ${f(s.peakRssMb)} MiB |`;
const table = [
  '| Cohort | Code | Units × leaves | Runs | Median wall | Min–max wall | Median CPU | Wall per unit | Heap held after a run | Peak RSS |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...results.flatMap((r) => [row(r, 'engine (`scoreUnit`, `rankByGroup`, `classifyScore`)', r.engine), row(r, 'plain integer loop', r.loop)]),
].join('\n');
const ratioTable = [
  '| Cohort | Engine ÷ loop, median CPU | Engine ÷ loop, median wall | Median of the per-run CPU ratios | Goal ≤ 3× |',
  '|---|---|---|---|---|',
  ...results.map((r) => `| ${r.name} | ${f(r.cpuRatio, 2)}× | ${f(r.wallRatio, 2)}× | ${f(r.pairedCpuRatio, 2)}× | ${r.cpuRatio <= 3 ? 'met' : 'not met'} |`),
].join('\n');
const classText = (o: Outcome) => Object.entries(Object.fromEntries(o.classes)).map(([k, v]) => `${k} ${v}`).join(', ');

console.log(env);
console.log(`Load average: ${loadStart.map((x) => x.toFixed(2)).join(', ')} at start, ${loadEnd.map((x) => x.toFixed(2)).join(', ')} at end`);
console.log(`Input generation (not timed): ${f(genMs)} ms; process max RSS ${f(maxRssMb)} MiB`);
console.log(table);
console.log(ratioTable);
for (const r of results) {
  console.log(`${r.name}: engine ${r.outcome.scored} scored, ${r.outcome.ranked} ranked; classes ${classText(r.outcome)} | loop classes ${classText(r.loopOutcome)}`);
}

/** `chiso score` start-up before exceljs was loaded lazily (commit 94a19f8, same script, 5 runs each). */
const STARTUP_BEFORE = `| Process | Runs | Median CPU (user + sys) | Min CPU | Median wall | Max RSS | exceljs files loaded |
|---|---|---|---|---|---|---|
| Node with tsx, nothing else (floor) | 5 | 550 ms | 510 ms | 1940 ms | 80 MiB | 0 |
| \`chiso score --help\` (usage) | 5 | 2010 ms | 1710 ms | 7900 ms | 117 MiB | 156 |
| \`chiso score\` JSON framework + CSV → CSV (3 units) | 5 | 2330 ms | 2050 ms | 10160 ms | 122 MiB | 156 |
| \`chiso score\` … \`--out KẾT_QUẢ.xlsx\` (needs exceljs) | 5 | 2390 ms | 2140 ms | 10560 ms | 125 MiB | 156 |`;

if (process.argv.includes('--report')) {
  const startupLoad = os.loadavg();
  const startup = startupTable(measureStartup(7));
  const national = results[0]!;
  const report = `# Scoring benchmark

Measured with \`node --expose-gc --import tsx bench/scoring/run.ts --report\` (this file is
written by that command; \`BENCH_RUNS=n\` sets the national runs, default 15).

## 1. The engine next to a plain integer loop

**What is timed**: for every unit, \`scoreUnit\` (all 150 leaves, sums with capping,
not-applicable removal, component indexes, exact and published index), then \`rankByGroup\`
(communes and wards ranked separately, published basis, one tie-break) and \`classifyScore\`
for every unit — next to **a plain integer loop over the same inputs** (bench/scoring/loop.ts):
each leaf's points in integer hundredths from its input (option lookup, yes/no, a rate against
the tier bounds by cross-multiplication, proportional points rounded to the hundredth, manual
and survey points read with \`Number()\`, deductions), not-applicable leaves dropped with their
maximum, each criterion's and field's sum capped at its applicable maximum, the index in
hundredths of a percent, one sort per group (index, tie-break field, unit id) with shared
ranks, and a threshold lookup of the class — what the hardware does without exact arithmetic,
trace or generality. Both are in the same process and alternate within each run (engine, then
loop), so both see the same machine load. Inputs are generated before timing from a fixed seed
(mulberry32), with ~5 % not-applicable claims on the declarable leaves and type-specific
leaves. One warm-up of each, then ${national.runs} (national) and ${results[1]!.runs} (province)
runs, \`global.gc()\` before each timed call.

**Framework**: synthetic, 8 fields, 30 criteria, ${leafCount} leaves, 100 points (100 leaves of
0,75 and 50 of 0,5), rules cycling through choice, yes/no, rate tiers, proportional, manual,
deduction, survey and data feed.

**Machine**: ${env}. Load average ${loadStart.map((x) => x.toFixed(2)).join(', ')} at the start and
${loadEnd.map((x) => x.toFixed(2)).join(', ')} at the end (the machine has 2 cores shared with
other work, so wall times are several times the CPU times and vary; *Median CPU* is the
process's user + system CPU time during the call, which includes the garbage collector's
threads — the figure to compare).

${table}

${ratioTable}

- *Heap held after a run*: \`heapUsed\` right after a call minus before it (after GC): the results
  still alive plus garbage not yet collected. The maximum over runs. *Peak RSS*: highest
  \`process.memoryUsage().rss\` after a call; process max RSS was ${f(maxRssMb)} MiB, including tsx
  and the generated inputs.
${results.map((r) => `- ${r.name}: engine ${r.outcome.scored} scored, ${r.outcome.ranked} ranked; classes ${classText(r.outcome)}. The loop (hundredths, approximate): ${classText(r.loopOutcome)}.`).join('\n')}

**Before this work** (same cohort, earlier report): 2 256 ms median CPU and 227,7 MiB held after
a national run — the per-node trace (a \`NodeScore\` with its exact \`Rational\`s for each of the
190 nodes, and each leaf's Vietnamese sentence) was built for every unit, and every sum was
BigInt with a gcd. Now \`scoreUnit\` computes the figures only; the trace and the issues are
built when first read (\`nodes\`/\`issues\` are getters; \`traceUnit\` builds them at once), sums
are exact rationals held in plain numbers while they are safe integers and BigInt beyond, with
the gcds of denominators (Knuth) instead of the whole sum's, leaf points are read without BigInt
parsing or text, and ranking compares published indexes of equal decimals as numbers. Every
figure is the same as before, num/den included (core tests; a property test in
packages/core/test/lazy-trace.test.ts; the classes above equal the engine's before the change:
the earlier report's 756/927/905/733 came from an older core).

**Goal ≤ 3× the loop: ${national.cpuRatio <= 3 ? 'met' : 'not met'}** on the national cohort (${f(national.cpuRatio, 2)}× of median CPU).
${national.cpuRatio <= 3 ? '' : `What limits it: exactness. A proportional leaf scores max × done ÷ required exactly (27/40,
2/3…): in this cohort each unit has ~19 of them with denominators up to 500, so a field's sum has
a denominator in the millions to billions, and the unit's total one of ~10^28 — beyond 2^53 for
every unit, so the last sums, the index and its rounding run on BigInt, and every sum of
fields needs gcds (Euclid) to stay in lowest terms. The loop rounds each proportional leaf to the
hundredth and sums integers. Declaring \`pointsDecimals\` (as most provinces' rules do for
computed points) keeps every denominator a power of ten and the engine in plain numbers (not measured here).
`}
## 2. \`chiso score\` start-up

Whole processes as an official runs them (\`node --import tsx src/cli.ts score …\` in
packages/server, as \`npx chiso\` does), on the example files of docs/examples; CPU = user +
system of the process from \`/usr/bin/time\`, including tsx's compile thread; *exceljs files
loaded* is counted by a preloaded hook (bench/scoring/loaded-modules.mjs) at exit. Reproduce:
\`node --import tsx bench/scoring/startup.ts 7\`. Load average ${startupLoad.map((x) => x.toFixed(2)).join(', ')}.

Before (commit 94a19f8: exceljs imported at the top of files/tabular.ts, files/xlsx-guard.ts and
documents/framework-xlsx.ts, all reached from \`chiso score\`):

${STARTUP_BEFORE}

After (exceljs imported where a workbook is read or written; the XLSX framework reader imported
when the framework is an XLSX):

${startup}

JSON and CSV in and out no longer load exceljs (0 of its files); \`--out .xlsx\` loads it at the
point of writing. What remains above the floor is loading and transpiling the core and the
server's TypeScript modules the command needs through tsx.

No timed assertions live in the tests; this is for information and regressions.
`;
  writeFileSync(new URL('REPORT.md', import.meta.url), report);
  console.log('wrote bench/scoring/REPORT.md');
}
