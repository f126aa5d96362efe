/**
 * Save-one-criterion benchmark (issue 14, benchmark 1): the self-assessment autosave the web sends
 * (`PUT /api/cycles/:id/units/:unitId/criteria/:nodeKey` — session, CSRF, authorization,
 * validation by the core, the record written at the client's version, audit event, the unit's
 * assessment status recomputed) next to a one-query route of the same server (`GET /api/auth/me`:
 * the session read in one query), both at 100 concurrent connections, alternating in one run, on
 * PostgreSQL and on PGlite.
 *
 *   node --import tsx bench/save-criterion/run.ts [--report] [--db postgres|pglite|both]
 *        [--units 3321] [--seconds 10] [--rounds 3] [--cpu-prof DIR]
 *
 * The server runs as a child process (`chiso start`, port 3403) on a fresh database seeded with
 * the large province (bench/lib/large-province.ts). Each connection saves its own unit's
 * criterion and carries the record's version forward, as the page does.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { openBench, seedLargeProvince, sessionsFor, type BenchSession, type LargeProvince } from '../lib/large-province.ts';
import { argValue, freshTarget, loadAverage, machine, median, seedTarget, startServer } from '../lib/server.ts';

const CONNECTIONS = 100;
const PORT = 3403;
const seconds = Number(argValue('--seconds') ?? 10);
const rounds = Number(argValue('--rounds') ?? 3);
const unitsWanted = Number(argValue('--units') ?? 3321);
// PGlite seeds slower (one WebAssembly process): a smaller province unless told (--pglite-units).
const pgliteUnits = Number(argValue('--pglite-units') ?? 1000);
const which = argValue('--db') ?? 'both';
const cpuProf = argValue('--cpu-prof');
const kinds = (which === 'both' ? ['postgres', 'pglite'] : [which]) as ('postgres' | 'pglite')[];

interface Phase { rps: number; p50: number; p99: number; errors: number; requests: number; conflicts: number }
interface DbResult { kind: string; units: number; seedSeconds: number; save: Phase[]; query: Phase[] }

/** One writer per unit: its session, its record's version, the value it flips. */
interface Slot { unitId: string; session: BenchSession; version: number; value: boolean }

/**
 * One measured phase of `amount` requests (not a duration: autocannon then waits for every answer,
 * so no save is still running on the server when the next phase starts, and every writer's version
 * is current).
 */
async function phase(baseUrl: string, amount: number, request: autocannon.Request, conflicts: { n: number }): Promise<Phase> {
  conflicts.n = 0;
  const result = await autocannon({ url: baseUrl, connections: CONNECTIONS, amount, requests: [request], timeout: 60 });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, errors, requests: result.requests.total, conflicts: conflicts.n,
  };
}

