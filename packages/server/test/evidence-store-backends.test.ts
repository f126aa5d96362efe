// The evidence store's contract, on both backends: a folder and an S3-compatible store (s3rver, a
// local S3 started here). Writing, reading, deduplication, refusals, listing, and garbage
// collection with its pins (this process) and grace period (other processes sharing the store).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/env';
import { collectionGraceMs, createFolderEvidenceStore, EvidenceMissingError, openEvidenceStore, s3UploadTmpDir, type EvidenceStore } from '../src/storage/evidence-store';
import { EvidenceRejectedError } from '../src/storage/evidence-types';
import { contentKey } from '../src/storage/evidence-upload';
import { createS3EvidenceStore } from '../src/storage/s3-evidence-store';
import { chunked, countingSource, exeBytes, jpegBytes, pdfBytes, pngBytes } from './evidence-fixtures';
import { startLocalS3, type LocalS3 } from './support/s3';

const maxBytes = 64 * 1024;
const hour = 60 * 60 * 1000;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A clock past the grace period for what was just written. */
const pastGrace = () => new Date(Date.now() + collectionGraceMs + 1000);
const roots: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  roots.push(dir);
  return dir;
};

/** One backend under test: the store of "this process", another process's store on the same place, and ways to age content. */
interface Backend {
  store: EvidenceStore;
  /** The same content place with its own pins and temporary files, as another server process has. */
  otherProcess: EvidenceStore;
  /** Sets the content's modification time (file mtime, object LastModified). */
  setTime(sha256: string, time: Date): void;
  /** This process's temporary folder. */
  tmpDir: string;
}

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3.close();
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

const backends: Record<'folder' | 's3', () => Promise<Backend>> = {
  async folder() {
    const dataDir = tempDir('chiso-evidence-folder-');
    // The folder under another name (as a network folder mounted elsewhere): its own coordination.
    const alias = `${dataDir}-mounted`;
    fs.symlinkSync(dataDir, alias);
    roots.push(alias);
    return {
      store: createFolderEvidenceStore({ dataDir, maxBytes }),
      otherProcess: createFolderEvidenceStore({ dataDir: alias, maxBytes }),
      setTime: (sha256, time) => fs.utimesSync(path.join(dataDir, 'files', contentKey(sha256)), time, time),
      tmpDir: path.join(dataDir, 'files', 'tmp'),
    };
  },
  async s3() {
    // A bucket per test, so each starts empty.
    const bucket = await s3.createBucket();
    const tmpDir = s3UploadTmpDir(tempDir('chiso-evidence-s3-'));
    const settings = { bucket, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxBytes };
    return {
      store: await createS3EvidenceStore({ ...settings, endpoint: s3.endpoint, tmpDir }),
      // The same bucket at an address written differently: its own coordination, as in another process.
      otherProcess: await createS3EvidenceStore({ ...settings, endpoint: `${s3.endpoint}/`, tmpDir: s3UploadTmpDir(tempDir('chiso-evidence-s3-other-')) }),
      setTime: (sha256, time) => s3.setObjectTime(bucket, contentKey(sha256), time),
      tmpDir,
    };
  },
};

async function listed(store: EvidenceStore): Promise<string[]> {
  const hashes: string[] = [];
  for await (const hash of store.listEvidence()) hashes.push(hash);
  return hashes.sort();
}

const tmpFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe.each(['folder', 's3'] as const)('evidence store contract: %s', (name) => {
  let b: Backend;
  const fresh = async () => {
    b = await backends[name]();
    return b;
  };
  afterAll(() => {
    b?.store.close();
    b?.otherProcess.close();
  });

  it('stores, reads back and deduplicates', async () => {
    const { store } = await fresh();
    const first = await store.writeEvidence(chunked(pdfBytes()), 'Kế hoạch CCHC.pdf');
    first.release();
    expect(first).toMatchObject({ sha256: sha(pdfBytes()), size: pdfBytes().length, kind: 'pdf', mimeType: 'application/pdf', deduplicated: false });
    const second = await store.writeEvidence(chunked(pdfBytes(), 7), 'ban-sao.pdf');
    second.release();
    expect(second).toMatchObject({ sha256: first.sha256, deduplicated: true });
    expect(await listed(store)).toEqual([first.sha256]);
    expect(await buffer(await store.openEvidence(first.sha256))).toEqual(pdfBytes());
    expect(await store.hasEvidence(first.sha256)).toBe(true);
    expect(await store.hasEvidence(sha(pngBytes()))).toBe(false);
    expect(await store.hasEvidence('../x')).toBe(false);
    await expect(store.openEvidence(sha(pngBytes()))).rejects.toBeInstanceOf(EvidenceMissingError);
    await expect(store.openEvidence('../../etc/passwd')).rejects.toBeInstanceOf(EvidenceMissingError);
    expect(tmpFiles(b.tmpDir)).toEqual([]);
  });

  it('refuses a file over the size limit while streaming, and a file whose content is not its kind; keeps nothing of them', async () => {
    const { store } = await fresh();
    const { stream, counter } = countingSource(pdfBytes(), 10 * maxBytes, 4096);
    const tooLarge = await store.writeEvidence(stream, 'lon.pdf').catch((error: unknown) => error);
    expect(tooLarge).toBeInstanceOf(EvidenceRejectedError);
    expect((tooLarge as EvidenceRejectedError).reason).toBe('too_large');
    expect(counter.pulled).toBeLessThan(2 * maxBytes); // stopped pulling soon after the limit
    const disguised = await store.writeEvidence(chunked(exeBytes()), 'bao-cao.pdf').catch((error: unknown) => error);
    expect(disguised).toBeInstanceOf(EvidenceRejectedError);
    const limited = await store.writeEvidence(chunked(pdfBytes()), 'a.pdf', { maxBytes: 10, refuse: () => new Error('hết hạn mức') }).catch((error: unknown) => error);
    expect((limited as Error).message).toBe('hết hạn mức');
    expect(await listed(store)).toEqual([]);
    expect(tmpFiles(b.tmpDir)).toEqual([]);
  });

  it('imports content of a backup under its hash, refusing bytes that do not match it', async () => {
    const { store } = await fresh();
    expect(await store.importEvidence(sha(pngBytes()), chunked(pngBytes(), 64))).toEqual({ size: pngBytes().length });
    expect(await store.statEvidence(sha(pngBytes()))).toEqual({ size: pngBytes().length });
    expect(await store.statEvidence(sha(pdfBytes()))).toBeNull();
    await expect(store.importEvidence(sha(pdfBytes()), chunked(pngBytes(), 64))).rejects.toThrow(/bị hỏng/);
    expect(await listed(store)).toEqual([sha(pngBytes())]);
    expect(tmpFiles(b.tmpDir)).toEqual([]);
  });

  it('lists every stored content hash', async () => {
    const { store } = await fresh();
    for (const [bytes, fileName] of [[pdfBytes(), 'a.pdf'], [pngBytes(), 'b.png'], [jpegBytes(), 'c.jpg']] as const) (await store.writeEvidence(chunked(bytes, 64), fileName)).release();
    expect(await listed(store)).toEqual([sha(pdfBytes()), sha(pngBytes()), sha(jpegBytes())].sort());
  });

  it('collects unreferenced content past the grace period, never pinned content, and stale temporary files', async () => {
    const { store } = await fresh();
    const kept = await store.writeEvidence(chunked(pdfBytes()), 'kept.pdf');
    kept.release();
    const orphan = await store.writeEvidence(chunked(pngBytes()), 'orphan.png');
    orphan.release();
    const pinned = await store.writeEvidence(chunked(jpegBytes()), 'in-progress.jpg'); // its row is not committed yet
    fs.mkdirSync(b.tmpDir, { recursive: true });
    fs.writeFileSync(path.join(b.tmpDir, 'crashed.part'), '%PDF-half');

    const asked: string[][] = [];
    const referenced = async (hashes: string[]) => {
      asked.push([...hashes].sort());
      return new Set(hashes.filter((hash) => hash === kept.sha256));
    };
    // Everything is fresh: nothing is even asked about.
    expect(await store.collectUnreferenced(referenced)).toEqual({ removed: [], temporaryFilesRemoved: 0 });
    expect(asked).toEqual([]);

    expect(await store.collectUnreferenced(referenced, { now: pastGrace() })).toEqual({ removed: [orphan.sha256], temporaryFilesRemoved: 1 });
    expect(asked).toEqual([[kept.sha256, orphan.sha256].sort()]); // the pinned one is not asked about
    expect(await listed(store)).toEqual([kept.sha256, pinned.sha256].sort());

    pinned.release();
    expect((await store.collectUnreferenced(referenced, { now: pastGrace() })).removed).toEqual([pinned.sha256]);
    expect(await listed(store)).toEqual([kept.sha256]);
  });

  it('never removes what another process has just stored or reused, whose row is not committed yet', async () => {
    const { store, otherProcess, setTime } = await fresh();
    const nothingReferenced = async () => new Set<string>();
    // The other process stores a file; its pin is in its own memory.
    const written = await otherProcess.writeEvidence(chunked(pngBytes()), 'anh.png');
    expect((await store.collectUnreferenced(nothingReferenced)).removed).toEqual([]);
    expect(await store.hasEvidence(written.sha256)).toBe(true);
    written.release();

    // Old and unreferenced: collected.
    setTime(written.sha256, new Date(Date.now() - 2 * hour));
    expect((await store.collectUnreferenced(nothingReferenced)).removed).toEqual([written.sha256]);

    // Stored again, aged, then reused by the other process (deduplicated): its age starts again.
    (await otherProcess.writeEvidence(chunked(pngBytes()), 'anh.png')).release();
    setTime(written.sha256, new Date(Date.now() - 2 * hour));
    const reused = await otherProcess.writeEvidence(chunked(pngBytes()), 'anh-lai.png');
    expect(reused.deduplicated).toBe(true);
    expect((await store.collectUnreferenced(nothingReferenced)).removed).toEqual([]);
    expect(await buffer(await store.openEvidence(reused.sha256))).toEqual(pngBytes());
    reused.release();
  });

  it('leaves the temporary file of an upload in progress in another process', async () => {
    const { store, tmpDir } = await fresh();
    fs.mkdirSync(tmpDir, { recursive: true });
    const active = path.join(tmpDir, 'upload-elsewhere.part');
    const stale = path.join(tmpDir, 'crashed-yesterday.part');
    fs.writeFileSync(active, '%PDF-');
    fs.writeFileSync(stale, '%PDF-');
    fs.utimesSync(stale, new Date(Date.now() - 25 * hour), new Date(Date.now() - 25 * hour));
    expect((await store.collectUnreferenced(async () => new Set())).temporaryFilesRemoved).toBe(1);
    expect(tmpFiles(tmpDir)).toEqual(['upload-elsewhere.part']);
  });
});

