import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/env';
import { collectionGraceMs, createFolderEvidenceStore, EvidenceMissingError, type EvidenceStore } from '../src/storage/evidence-store';
import { EvidenceRejectedError, evidenceMimeTypes, type EvidenceKind } from '../src/storage/evidence-types';
import {
  chunked,
  countingSource,
  docxBytes,
  exeBytes,
  jpegBytes,
  oleBytes,
  pdfBytes,
  plainZipBytes,
  pngBytes,
  pptxBytes,
  textBytes,
  xlsxBytes,
} from './evidence-fixtures';

const MiB = 1024 * 1024;
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

function newStore(maxBytes = 2 * MiB): { store: EvidenceStore; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-evidence-'));
  roots.push(dataDir);
  return { store: createFolderEvidenceStore({ dataDir, maxBytes }), dataDir };
}

/** Every file under the store's folder, relative, sorted. */
function filesUnder(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(root, entry)).isFile())
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
}

/** A clock past the collection's grace period for what was just written. */
const pastGrace = () => new Date(Date.now() + collectionGraceMs + 1000);

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<EvidenceRejectedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EvidenceRejectedError);
  return error as EvidenceRejectedError;
}

describe('evidence store: accepted kinds, by content', () => {
  let store: EvidenceStore;
  let dataDir: string;
  beforeEach(() => ({ store, dataDir } = newStore()));

  const cases: [string, EvidenceKind, () => Buffer | Promise<Buffer>][] = [
    ['quyet-dinh.pdf', 'pdf', pdfBytes],
    ['Anh chup.JPG', 'jpeg', jpegBytes],
    ['anh.jpeg', 'jpeg', jpegBytes],
    ['so-do.png', 'png', pngBytes],
    ['bao-cao.docx', 'docx', docxBytes],
    ['bang-diem.xlsx', 'xlsx', xlsxBytes],
    ['cong-van.doc', 'doc', () => oleBytes('WordDocument')],
    ['so-lieu.xls', 'xls', () => oleBytes('Workbook')],
  ];

  it.each(cases)('%s is stored as %s under files/sha256/ab/cd/<sha256>', async (fileName, kind, make) => {
    const bytes = await make();
    const stored = await store.writeEvidence(chunked(bytes), fileName);
    stored.release();
    const hash = sha(bytes);
    expect(stored).toMatchObject({ sha256: hash, size: bytes.length, kind, mimeType: evidenceMimeTypes[kind], deduplicated: false });
    expect(filesUnder(dataDir)).toEqual([`sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`]);
    const read = await store.openEvidence(hash);
    const chunks: Buffer[] = [];
    for await (const chunk of read) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});

describe('evidence store: refusals', () => {
  let store: EvidenceStore;
  let dataDir: string;
  beforeEach(() => ({ store, dataDir } = newStore()));

  it('refuses a program renamed to .pdf, saying what it is', async () => {
    const error = await rejection(store.writeEvidence(chunked(exeBytes()), 'bao-cao.pdf'));
    expect(error.reason).toBe('content_not_allowed');
    expect(error.message).toContain('chương trình chạy được (EXE/DLL)');
    expect(error.message).toContain('Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX, JPG, PNG');
  });

  it('refuses a text file renamed to .docx', async () => {
    const error = await rejection(store.writeEvidence(chunked(textBytes()), 'ke-hoach.docx'));
    expect(error.reason).toBe('content_not_allowed');
    expect(error.message).toContain('văn bản thuần');
  });

  it('refuses extensions that are not accepted before reading a byte', async () => {
    const { stream, counter } = countingSource(exeBytes(), 1000);
    const error = await rejection(store.writeEvidence(stream, 'setup.exe'));
    expect(error.reason).toBe('extension_not_allowed');
    expect(error.message).toBe('Tệp «setup.exe» đuôi .exe, không thuộc loại được nhận. Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX, JPG, PNG.');
    expect(counter.pulled).toBe(0);
    expect((await rejection(store.writeEvidence(chunked(pdfBytes()), 'README'))).message).toContain('không có đuôi');
  });

  it.each<[string, () => Buffer | Promise<Buffer>, string]>([
    ['quyet-dinh.docx', pdfBytes, 'có đuôi .docx nhưng nội dung là PDF'],
    ['anh.png', jpegBytes, 'có đuôi .png nhưng nội dung là ảnh JPG'],
    ['bang-diem.xlsx', docxBytes, 'có đuôi .xlsx nhưng nội dung là tài liệu Word (DOCX)'],
    ['bao-cao.docx', xlsxBytes, 'có đuôi .docx nhưng nội dung là tài liệu Excel (XLSX)'],
    ['bao-cao.docx', plainZipBytes, 'có đuôi .docx nhưng nội dung là tệp nén ZIP (không phải tài liệu Word hay Excel)'],
    ['so-lieu.xls', () => oleBytes('WordDocument'), 'có đuôi .xls nhưng nội dung là tài liệu Word (DOC)'],
    ['cong-van.doc', () => oleBytes('Workbook'), 'có đuôi .doc nhưng nội dung là tài liệu Excel (XLS)'],
    ['bao-cao.pdf', docxBytes, 'có đuôi .pdf nhưng nội dung là tệp nén ZIP'],
  ])('refuses %s whose content disagrees (%s)', async (fileName, make, expected) => {
    const error = await rejection(store.writeEvidence(chunked(await make()), fileName));
    expect(error.reason).toBe('mismatch');
    expect(error.message).toContain(expected);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it('refuses presentations, empty and truncated files', async () => {
    expect((await rejection(store.writeEvidence(chunked(pptxBytes()), 'slide.docx'))).message).toContain('PowerPoint (PPTX)');
    expect((await rejection(store.writeEvidence(chunked(oleBytes('PowerPoint Document')), 'slide.doc'))).message).toContain('PowerPoint (PPT)');
    expect((await rejection(store.writeEvidence(Readable.from([]), 'rong.pdf'))).reason).toBe('empty');
    expect((await rejection(store.writeEvidence(chunked(Buffer.from('%PD')), 'ngan.pdf'))).reason).toBe('corrupt');
    // A DOCX cut short: the start says ZIP, but the central directory is missing.
    expect((await rejection(store.writeEvidence(chunked(docxBytes().subarray(0, 200)), 'cut.docx'))).reason).toBe('corrupt');
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it('refuses an oversized upload as soon as the limit is crossed, without reading the rest', async () => {
    const { store: small, dataDir: smallDir } = newStore(1 * MiB);
    const chunk = 64 * 1024;
    const { stream, counter } = countingSource(pdfBytes(), 64 * MiB, chunk);
    const error = await rejection(small.writeEvidence(stream, 'lon.pdf'));
    expect(error.reason).toBe('too_large');
    expect(error.message).toContain('tối đa 1 MB');
    // Pulled: the limit plus at most a few chunks in flight — not the 64 MiB on offer.
    expect(counter.pulled).toBeGreaterThan(1 * MiB);
    expect(counter.pulled).toBeLessThanOrEqual(1 * MiB + 4 * chunk);
    expect(stream.destroyed).toBe(true);
    expect(filesUnder(smallDir)).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const { store: small } = newStore(256 * 1024);
    const { stream } = countingSource(pdfBytes(), 256 * 1024, 10_000);
    const stored = await small.writeEvidence(stream, 'vua-du.pdf');
    stored.release();
    expect(stored.size).toBe(256 * 1024);
  });

  it('leaves no temporary file when the source fails midway', async () => {
    async function* failing() {
      yield pdfBytes();
      yield Buffer.alloc(1000, 0x20);
      throw new Error('client went away');
    }
    await expect(store.writeEvidence(Readable.from(failing()), 'mat-ket-noi.pdf')).rejects.toThrow('client went away');
    expect(filesUnder(dataDir)).toEqual([]);
  });
});

describe('evidence store: dedup, reading, garbage collection', () => {
  it('keeps the same bytes once', async () => {
    const { store, dataDir } = newStore();
    const first = await store.writeEvidence(chunked(pdfBytes()), 'a.pdf');
    const second = await store.writeEvidence(chunked(pdfBytes(), 7), 'b.pdf');
    first.release();
    second.release();
    expect(second.sha256).toBe(first.sha256);
    expect([first.deduplicated, second.deduplicated]).toEqual([false, true]);
    expect(filesUnder(dataDir)).toHaveLength(1);
    expect(await store.hasEvidence(first.sha256)).toBe(true);
  });

  it('openEvidence refuses unknown and malformed hashes', async () => {
    const { store } = newStore();
    await expect(store.openEvidence('0'.repeat(64))).rejects.toBeInstanceOf(EvidenceMissingError);
    await expect(store.openEvidence('../../etc/passwd')).rejects.toBeInstanceOf(EvidenceMissingError);
    expect(await store.hasEvidence('../x')).toBe(false);
  });

  it('collects unreferenced content and stale temporary files, never pinned content', async () => {
    const { store, dataDir } = newStore();
    const kept = await store.writeEvidence(chunked(pdfBytes()), 'kept.pdf');
    kept.release();
    const orphan = await store.writeEvidence(chunked(pngBytes()), 'orphan.png');
    orphan.release();
    const pinned = await store.writeEvidence(chunked(jpegBytes()), 'in-progress.jpg'); // row not committed yet
    fs.writeFileSync(path.join(dataDir, 'files', 'tmp', 'crashed-upload.part'), '%PDF-half');
    fs.writeFileSync(path.join(dataDir, 'files', 'sha256', 'README'), 'not content: ignored');

    const asked: string[][] = [];
    const result = await store.collectUnreferenced(
      async (hashes) => {
        asked.push([...hashes].sort());
        return new Set(hashes.filter((hash) => hash === kept.sha256));
      },
      { now: pastGrace() },
    );
    expect(result.removed).toEqual([orphan.sha256]);
    expect(result.temporaryFilesRemoved).toBe(1);
    expect(asked).toEqual([[kept.sha256, orphan.sha256].sort()]); // the pinned one is not even asked about
    expect(await store.hasEvidence(kept.sha256)).toBe(true);
    expect(await store.hasEvidence(orphan.sha256)).toBe(false);
    expect(await store.hasEvidence(pinned.sha256)).toBe(true);

    pinned.release();
    const later = await store.collectUnreferenced(async () => new Set([kept.sha256]), { now: pastGrace() });
    expect(later.removed).toEqual([pinned.sha256]);
    const left = filesUnder(dataDir).filter((file) => !file.endsWith('README'));
    expect(left).toEqual([`sha256/${kept.sha256.slice(0, 2)}/${kept.sha256.slice(2, 4)}/${kept.sha256}`]);
  });

  it('reads back what was stored while a later collection runs', async () => {
    const { store } = newStore();
    const stored = await store.writeEvidence(chunked(pdfBytes()), 'a.pdf');
    stored.release();
    const stream = await store.openEvidence(stored.sha256);
    await store.collectUnreferenced(async () => new Set(), { now: pastGrace() });
    // Already open: still readable after removal (POSIX semantics).
    expect(await text(stream)).toBe(pdfBytes().toString('utf8'));
  });
});

describe('CHISO_UPLOAD_MAX_MB', () => {
  it('defaults to 20 MB and refuses values that are not whole megabytes in 1–1024', () => {
    expect(loadConfig({}, '/').uploadMaxMb).toBe(20);
    expect(loadConfig({ CHISO_UPLOAD_MAX_MB: '50' }, '/').uploadMaxMb).toBe(50);
    for (const bad of ['0', '2.5', 'abc', '4096']) {
      expect(() => loadConfig({ CHISO_UPLOAD_MAX_MB: bad }, '/')).toThrow(ConfigError);
    }
    expect(() => loadConfig({ CHISO_UPLOAD_MAX_MB: '0' }, '/')).toThrow(/CHISO_UPLOAD_MAX_MB/);
  });
});
