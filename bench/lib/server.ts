/**
 * What the HTTP benchmarks share: a fresh PostgreSQL database or PGlite folder, chiso's server
 * started as a child process (`node --import tsx packages/server/src/cli.ts start`, as an operator
 * runs it), the machine's description, and percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The PostgreSQL server the benchmarks create their databases on (trust, as in the dev setup). */
export const postgresAdminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Target = { kind: 'postgres'; databaseUrl: string; drop(): Promise<void> } | { kind: 'pglite'; dataDir: string; drop(): Promise<void> };

/** A new, empty database `chiso_bench_<pid>_<tag>` (dropped by `drop`), or a new PGlite folder. */
export async function freshTarget(kind: 'postgres' | 'pglite', tag: string): Promise<Target> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `chiso-bench-${tag}-`));
    return { kind, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `chiso_bench_${process.pid}_${tag}`.replace(/[^a-z0-9_]/g, '_');
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { kind, databaseUrl: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const seedTarget = (t: Target) => (t.kind === 'postgres' ? { databaseUrl: t.databaseUrl } : { dataDir: t.dataDir });

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 20 s) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts `chiso start` on 127.0.0.1:`port` against the target and waits for /api/health.
 * `cpuProf`: a folder for the child's --cpu-prof output.
 */
export async function startServer(target: Target, port: number, options: { cpuProf?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port), HOST: '127.0.0.1', CHISO_LOG_LEVEL: 'warn', CHISO_COOKIE_SECURE: 'false',
    ...(target.kind === 'postgres' ? { DATABASE_URL: target.databaseUrl } : { CHISO_DATA_DIR: target.dataDir }),
    ...options.env,
  };
  if (target.kind === 'pglite') delete env.DATABASE_URL;
  const args = [...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : []), '--import', 'tsx', 'packages/server/src/cli.ts', 'start'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`chiso start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('chiso start: no answer on /api/health within 180 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The machine, for the reports. */
export function machine(): string {
  const cpus = os.cpus();
  return `Node ${process.version}, ${cpus[0]?.model ?? 'CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`;
}

export const loadAverage = () => os.loadavg().map((v) => v.toFixed(2)).join(', ');

/** The p-th percentile (0–100) of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
