/**
 * CPU of one autosave next to one `GET /api/auth/me`, sequentially (one request at a time), read
 * from the server child's /proc/<pid>/stat (user + system time) around N requests of each kind:
 * what a save costs the server, without queueing or other clients.
 *
 *   node --import tsx bench/save-criterion/cpu.ts [--db postgres|pglite] [--units 50] [--n 300] [--cpu-prof DIR]
 */
import fs from 'node:fs';
import { openBench, seedLargeProvince, sessionsFor } from '../lib/large-province.ts';
import { argValue, freshTarget, loadAverage, seedTarget, startServer } from '../lib/server.ts';

const kind = (argValue('--db') ?? 'postgres') as 'postgres' | 'pglite';
const units = Number(argValue('--units') ?? 50);
const n = Number(argValue('--n') ?? 300);
const cpuProf = argValue('--cpu-prof');

/** The child's CPU time so far, in ms (utime + stime, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const target = await freshTarget(kind, 'savecpu');
try {
  const handle = await openBench(seedTarget(target));
  const province = await seedLargeProvince(handle.db, { units });
  const [session] = await sessionsFor(handle.db, [province.units[0]!.userId]);
  await handle.close();
  // SAVE_CHILD_NODE_OPTIONS: node options of the server child only (e.g. an --import that logs its SQL).
  const childOptions = process.env.SAVE_CHILD_NODE_OPTIONS;
  const server = await startServer(target, 3404, { ...(cpuProf ? { cpuProf } : {}), ...(childOptions ? { env: { NODE_OPTIONS: childOptions } } : {}) });
  try {
    const unitId = province.units[0]!.id;
    const url = `${server.baseUrl}/api/cycles/${province.cycleId}/units/${unitId}/criteria/leaf-1`;
    let version = 1;
    let value = true;
    let bytes = 0;
    const save = async () => {
      value = !value;
      const response = await fetch(url, {
        method: 'PUT',
        headers: { cookie: session!.cookie, 'x-csrf-token': session!.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ version, input: { kind: 'yes_no', value } }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`save ${response.status}: ${text.slice(0, 300)}`);
      bytes = text.length;
      if (process.env.SAVE_ANSWER_FILE) fs.writeFileSync(process.env.SAVE_ANSWER_FILE, text);
      version = (JSON.parse(text) as { version: number }).version;
    };
    const me = async () => {
      const response = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: session!.cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`me ${response.status}`);
    };
    const timed = async (fn: () => Promise<void>) => {
      const pid = server.child.pid!;
      const c0 = cpuMs(pid);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await fn();
      return { cpu: (cpuMs(pid) - c0) / n, wall: (performance.now() - t0) / n };
    };
    for (let i = 0; i < 50; i++) await save();
    for (let i = 0; i < 50; i++) await me();
    if (process.env.SAVE_MARK_FILE) fs.writeFileSync(process.env.SAVE_MARK_FILE, '');
    const s = await timed(save);
    if (process.env.SAVE_MARK_FILE) fs.appendFileSync(process.env.SAVE_MARK_FILE, '--- me\n');
    const q = await timed(me);
    console.log(`${kind}, ${units} units, ${n} sequential requests each, load ${loadAverage()}`);
    console.log(`save: ${s.cpu.toFixed(2)} ms CPU, ${s.wall.toFixed(2)} ms wall, answer ${bytes} B`);
    console.log(`me:   ${q.cpu.toFixed(2)} ms CPU, ${q.wall.toFixed(2)} ms wall`);
    console.log(`save ÷ me CPU: ${(s.cpu / q.cpu).toFixed(1)}`);
  } finally {
    await server.stop();
  }
} finally {
  await target.drop();
}