describe('CHISO_EVIDENCE_STORE and its settings', () => {
  const load = (env: Record<string, string>) => loadConfig({ CHISO_DATA_DIR: '/srv/chiso', ...env }, '/');

  it('is the data folder by default, or the folder CHISO_EVIDENCE_DIR names', () => {
    expect(load({}).evidenceStore).toEqual({ kind: 'folder', dir: '/srv/chiso' });
    expect(load({ CHISO_EVIDENCE_DIR: '/mnt/chiso-chung' }).evidenceStore).toEqual({ kind: 'folder', dir: '/mnt/chiso-chung' });
  });

  it('reads the S3 settings, with the standard AWS variables as a fallback for the keys and region', () => {
    expect(load({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'chiso', CHISO_S3_ENDPOINT: 'http://127.0.0.1:9000/', CHISO_S3_ACCESS_KEY_ID: 'k', CHISO_S3_SECRET_ACCESS_KEY: 's' }).evidenceStore).toEqual({
      kind: 's3',
      bucket: 'chiso',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    expect(load({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'chiso', AWS_REGION: 'ap-southeast-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }).evidenceStore).toMatchObject({
      endpoint: undefined,
      region: 'ap-southeast-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
  });

  it('refuses incomplete or contradictory settings with a message naming the variable', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        load(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ CHISO_EVIDENCE_STORE: 's3' })).toContain('CHISO_S3_BUCKET: cần tên bucket');
    expect(refusal({ CHISO_EVIDENCE_STORE: 'gcs' })).toContain('CHISO_EVIDENCE_STORE');
    expect(refusal({ CHISO_S3_BUCKET: 'chiso' })).toContain('chỉ dùng khi CHISO_EVIDENCE_STORE=s3');
    expect(refusal({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'chiso', CHISO_S3_ACCESS_KEY_ID: 'k' })).toContain('CHISO_S3_SECRET_ACCESS_KEY: cần đi cùng');
    expect(refusal({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'chiso', CHISO_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toContain('cần khóa truy cập');
    expect(refusal({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'chiso', CHISO_EVIDENCE_DIR: '/mnt/x' })).toContain('CHISO_EVIDENCE_DIR: chỉ dùng khi CHISO_EVIDENCE_STORE=folder');
    expect(refusal({ CHISO_EVIDENCE_STORE: 's3', CHISO_S3_BUCKET: 'Chiso_Bucket' })).toContain('tên bucket');
  });

  it('says so at start when the bucket is missing or the store cannot be reached', async () => {
    const dataDir = tempDir('chiso-evidence-open-');
    const missing = loadConfig({ ...s3.env, CHISO_DATA_DIR: dataDir, CHISO_S3_BUCKET: 'khong-co-bucket' }, '/');
    await expect(openEvidenceStore(missing)).rejects.toThrow(/Bucket không tồn tại.*CHISO_S3_BUCKET/);
    // A port nobody listens on: a server started and stopped.
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const unreachable = loadConfig({ ...s3.env, CHISO_DATA_DIR: dataDir, CHISO_S3_ENDPOINT: `http://127.0.0.1:${closed}` }, '/');
    await expect(openEvidenceStore(unreachable)).rejects.toThrow(/Không kết nối được: kiểm tra CHISO_S3_ENDPOINT/);
  });
});
