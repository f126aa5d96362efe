/**
 * Deadline-surge benchmark (issue 14, benchmark 2): every commune's officer of the large province
 * (3,321) autosaves one criterion of its own self-assessment every 10 s — each officer at its own
 * moment in the 10 s, as real pages are — for 2 minutes, on PostgreSQL. Reports the latency
 * (p50/p99), the errors, and the rate achieved against the rate offered.
 *
 *   node --import tsx bench/deadline-surge/run.ts [--report] [--minutes 2] [--officers 3321]
 *
 * The server runs as a child process (`chiso start`, port 3404) on a fresh database seeded with
 * the large province (bench/lib/large-province.ts). The load generator is this process: plain
 * node:http with one keep-alive connection per officer (a browser's own), open loop (a save is
 * sent when due, or right after the officer's previous save if that one is still running, as the
 * page queues its autosaves); its own CPU time is measured and reported, since it shares the
 * machine's cores with the server and PostgreSQL.
 */
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { openBench, seedLargeProvince, sessionsFor, type BenchSession } from '../lib/large-province.ts';
import { argValue, freshTarget, loadAverage, machine, percentile, seedTarget, startServer } from '../lib/server.ts';

const PORT = 3404;
const PERIOD_MS = 10_000;
const minutes = Number(argValue('--minutes') ?? 2);
const officers = Number(argValue('--officers') ?? 3321);
const durationMs = minutes * 60_000;

