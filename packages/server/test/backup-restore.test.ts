import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/env';
import { backupCommand, restoreCommand } from '../src/cli/backup';
import { openConfiguredDatabase } from '../src/db/open-configured';
import { readSetting, writeSetting } from '../src/db/repositories/settings-repository';
import { readBackupArchive } from '../src/storage/backup-archive';
import { openEvidenceStore } from '../src/storage/evidence-store';
import { startLocalS3 } from './support/s3';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-backup-test-'));
const configFor = (name: string) => loadConfig({ CHISO_DATA_DIR: path.join(root, name), CHISO_LOG_LEVEL: 'silent' }, root);
const evidenceBytes = Buffer.from('%PDF-1.4 tài liệu kiểm chứng');
const evidenceSha = createHash('sha256').update(evidenceBytes).digest('hex');
const evidencePath = (dataDir: string) => path.join(dataDir, 'files', 'sha256', evidenceSha.slice(0, 2), evidenceSha.slice(2, 4), evidenceSha);

describe('chiso backup and restore (embedded database)', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  vi.spyOn(console, 'log').mockImplementation(() => {});

  it('keeps the database and the uploaded files, and refuses to overwrite without --force', async () => {
    const source = configFor('source');
    const opened = await openConfiguredDatabase(source);
    await writeSetting(opened.handle.db, 'backup.test', { kept: 'Sở Tư pháp' });
    await opened.close();
    fs.mkdirSync(path.dirname(evidencePath(source.dataDir)), { recursive: true });
    fs.writeFileSync(evidencePath(source.dataDir), evidenceBytes);
    fs.mkdirSync(path.join(source.dataDir, 'files', 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(source.dataDir, 'files', 'tmp', 'half-uploaded'), 'x');

    const archive = path.join(root, 'chiso.backup.tar');
    await backupCommand(source, archive);
    await expect(backupCommand(source, archive)).rejects.toThrow(/đã tồn tại/);

    const peeked: string[] = [];
    const peek = await readBackupArchive(archive, async (sha256, content) => {
      for await (const chunk of content) void chunk;
      peeked.push(sha256);
    });
    expect(peek.manifest).toMatchObject({ format: 'chiso-backup', database: 'pglite', files: 1 });
    expect(peeked).toEqual([evidenceSha]); // not the temporary file

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

  it('with CHISO_EVIDENCE_STORE=s3, restores the files into the bucket and backs them up from it', async () => {
    const s3 = await startLocalS3();
    try {
      const source = configFor('folder-source');
      fs.mkdirSync(path.dirname(evidencePath(source.dataDir)), { recursive: true });
      fs.writeFileSync(evidencePath(source.dataDir), evidenceBytes);
      await (await openConfiguredDatabase(source)).close();
      const fromFolder = path.join(root, 'from-folder.tar');
      await backupCommand(source, fromFolder);

      // A folder's backup restored with the S3 store configured: the evidence moves into the bucket.
      const onS3 = loadConfig({ CHISO_DATA_DIR: path.join(root, 's3-target'), CHISO_LOG_LEVEL: 'silent', ...s3.env }, root);
      await restoreCommand(onS3, fromFolder, false);
      expect(fs.existsSync(path.join(onS3.dataDir, 'files'))).toBe(false);
      const bucket = await openEvidenceStore(onS3);
      expect(await buffer(await bucket.openEvidence(evidenceSha))).toEqual(evidenceBytes);

      // And backed up from the bucket, restored into a folder.
      const fromS3 = path.join(root, 'from-s3.tar');
      await backupCommand(onS3, fromS3);
      bucket.close();
      const folder = configFor('folder-again');
      await restoreCommand(folder, fromS3, false);
      expect(fs.readFileSync(evidencePath(folder.dataDir))).toEqual(evidenceBytes);
    } finally {
      await s3.close();
    }
  });

  it('refuses a file that is not a chiso backup', async () => {
    const bogus = path.join(root, 'bogus.tar');
    fs.writeFileSync(bogus, Buffer.alloc(1024));
    await expect(restoreCommand(configFor('bogus'), bogus, false)).rejects.toThrow(/không phải bản sao lưu/);
  });
});
