import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/env';
import { backupCommand, restoreCommand } from '../src/cli/backup';
import { openConfiguredDatabase } from '../src/db/open-configured';
import { readSetting, writeSetting } from '../src/db/repositories/settings-repository';
import { readBackupArchive } from '../src/storage/backup-archive';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-backup-test-'));
const configFor = (name: string) => loadConfig({ CHISO_DATA_DIR: path.join(root, name), CHISO_LOG_LEVEL: 'silent' }, root);
const evidencePath = (dataDir: string) => path.join(dataDir, 'files', 'sha256', 'ab', 'cd', 'abcd'.repeat(16));

describe('chiso backup and restore (embedded database)', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  vi.spyOn(console, 'log').mockImplementation(() => {});

  it('keeps the database and the uploaded files, and refuses to overwrite without --force', async () => {
    const source = configFor('source');
    const opened = await openConfiguredDatabase(source);
    await writeSetting(opened.handle.db, 'backup.test', { kept: 'Sở Tư pháp' });
    await opened.close();
    fs.mkdirSync(path.dirname(evidencePath(source.dataDir)), { recursive: true });
    fs.writeFileSync(evidencePath(source.dataDir), '%PDF-1.4 tài liệu kiểm chứng');
    fs.mkdirSync(path.join(source.dataDir, 'files', 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(source.dataDir, 'files', 'tmp', 'half-uploaded'), 'x');

    const archive = path.join(root, 'chiso.backup.tar');
    await backupCommand(source, archive);
    await expect(backupCommand(source, archive)).rejects.toThrow(/đã tồn tại/);

    const peek = await readBackupArchive(archive, path.join(root, 'peek'));
    expect(peek.manifest).toMatchObject({ format: 'chiso-backup', database: 'pglite', files: 1 });
    expect(fs.existsSync(path.join(root, 'peek', 'tmp'))).toBe(false);

    const target = configFor('target');
    await restoreCommand(target, archive, false);
    expect(fs.readFileSync(evidencePath(target.dataDir), 'utf8')).toBe('%PDF-1.4 tài liệu kiểm chứng');
    const restored = await openConfiguredDatabase(target);
    expect(await readSetting(restored.handle.db, 'backup.test')).toEqual({ kept: 'Sở Tư pháp' });
    await writeSetting(restored.handle.db, 'backup.test', { kept: 'changed after restore' });
    await restored.close();

    await expect(restoreCommand(target, archive, false)).rejects.toThrow(/--force/);
    await restoreCommand(target, archive, true);
    const again = await openConfiguredDatabase(target);
    expect(await readSetting(again.handle.db, 'backup.test')).toEqual({ kept: 'Sở Tư pháp' });
    await again.close();
    // What was replaced is set aside, never deleted.
    expect(fs.readdirSync(target.dataDir).some((name) => name.startsWith('pgdata.before-restore-'))).toBe(true);
    expect(fs.readdirSync(target.dataDir).some((name) => name.startsWith('files.before-restore-'))).toBe(true);
  });

  it('refuses a file that is not a chiso backup', async () => {
    const bogus = path.join(root, 'bogus.tar');
    fs.writeFileSync(bogus, Buffer.alloc(1024));
    await expect(restoreCommand(configFor('bogus'), bogus, false)).rejects.toThrow(/không phải bản sao lưu/);
  });
});