interface Officer { unitId: string; session: BenchSession; version: number; value: boolean; busy: boolean; queued: number }

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** CPU seconds of a process and its descendants still running (the server's child processes, if any). */
function treeCpuSeconds(pid: number): number {
  let total = cpuSecondsOf(pid);
  for (const task of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${task}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(stat[1]) === pid) total += treeCpuSeconds(Number(task));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU seconds of all PostgreSQL backends on the machine (the server's share of the load). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const task of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${task}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuSecondsOf(Number(task));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const target = await freshTarget('postgres', 'surge');
try {
  const t0 = Date.now();
  const handle = await openBench(seedTarget(target));
  let province: Awaited<ReturnType<typeof seedLargeProvince>>;
  let sessions: BenchSession[];
  try {
    province = await seedLargeProvince(handle.db, { units: officers, progress: (text) => console.log(text) });
    sessions = await sessionsFor(handle.db, province.units.map((u) => u.userId));
  } finally {
    await handle.close();
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  console.log(`seeded in ${seedSeconds.toFixed(0)} s`);

  const server = await startServer(target, PORT);
  const loadAtStart = loadAverage();
  const agent = new http.Agent({ keepAlive: true, maxSockets: officers });
  const nodeKey = 'leaf-1';
  const crew: Officer[] = province.units.map((u, i) => ({ unitId: u.id, session: sessions[i]!, version: 1, value: true, busy: false, queued: 0 }));
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let sent = 0;
  let offered = 0;
  let late = 0;
  // At the end of the surge, queued saves are not sent; those still running get the request timeout.
  let stopping = false;
  const fail = (why: string) => errors.set(why, (errors.get(why) ?? 0) + 1);

  const save = (o: Officer): Promise<void> => new Promise<void>((resolve) => {
    o.busy = true;
    o.value = !o.value;
    const body = JSON.stringify({ version: o.version, input: { kind: 'yes_no', value: o.value } });
    const started = performance.now();
    sent++;
    const request = http.request({
      agent, host: '127.0.0.1', port: PORT, method: 'PUT', path: `/api/cycles/${province.cycleId}/units/${o.unitId}/criteria/${nodeKey}`,
      headers: { cookie: o.session.cookie, 'x-csrf-token': o.session.csrfToken, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: 30_000,
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        latencies.push(performance.now() - started);
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode === 200) o.version = (JSON.parse(text) as { version: number }).version;
        else {
          fail(`HTTP ${response.statusCode}`);
          // A stale version (another tab, a save that timed out but went through): carry the current one on.
          const current = response.statusCode === 409 ? (JSON.parse(text) as { details?: { current?: { version?: number } }[] }).details?.[0]?.current?.version : undefined;
          if (current !== undefined) o.version = current;
        }
        resolve();
      });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => {
      fail(error.message);
      resolve();
    });
    request.end(body);
  }).then(() => {
    o.busy = false;
    if (o.queued > 0 && !stopping) {
      o.queued--;
      return save(o);
    }
  });

  // Each officer's moment in the period, spread evenly (a page opened at any time).
  const offsets = crew.map((_, i) => ((i * 7919) % officers) / officers * PERIOD_MS);
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = treeCpuSeconds(server.child.pid!);
  const pgCpuBefore = postgresCpuSeconds();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    crew.forEach((o, i) => {
      const tick = () => {
        offered++;
        if (o.busy) {
          late++;
          o.queued++;
        } else inFlight.push(save(o));
      };
      timers.push(setTimeout(() => {
        tick();
        const every = setInterval(() => {
          if (performance.now() - start >= durationMs) return clearInterval(every);
          tick();
        }, PERIOD_MS);
        timers.push(every);
      }, offsets[i]));
    });
    setTimeout(resolve, durationMs);
  });
  stopping = true;
  const unsent = crew.reduce((n, o) => n + o.queued, 0);
  await Promise.all(inFlight);
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const generatorCpu = (cpu.user + cpu.system) / 1e6;
  const serverCpu = treeCpuSeconds(server.child.pid!) - serverCpuBefore;
  const pgCpu = postgresCpuSeconds() - pgCpuBefore;
  const loadAtEnd = loadAverage();
  agent.destroy();
  await server.stop();

  const sorted = [...latencies].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);
  const table = [
    '| Officers | Duration | Offered | Achieved | Saves answered | p50 | p99 | max | Errors | Late (previous save still running) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${officers} | ${fmt(wall)} s | ${fmt(offered / (durationMs / 1000))} /s | ${fmt(latencies.length / wall)} /s | ${latencies.length} of ${sent} sent | ${fmt(p50)} ms | ${fmt(p99)} ms | ${fmt(sorted.at(-1) ?? NaN)} ms | ${errorCount}${errorCount ? ` (${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} | ${late} (${unsent} still queued at the end, not sent) |`,
  ].join('\n');
  const cpuTable = [
    '| Process | CPU seconds | Share of the 2 cores over the run |',
    '|---|---|---|',
    `| Load generator (this process) | ${fmt(generatorCpu)} | ${((generatorCpu / wall / 2) * 100).toFixed(0)} % |`,
    `| chiso server (child) | ${fmt(serverCpu)} | ${((serverCpu / wall / 2) * 100).toFixed(0)} % |`,
    `| PostgreSQL (all backends on the machine) | ${fmt(pgCpu)} | ${((pgCpu / wall / 2) * 100).toFixed(0)} % |`,
  ].join('\n');
  const goal = p99 < 200 && errorCount === 0;
  console.log(`\n${table}\n\n${cpuTable}\n\ngoal (p99 < 200 ms, no error): ${goal ? 'met' : 'not met'}`);

  if (process.argv.includes('--report')) {
    fs.writeFileSync(new URL('./REPORT.md', import.meta.url), `# Deadline-surge benchmark: ${officers} officers autosaving every 10 s

Measured with \`node --import tsx bench/deadline-surge/run.ts --report${minutes !== 2 ? ` --minutes ${minutes}` : ''}\` (this file is written by that command).

**What is timed**: the last days before the self-assessment deadline, when every commune works on
its file at once. chiso's server runs as operators run it (\`chiso start\`, a child process, PostgreSQL
through \`DATABASE_URL\` on a fresh database) with the large province of
\`bench/lib/large-province.ts\`: ${officers} communes, a 150-leaf framework, an open cycle with
${officers} × 150 criterion records (about 60 % already filled), one officer per commune, logged in.
Each officer autosaves one criterion of its own unit (\`PUT /api/cycles/:id/units/:unitId/criteria/:nodeKey\`,
the page's autosave: session and CSRF checks, authorization, the core's validation, the record written
at the client's version, the audit event, the unit's assessment status recomputed and returned) every
10 s, each at its own moment in the 10 s, for ${minutes} minute${minutes === 1 ? '' : 's'}: ${fmt(officers / 10)} saves a second offered.
Latency is from sending the request to the last byte of the answer. A save that falls due while
the officer's previous one is still running is queued behind it, as the page does ("late"); at
the end, saves still queued are not sent, and saves still running get the 30 s request timeout
(counted as errors). Duration is from the first save to the last answer.

**Load generator**: this Node process (node:http, one keep-alive connection per officer, open loop);
it shares the machine's two cores with the server and PostgreSQL, so its CPU time is measured too.

**Machine**: ${machine()}. Load average: ${loadAtStart} at the start of the surge, ${loadAtEnd} at its end
(the machine is shared with other work; absolute times vary between runs). Seeding took ${seedSeconds.toFixed(0)} s.

${table}

${cpuTable}

**Goal**: p99 < 200 ms and no error — **${goal ? 'met' : 'not met'}**.

${fs.readFileSync(new URL('./NOTES.md', import.meta.url), 'utf8').trim()}
`);
  }
} finally {
  await target.drop();
}
