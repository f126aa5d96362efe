import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { EvidenceStore } from './evidence-store';
import { contentKey, EvidenceMissingError } from './evidence-upload';

/**
 * A chiso backup is one tar file: `chiso-backup.json` (what it holds), `database.tar.gz` (the
 * embedded database, when there is one) and `files/sha256/ab/cd/<sha256>` (uploaded evidence,
 * content-addressed, read from and restored into the configured store, folder or S3).
 * Files are streamed in and out, never held in memory whole.
 */
export interface BackupManifest {
  format: 'chiso-backup';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  database: 'pglite' | 'none';
  files: number;
}

const manifestName = 'chiso-backup.json';
const databaseName = 'database.tar.gz';

/**
 * Writes the archive; the evidence content is read through the store (folder or S3), listed first
 * so the manifest can count it. Content removed while the backup runs is left out.
 */
export async function writeBackupArchive(
  target: string,
  input: { appVersion: string; databaseDump: Buffer | null; store: EvidenceStore },
): Promise<BackupManifest> {
  const hashes: string[] = [];
  for await (const sha256 of input.store.listEvidence()) hashes.push(sha256);
  const manifest: BackupManifest = {
    format: 'chiso-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    appVersion: input.appVersion,
    database: input.databaseDump ? 'pglite' : 'none',
    files: hashes.length,
  };
  const pack = tar.pack();
  const written = pipeline(pack, fs.createWriteStream(target, { flags: 'wx' }));
  const addBuffer = (name: string, content: Buffer) =>
    new Promise<void>((resolve, reject) => pack.entry({ name }, content, (error) => (error ? reject(error) : resolve())));
  await addBuffer(manifestName, Buffer.from(JSON.stringify(manifest, null, 2)));
  if (input.databaseDump) await addBuffer(databaseName, input.databaseDump);
  for (const sha256 of hashes) {
    const stat = await input.store.statEvidence(sha256);
    const content = stat && (await input.store.openEvidence(sha256).catch((error: unknown) => (error instanceof EvidenceMissingError ? null : Promise.reject(error))));
    if (!stat || !content) continue;
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name: `files/${contentKey(sha256)}`, size: stat.size }, (error) => (error ? reject(error) : resolve()));
      pipeline(content, entry).catch(reject);
    });
  }
  pack.finalize();
  await written;
  return manifest;
}

export class BackupFormatError extends Error {}

const contentEntry = /^files\/sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/**
 * Reads a backup: returns its manifest and database dump, and hands each evidence file to
 * `onFile` (which stores it: `EvidenceStore.importEvidence`); without it the files are skipped.
 */
export async function readBackupArchive(
  source: string,
  onFile?: (sha256: string, content: AsyncIterable<Uint8Array>) => Promise<unknown>,
): Promise<{ manifest: BackupManifest; databaseDump: Buffer | null }> {
  const extract = tar.extract();
  let manifest: BackupManifest | null = null;
  let databaseDump: Buffer | null = null;
  extract.on('entry', (header, stream, next) => {
    const name = header.name;
    const done = (error?: unknown) => (error ? extract.destroy(error as Error) : next());
    if (name === manifestName || name === databaseName) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        if (name === manifestName) manifest = JSON.parse(content.toString('utf8')) as BackupManifest;
        else databaseDump = content;
        done();
      });
      stream.on('error', done);
      return;
    }
    const relative = name.startsWith('files/') ? name.slice('files/'.length) : null;
    if (header.type !== 'file' || !relative || relative.split('/').some((part) => part === '..' || part === '') || path.isAbsolute(relative)) {
      stream.resume();
      stream.on('end', () => done(new BackupFormatError(`Bản sao lưu có mục không hợp lệ: ${name}`)));
      return;
    }
    const content = contentEntry.exec(name);
    if (!content || !content[3]!.startsWith(content[1]! + content[2]!) || !onFile) {
      // Not content (a stray file of an old backup), or only the manifest is wanted.
      stream.resume();
      stream.on('end', () => done());
      return;
    }
    onFile(content[3]!, stream as unknown as AsyncIterable<Uint8Array>).then(() => done(), done);
  });
  await pipeline(fs.createReadStream(source), extract);
  const found = manifest as BackupManifest | null;
  if (!found || found.format !== 'chiso-backup') throw new BackupFormatError('Tệp này không phải bản sao lưu của chiso.');
  return { manifest: found, databaseDump };
}
