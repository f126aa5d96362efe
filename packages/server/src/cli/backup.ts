import fs from 'node:fs';
import path from 'node:path';
import { restoreDurablePGlite } from '../db/durable-pglite';
import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { acquireDataDirLock } from '../storage/data-dir-lock';
import { readBackupArchive, writeBackupArchive } from '../storage/backup-archive';
import { createFolderEvidenceStore, openEvidenceStore } from '../storage/evidence-store';
import { appVersion } from '../version';

const resolveUserPath = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * `chiso backup FILE`: the embedded database and the uploaded files in one archive (stop chiso
 * first: it holds the lock). With a PostgreSQL server, only the files: dump the database with pg_dump.
 * The files are read through the configured store: the folder (CHISO_EVIDENCE_DIR) or the S3 bucket.
 */
export async function backupCommand(config: Config, file: string): Promise<void> {
  const target = resolveUserPath(file);
  if (fs.existsSync(target)) throw new Error(`Tệp ${target} đã tồn tại; hãy chọn tên khác.`);
  const opened = await openConfiguredDatabase(config, { migrate: false });
  try {
    const databaseDump = opened.handle.pglite ? Buffer.from(await (await opened.handle.pglite.dumpDataDir('gzip')).arrayBuffer()) : null;
    const store = await openEvidenceStore(config);
    const manifest = await writeBackupArchive(target, { appVersion, databaseDump, store }).finally(() => store.close());
    console.log(`Đã sao lưu vào ${target} (${fs.statSync(target).size} byte): ${databaseDump ? 'cơ sở dữ liệu và ' : ''}${manifest.files} tệp tài liệu (từ ${store.location}).`);
    if (!databaseDump) console.log('Cơ sở dữ liệu ở máy chủ PostgreSQL: hãy sao lưu thêm bằng pg_dump (xem README).');
  } finally {
    await opened.close();
  }
}

/** Moves an existing folder aside (never deletes it) so a restore can take its place. */
function setAside(folder: string): string | null {
  if (!fs.existsSync(folder) || fs.readdirSync(folder).length === 0) return null;
  const kept = `${folder}.before-restore-${stamp()}`;
  fs.renameSync(folder, kept);
  return kept;
}

/**
 * `chiso restore FILE [--force]`: puts a backup's database (embedded) and files in place. Into a
 * folder, the files replace the folder's (set aside, never deleted); into an S3 bucket, they are
 * added to it (content already there is kept; what no row refers to is collected later). Restoring
 * a folder's backup with CHISO_EVIDENCE_STORE=s3 moves the evidence into the bucket.
 */
export async function restoreCommand(config: Config, file: string, force: boolean): Promise<void> {
  const source = resolveUserPath(file);
  if (!fs.existsSync(source)) throw new Error(`Không tìm thấy tệp sao lưu ${source}.`);
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const pgdata = path.join(config.dataDir, 'pgdata');
    const setting = config.evidenceStore;
    // Files go to a staging folder beside the evidence folder (same file system), or straight into the bucket.
    const evidenceDir = setting.kind === 'folder' ? setting.dir : null;
    const filesDir = evidenceDir ? path.join(evidenceDir, 'files') : null;
    const occupied = [pgdata, ...(filesDir ? [filesDir] : [])].filter((folder) => fs.existsSync(folder) && fs.readdirSync(folder).length > 0);
    if (occupied.length > 0 && !force) {
      throw new Error(`Thư mục dữ liệu đã có dữ liệu (${occupied.join(', ')}). Thêm --force để thay thế (dữ liệu hiện tại sẽ được đổi tên, không bị xóa).`);
    }
    const staging = evidenceDir ? path.join(evidenceDir, `restore-${stamp()}`) : null;
    const store = staging ? createFolderEvidenceStore({ dataDir: staging, maxBytes: config.uploadMaxMb * 1024 * 1024 }) : await openEvidenceStore(config);
    const { manifest, databaseDump } = await readBackupArchive(source, (sha256, content) => store.importEvidence(sha256, content)).finally(() => store.close());
    if (manifest.database === 'pglite' && config.databaseUrl) {
      throw new Error('Bản sao lưu chứa cơ sở dữ liệu nhúng, nhưng DATABASE_URL đang được đặt. Hãy bỏ DATABASE_URL, hoặc dùng chiso copy-to-postgres sau khi phục hồi.');
    }
    if (databaseDump) {
      const kept = setAside(pgdata);
      if (kept) console.log(`Cơ sở dữ liệu cũ được giữ lại tại ${kept}`);
      await restoreDurablePGlite(pgdata, databaseDump);
    }
    if (staging && filesDir) {
      const keptFiles = setAside(filesDir);
      if (keptFiles) console.log(`Tệp tài liệu cũ được giữ lại tại ${keptFiles}`);
      const restoredFiles = path.join(staging, 'files');
      // Temporary files of the restore itself are not evidence.
      fs.rmSync(path.join(restoredFiles, 'tmp'), { recursive: true, force: true });
      if (fs.existsSync(restoredFiles)) fs.renameSync(restoredFiles, filesDir);
      fs.rmSync(staging, { recursive: true, force: true });
    }
    console.log(`Đã phục hồi từ ${source} (sao lưu lúc ${manifest.createdAt}): ${databaseDump ? 'cơ sở dữ liệu và ' : ''}${manifest.files} tệp tài liệu (vào ${filesDir ?? store.location}).`);
  } finally {
    lock.release();
  }
}
