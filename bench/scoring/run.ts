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

interface Measure { name: string; units: number; leaves: number; runs: number; medianMs: number; minMs: number; maxMs: number; medianCpuMs: number;
  perUnitUs: number; heapDeltaMb: number; peakRssMb: number; outcome: Outcome }

function medianOf(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

function measure(name: string, framework: Framework, units: readonly SyntheticUnit[], runs: number, leaves: number): Measure {
  runCohort(framework, units); // warm-up (JIT)
  const times: number[] = [];
  const cpus: number[] = [];
  let heapDelta = 0;
  let peakRss = process.memoryUsage().rss;
  let outcome: Outcome | undefined;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    outcome = runCohort(framework, units);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    cpus.push((c1.user + c1.system) / 1000);
    const mem = process.memoryUsage();
    // Heap still held right after the run (results alive): an upper bound of what one run needs.
    heapDelta = Math.max(heapDelta, mem.heapUsed - heapBefore);
    peakRss = Math.max(peakRss, mem.rss);
    times.push(t1 - t0);
  }
  const median = medianOf(times);
  return {
    name, units: units.length, leaves, runs, medianMs: median, minMs: Math.min(...times), maxMs: Math.max(...times), medianCpuMs: medianOf(cpus),
    perUnitUs: (median * 1000) / units.length, heapDeltaMb: heapDelta / 2 ** 20, peakRssMb: peakRss / 2 ** 20, outcome: outcome!,
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

const results = [
  measure('Cả nước: 3 321 đơn vị cấp xã', framework, national, 7, leafCount),
  measure('Một tỉnh: 102 đơn vị cấp xã', framework, province, 31, leafCount),
];
const maxRssMb = process.resourceUsage().maxRSS / 1024;

const env = `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}; gc exposed: ${gc ? 'yes' : 'no'}`;
const f = (n: number, d = 1) => n.toFixed(d);
const table = [
  '| Cohort | Units × leaves | Runs | Median wall | Min–max wall | Median CPU | Wall per unit | Heap held after a run | Peak RSS |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.name} | ${r.units} × ${r.leaves} | ${r.runs} | ${f(r.medianMs)} ms | ${f(r.minMs)}–${f(r.maxMs)} ms | ${f(r.medianCpuMs)} ms | ${f(r.perUnitUs, 0)} µs | ${f(r.heapDeltaMb)} MiB | ${f(r.peakRssMb)} MiB |`),
].join('\n');

console.log(env);
console.log(`Input generation (not timed): ${f(genMs)} ms; process max RSS ${f(maxRssMb)} MiB`);
console.log(table);
for (const r of results) {
  console.log(`${r.name}: ${r.outcome.scored} scored, ${r.outcome.ranked} ranked; classes ${JSON.stringify(Object.fromEntries(r.outcome.classes))}`);
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