async function runOn(kind: 'postgres' | 'pglite'): Promise<DbResult> {
  const target = await freshTarget(kind, 'save');
  try {
    const t0 = Date.now();
    const handle = await openBench(seedTarget(target));
    let province: LargeProvince;
    let sessions: BenchSession[];
    try {
      province = await seedLargeProvince(handle.db, { units: kind === 'pglite' ? Math.min(unitsWanted, pgliteUnits) : unitsWanted, progress: (text) => console.log(`[${kind}] ${text}`) });
      // Three writers per connection, so a connection never waits for its own unit's lock.
      sessions = await sessionsFor(handle.db, province.units.slice(0, CONNECTIONS * 3).map((u) => u.userId));
    } finally {
      await handle.close();
    }
    const seedSeconds = (Date.now() - t0) / 1000;
    console.log(`[${kind}] seeded in ${seedSeconds.toFixed(0)} s`);

    // A yes/no leaf every unit type has: each save flips it (a real change every time).
    const nodeKey = 'leaf-1';
    const slots: Slot[] = sessions.map((session, i) => ({ unitId: province.units[i]!.id, session, version: 1, value: true }));
    const free = [...slots];
    const conflicts = { n: 0 };
    const save: autocannon.Request = {
      method: 'PUT',
      setupRequest: (req, context) => {
        const slot = free.shift()!;
        (context as { slot?: Slot }).slot = slot;
        slot.value = !slot.value;
        return {
          ...req,
          path: `/api/cycles/${province.cycleId}/units/${slot.unitId}/criteria/${nodeKey}`,
          headers: { cookie: slot.session.cookie, 'x-csrf-token': slot.session.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ version: slot.version, input: { kind: 'yes_no', value: slot.value } }),
        };
      },
      onResponse: (status, body, context) => {
        const slot = (context as { slot?: Slot }).slot;
        if (!slot) return;
        try {
          if (status === 200) slot.version = (JSON.parse(body) as { version: number }).version;
          else if (status === 409) {
            conflicts.n++;
            slot.version = (JSON.parse(body) as { details: { current: { version: number } }[] }).details[0]!.current.version;
          }
        } catch {
          // counted as an error by autocannon when not 2xx
        }
        free.push(slot);
      },
    };
    let next = 0;
    const me: autocannon.Request = {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: '/api/auth/me', headers: { cookie: sessions[next++ % CONNECTIONS]!.cookie } }),
    };

    const server = await startServer(target, PORT, cpuProf ? { cpuProf: `${cpuProf}/${kind}` } : {});
    const result: DbResult = { kind, units: province.units.length, seedSeconds, save: [], query: [] };
    try {
      // Warm-up (JIT, caches, connections), not counted; its rates size the phases to about `seconds` each.
      const warmSave = await phase(server.baseUrl, CONNECTIONS, save, conflicts);
      const warmMe = await phase(server.baseUrl, CONNECTIONS * 3, me, conflicts);
      const amountOf = (rps: number) => Math.max(CONNECTIONS, Math.round(rps * seconds));
      for (let r = 0; r < rounds; r++) {
        const s = await phase(server.baseUrl, amountOf(warmSave.rps), save, conflicts);
        const q = await phase(server.baseUrl, amountOf(warmMe.rps), me, conflicts);
        result.save.push(s);
        result.query.push(q);
        console.log(`[${kind}] round ${r + 1}: save ${s.rps.toFixed(0)}/s p50 ${s.p50} p99 ${s.p99} ms (${s.errors} errors, ${s.conflicts} conflicts) · me ${q.rps.toFixed(0)}/s p50 ${q.p50} p99 ${q.p99} ms (${q.errors} errors)`);
      }
    } finally {
      await server.stop();
    }
    return result;
  } finally {
    await target.drop();
  }
}

const loadAtStart = loadAverage();
const results: DbResult[] = [];
for (const kind of kinds) results.push(await runOn(kind));
const loadAtEnd = loadAverage();

const summary = (phases: Phase[]) => ({
  rps: median(phases.map((p) => p.rps)), p50: median(phases.map((p) => p.p50)), p99: median(phases.map((p) => p.p99)),
  errors: phases.reduce((n, p) => n + p.errors, 0), requests: phases.reduce((n, p) => n + p.requests, 0),
});
const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const lines = results.map((r) => {
  const s = summary(r.save);
  const q = summary(r.query);
  const ratio = s.rps / q.rps;
  return {
    r, s, q, ratio,
    row: `| ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} (${r.units} units) | ${fmt(s.rps)} | ${fmt(s.p50)} / ${fmt(s.p99)} ms | ${s.errors} / ${s.requests} | ${fmt(q.rps)} | ${fmt(q.p50)} / ${fmt(q.p99)} ms | ${q.errors} / ${q.requests} | ${ratio.toFixed(2).replace('.', ',')} ${ratio >= 0.25 ? '✔' : '✘'} | ${s.p99 < 100 ? '✔' : '✘'} |`,
  };
});
const table = [
  '| Database | Save rps | Save p50 / p99 | Save errors / requests | One-query rps | One-query p50 / p99 | Errors / requests | Save ÷ one-query (goal ≥ 0,25) | Save p99 < 100 ms |',
  '|---|---|---|---|---|---|---|---|---|',
  ...lines.map((l) => l.row),
].join('\n');
const perRound = results.map((r) => r.save.map((s, i) => {
  const q = r.query[i]!;
  return `| ${r.kind} | ${i + 1} | ${fmt(s.rps)} | ${s.p50} / ${s.p99} | ${s.errors} | ${s.conflicts} | ${fmt(q.rps)} | ${q.p50} / ${q.p99} | ${q.errors} |`;
}).join('\n')).join('\n');
console.log(`\n${table}\n\n${perRound}`);

