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

if (process.argv.includes('--report')) {
  const report = `# Scoring benchmark

Measured with \`node --expose-gc --import tsx bench/scoring/run.ts --report\` (this file is
written by that command).

**What is timed**: for every unit, \`scoreUnit\` (all 150 leaves, sums with capping,
not-applicable removal, component indexes, exact and published index), then \`rankByGroup\`
(communes and wards ranked separately, published basis, one tie-break) and \`classifyScore\`
for every unit. Inputs are generated before timing from a fixed seed (mulberry32), with ~5 %
not-applicable claims on the declarable leaves and type-specific leaves, so the work is the
same on every run. One warm-up run, then the median of ${results[0]!.runs} (national) and
${results[1]!.runs} (province) runs, \`global.gc()\` before each run.

**Framework**: synthetic, 8 fields, 30 criteria, ${leafCount} leaves, 100 points (100 leaves of
0,75 and 50 of 0,5), rules cycling through choice, yes/no, rate tiers, proportional, manual,
deduction, survey and data feed.

**Machine**: ${env}. Load average at start: ${loadStart.map((x) => x.toFixed(2)).join(', ')}
(the machine is shared with other work, so wall times vary; *Median CPU* is user + system
CPU time of the process during a run, which includes the garbage collector's threads).

${table}

- *Heap held after a run*: \`heapUsed\` right after a run minus before it (after GC), i.e. the
  memory of all results still alive — per-node traces for every unit. The maximum over runs.
- *Peak RSS*: highest \`process.memoryUsage().rss\` seen after a run; process max RSS
  (\`process.resourceUsage().maxRSS\`) was ${f(maxRssMb)} MiB, including tsx and the generated inputs.

${results.map((r) => `- ${r.name}: ${r.outcome.scored} scored, ${r.outcome.ranked} ranked; classes ${Object.entries(Object.fromEntries(r.outcome.classes)).map(([k, v]) => `${k} ${v}`).join(', ')}.`).join('\n')}

No timed assertions live in the tests; this is for information and regressions.
`;
  writeFileSync(new URL('REPORT.md', import.meta.url), report);
  console.log('wrote bench/scoring/REPORT.md');
}
