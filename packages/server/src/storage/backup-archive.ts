import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

/**
 * A chiso backup is one tar file: `chiso-backup.json` (what it holds), `database.tar.gz` (the
 * embedded database, when there is one) and `files/…` (uploaded evidence, content-addressed).
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

function* walk(dir: string, prefix: string): Generator<{ full: string; name: string }> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // Temporary upload files are not evidence yet.
    if (prefix === '' && entry.name === 'tmp') continue;
    const full = path.join(dir, entry.name);
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(full, name);
    else if (entry.isFile()) yield { full, name };
  }
}

export async function writeBackupArchive(
  target: string,
  input: { appVersion: string; databaseDump: Buffer | null; filesDir: string },
): Promise<BackupManifest> {
  const files = [...walk(input.filesDir, '')];
  const manifest: BackupManifest = {
    format: 'chiso-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    appVersion: input.appVersion,
    database: input.databaseDump ? 'pglite' : 'none',
    files: files.length,
  };
  const pack = tar.pack();
  const written = pipeline(pack, fs.createWriteStream(target, { flags: 'wx' }));
  const addBuffer = (name: string, content: Buffer) =>
    new Promise<void>((resolve, reject) => pack.entry({ name }, content, (error) => (error ? reject(error) : resolve())));
  await addBuffer(manifestName, Buffer.from(JSON.stringify(manifest, null, 2)));
  if (input.databaseDump) await addBuffer(databaseName, input.databaseDump);
  for (const file of files) {
    const { size } = fs.statSync(file.full);
    await new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name: `files/${file.name}`, size }, (error) => (error ? reject(error) : resolve()));
      pipeline(fs.createReadStream(file.full), entry).catch(reject);
    });
  }
  pack.finalize();
  await written;
  return manifest;
}

export class BackupFormatError extends Error {}

/** Reads a backup: returns its manifest and database dump, and writes its files under `filesDir`. */
export async function readBackupArchive(source: string, filesDir: string): Promise<{ manifest: BackupManifest; databaseDump: Buffer | null }> {
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
    const destination = path.join(filesDir, relative);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    pipeline(stream, fs.createWriteStream(destination)).then(() => done(), done);
  });
  await pipeline(fs.createReadStream(source), extract);
  const found = manifest as BackupManifest | null;
  if (!found || found.format !== 'chiso-backup') throw new BackupFormatError('Tệp này không phải bản sao lưu của chiso.');
  return { manifest: found, databaseDump };
}
