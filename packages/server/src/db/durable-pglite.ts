import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * The embedded database on disk, durable: a save acknowledged to a user survives a power cut.
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and its Node file system (Emscripten's NODEFS)
 * has no fsync at all, while `fdatasync` is a stub that does nothing. So: fsync on, WAL flushed with
 * fsync() (the one call that reaches the file system), and NODEFS given an fsync that calls the
 * operating system's. Cost: one fsync per commit (see bench/durability/REPORT.md).
 */
interface EmscriptenModule {
  NODEFS: { stream_ops: Record<string, unknown>; tryFSOperation<T>(operation: () => T): T };
}

class SyncingNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, options);
    const preRun = (result.emscriptenOpts.preRun ?? []) as unknown[];
    preRun.unshift((module: EmscriptenModule) => {
      const nodefs = module.NODEFS;
      nodefs.stream_ops.fsync = (stream: { nfd: number }) => nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd));
    });
    result.emscriptenOpts.preRun = preRun as typeof result.emscriptenOpts.preRun;
    return result;
  }
}

const durableStartParams = [
  ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
];

/** Flushes every file and folder under `dir` (a cluster just written by initdb or a restore). */
export function fsyncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(full);
    else if (entry.isFile()) fsyncPath(full);
  }
  fsyncPath(dir);
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a backup's database (a `dumpDataDir` archive) into an empty `pgdata`, checks that it opens, and closes it. */
export async function restoreDurablePGlite(pgdata: string, dump: Buffer): Promise<void> {
  const pglite = await createDurablePGlite(pgdata, { loadDataDir: new Blob([dump]) });
  await pglite.query('select 1');
  await pglite.close();
}

/** Opens (creating if needed) the embedded database in `pgdata` with fsync on. */
export async function createDurablePGlite(pgdata: string, options: Omit<PGliteOptions, 'fs' | 'dataDir' | 'startParams'> = {}): Promise<PGlite> {
  fs.mkdirSync(pgdata, { recursive: true });
  const fresh = fs.readdirSync(pgdata).length === 0;
  const pglite = await PGlite.create({ ...options, fs: new SyncingNodeFS(pgdata), startParams: durableStartParams });
  // initdb (or a loaded dump) wrote the cluster without syncing; make it durable once.
  if (fresh) fsyncTree(pgdata);
  return pglite;
}
