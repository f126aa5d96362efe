import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite lets a second process open the same folder without error, and two writers would corrupt
 * it. chiso therefore holds a lock file in the data folder for as long as it runs.
 *
 * A PID alone does not say whether the holder still lives: in a container chiso is PID 1 on every
 * start, so after `kill -9` the stale lock names the new process itself. The lock therefore also
 * records a token unique to the holding process, the boot it ran in and the holder's start time.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Random per process: a lock naming our own PID but another token was left by an earlier life. */
  token?: string;
  /** The kernel's boot id: PIDs of another boot say nothing about this one. */
  bootId?: string;
  /** The holder's start time in clock ticks since boot (/proc/PID/stat), against PID reuse. */
  pidStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner,
  ) {
    // A holder on another host is never judged dead (a shared folder), so a container recreated with
    // a new hostname stays locked out: the message says how to free it by hand.
    super(
      `Thư mục dữ liệu đang được một tiến trình chiso khác sử dụng (PID ${owner.pid} trên máy ${owner.host}, ` +
        `khởi động lúc ${owner.startedAt}).\n` +
        `Hãy dừng tiến trình đó trước, hoặc chọn thư mục khác bằng biến CHISO_DATA_DIR.\n` +
        `Nếu chắc chắn tiến trình đó không còn chạy (ví dụ container đã bị tạo lại nên có tên máy mới), ` +
        `hãy xóa tệp khóa ${lockPath} rồi khởi động lại.`,
    );
  }
}

const processToken = randomUUID();

function readProc(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined;

/** Field 22 of /proc/PID/stat (after the parenthesised command name, which may hold spaces). */
function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded holder may still run. A holder on another machine is never judged. */
function mayBeHeld(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return true;
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (owner.pid === process.pid) return owner.token === processToken;
  if (!isAlive(owner.pid)) return false;
  const start = processStart(owner.pid);
  return !(owner.pidStart && start && owner.pidStart !== start);
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'chiso.lock');
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: processToken,
    bootId: bootId(),
    pidStart: processStart(process.pid),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const owner = readOwner(lockPath);
        if (owner?.pid === me.pid && owner.token === me.token) fs.rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      // A lock left by a process that died (kill -9, power loss) on this host is stale.
      if (owner && mayBeHeld(owner, me)) throw new DataDirLockedError(lockPath, owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Không tạo được tệp khóa ${lockPath}`);
}
