import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite lets a second process open the same folder without error, and two writers would corrupt
 * it. chiso therefore holds a lock file in the data folder for as long as it runs.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Thư mục dữ liệu đang được một tiến trình chiso khác sử dụng (PID ${owner.pid} trên máy ${owner.host}, ` +
        `khởi động lúc ${owner.startedAt}).\n` +
        `Hãy dừng tiến trình đó trước, hoặc chọn thư mục khác bằng biến CHISO_DATA_DIR.\n` +
        `(Tệp khóa: ${lockPath})`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const owner = readOwner(lockPath);
        if (owner?.pid === me.pid) fs.rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      // A lock left by a process that died (kill -9, power loss) on this host is stale.
      if (owner && (owner.host !== me.host || isAlive(owner.pid))) {
        throw new DataDirLockedError(lockPath, owner);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Không tạo được tệp khóa ${lockPath}`);
}
