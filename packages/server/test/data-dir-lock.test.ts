import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('does not take over a lock held from another machine (a shared folder)', () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'chiso.lock'), JSON.stringify({ pid: 1, host: `not-${os.hostname()}`, startedAt: '2025-11-15T00:00:00.000Z' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
  });
});