if (process.argv.includes('--report')) {
  const pg = lines.find((l) => l.r.kind === 'postgres');
  const seedText = results.map((r) => `${r.kind} ${r.seedSeconds.toFixed(0)} s`).join(', ');
  const met = lines.every((l) => l.ratio >= 0.25 && l.s.p99 < 100);
  fs.writeFileSync(new URL('./REPORT.md', import.meta.url), `# Save-one-criterion benchmark: the autosave next to a one-query route

Measured with \`node --import tsx bench/save-criterion/run.ts --report\` (this file is written by that command).

**What is timed**: the self-assessment autosave as the web sends it,
\`PUT /api/cycles/:id/units/:unitId/criteria/:nodeKey\` with \`{ version, input }\` — session and CSRF
checks, authorization (the unit's own officer), the core's validation of the input, the record
written at the client's version (409 otherwise), the audit event, the unit's assessment status
recomputed (progress, self score, submission checks, allowed actions) and returned — next to
\`GET /api/auth/me\` of the same server (the session read in one query), each at ${CONNECTIONS}
concurrent connections (autocannon, as a library, in this process). Each connection saves its own
unit's criterion (300 officers, one writer per unit at a time) and carries the record's version
forward from the answer, as the page does; every save flips a yes/no criterion, so each is a real
change. Warm-up first, then ${rounds} rounds alternating save and one-query phases of about
${seconds} s each (a fixed number of requests, so no save is still running when the next phase
starts); the table shows the median of the rounds (errors and requests: their sum). The server is a child process (\`chiso start\`, log level warn)
on a fresh database seeded with \`bench/lib/large-province.ts\` (150-leaf framework, an open cycle
with units × 150 criterion records, about 60 % filled). PostgreSQL: a new database on the local
server, dropped at the end. PGlite: a new data folder, ${Math.min(unitsWanted, pgliteUnits)} units (fewer than
PostgreSQL's ${unitsWanted}, to keep the run short on this shared machine; the save touches one unit,
so the province's size matters little once the save no longer reads every participant).
Seeding took ${seedText}. No rate limit applies to these routes (chiso limits logins and file
uploads only), so none was configured.

**Machine**: ${machine()}. Load average: ${loadAtStart} at start, ${loadAtEnd} at the end. The two cores
are shared with the server, PostgreSQL, this load generator and other work on the machine:
absolute rates vary between runs; the ratio of the two routes, measured side by side, is what to read.

${table}

Per round:

| Database | Round | Save rps | Save p50 / p99 ms | Save errors | 409 conflicts | Me rps | Me p50 / p99 ms | Me errors |
|---|---|---|---|---|---|---|---|---|
${perRound}

**Goals** (issue 14): save ≥ 0,25 of the one-query route and save p99 < 100 ms at 100 clients —
**${met ? 'met' : 'not met'}**${pg ? ` (PostgreSQL: ratio ${pg.ratio.toFixed(2).replace('.', ',')}, p99 ${fmt(pg.s.p99)} ms)` : ''}.

${fs.readFileSync(new URL('./NOTES.md', import.meta.url), 'utf8').trim()}
`);
}
