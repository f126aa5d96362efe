import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../src/storage/data-dir-lock';

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-lock-'));
  dirs.push(dir);
  return dir;
};

describe('the data-folder lock', () => {
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('refuses a second holder while the first lives, naming it, and frees the folder on release', () => {
    const dir = freshDir();
    const first = acquireDataDirLock(dir);
    let refusal: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as Error).message).toContain(`PID ${process.pid}`);
    expect((refusal as Error).message).toContain('CHISO_DATA_DIR');
    first.release();
    expect(fs.existsSync(first.path)).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over a lock left by a process that died on this machine', () => {
    const dir = freshDir();
    // A pid far above any live process's: the owner is gone (as after kill -9).
    fs.writeFileSync(path.join(dir, 'chiso.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: '2025-11-15T00:00:00.000Z' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock naming its own PID left by an earlier life (PID 1 in a container after kill -9)', () => {
    const dir = freshDir();
    // The format older versions wrote: no token, so nothing says it is this very process.
    fs.writeFileSync(path.join(dir, 'chiso.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2025-11-15T00:00:00.000Z' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, token: expect.any(String) });
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
  });

  it.runIf(fs.existsSync('/proc/self/stat'))('takes over a lock whose PID now belongs to another process (other start time or other boot), not one whose holder lives', () => {
    const dir = freshDir();
    const lockPath = path.join(dir, 'chiso.lock');
    const live = acquireDataDirLock(dir);
    const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    live.release();
    // The parent process lives: with its own start time it holds the folder; with another one its PID was reused.
    const parentStart = fs.readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    const parent = { ...holder, pid: process.ppid, token: 'another-process', pidStart: parentStart };
    fs.writeFileSync(lockPath, JSON.stringify(parent));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(lockPath, JSON.stringify({ ...parent, pidStart: '1' }));
    acquireDataDirLock(dir).release();
    fs.writeFileSync(lockPath, JSON.stringify({ ...parent, bootId: 'an-earlier-boot' }));
    acquireDataDirLock(dir).release();
  });

  it('does not take over a lock held from another machine (a shared folder)', () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'chiso.lock'), JSON.stringify({ pid: 1, host: `not-${os.hostname()}`, startedAt: '2025-11-15T00:00:00.000Z' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
  });

  it('says who holds the folder, since when, and that the lock file may be deleted once that process is surely gone', () => {
    const dir = freshDir();
    const lockPath = path.join(dir, 'chiso.lock');
    // As after `docker compose up` recreated a container killed with -9: same folder, new hostname.
    fs.writeFileSync(lockPath, JSON.stringify({ pid: 1, host: 'container-before', startedAt: '2025-11-15T00:00:00.000Z' }));
    const message = (() => {
      try {
        acquireDataDirLock(dir);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('PID 1 trên máy container-before');
    expect(message).toContain('2025-11-15T00:00:00.000Z');
    expect(message).toContain('container đã bị tạo lại');
    expect(message).toContain(`hãy xóa tệp khóa ${lockPath}`);
  });

  it('lets `chiso migrate` start when the stale lock names the PID the new process got (PID 1 after kill -9)', async () => {
    const dir = freshDir();
    const lockPath = path.join(dir, 'chiso.lock');
    const stale = { pid: 0, host: os.hostname(), startedAt: '2025-11-15T00:00:00.000Z' };
    // The shell writes its own PID into the lock, then becomes chiso with that same PID (exec).
    const script = `printf '%s' "$STALE_LOCK" | sed "s/\\"pid\\":0/\\"pid\\":$$/" > "$LOCK" && exec "$NODE" --import tsx src/cli.ts migrate`;
    const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const env: Record<string, string> = { ...(process.env as Record<string, string>), CHISO_DATA_DIR: dir, CHISO_LOG_LEVEL: 'silent', STALE_LOCK: JSON.stringify(stale), LOCK: lockPath, NODE: process.execPath };
    delete env.DATABASE_URL;
    const result = await promisify(execFile)('sh', ['-c', script], { cwd: serverDir, env }).catch((error: { code: number; stderr: string }) => error);
    expect('stderr' in result ? result.stderr : '').not.toContain('đang được một tiến trình chiso khác sử dụng');
    expect(result).toMatchObject({ stdout: expect.stringContaining('Cơ sở dữ liệu đã được cập nhật') });
    expect(fs.existsSync(lockPath)).toBe(false);
  }, 120_000);
});
