import type { FileHandle } from 'node:fs/promises';
import { zipDirectoryEntries, zipEnd, zipTailLength } from '../files/zip-directory';

/**
 * What evidence files may be: PDF, DOC, DOCX, XLS, XLSX, JPG, PNG — judged by their content (magic
 * bytes), not by the name. The first bytes of the stream give the family; for the container
 * formats the file on disk is then looked into (ZIP central directory for DOCX/XLSX, the OLE2
 * directory for DOC/XLS) without reading it whole.
 */
export type EvidenceKind = 'pdf' | 'doc' | 'xls' | 'docx' | 'xlsx' | 'jpeg' | 'png';

export const evidenceMimeTypes: Record<EvidenceKind, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** Names people know the kinds by, for messages. */
export const evidenceKindLabels: Record<EvidenceKind, string> = {
  pdf: 'PDF',
  doc: 'Word (DOC)',
  xls: 'Excel (XLS)',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  jpeg: 'ảnh JPG',
  png: 'ảnh PNG',
};

const kindOfExtension: Record<string, EvidenceKind> = {
  pdf: 'pdf',
  doc: 'doc',
  xls: 'xls',
  docx: 'docx',
  xlsx: 'xlsx',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
};

export const acceptedExtensions = Object.keys(kindOfExtension);
const acceptedList = 'PDF, DOC, DOCX, XLS, XLSX, JPG, PNG';

export type EvidenceRejection = 'too_large' | 'empty' | 'extension_not_allowed' | 'content_not_allowed' | 'mismatch' | 'corrupt';

/** An upload the store refuses. `message` is Vietnamese and ready to show. */
export class EvidenceRejectedError extends Error {
  constructor(
    readonly reason: EvidenceRejection,
    message: string,
    /** What the content was found to be, when known. */
    readonly found?: string,
  ) {
    super(message);
    this.name = 'EvidenceRejectedError';
  }
}

/** Bytes needed from the start of the stream to tell the family. */
export const sniffLength = 8;

/** The family the first bytes show: an accepted one, or a description of what was found instead. */
export type Sniffed =
  | { family: 'pdf' | 'jpeg' | 'png' | 'ole2' | 'zip' }
  | { family: 'other'; found: string };

const startsWith = (head: Uint8Array, bytes: number[]) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);

const signatures: Record<Exclude<Sniffed['family'], 'other'>, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d],
  ole2: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  zip: [0x50, 0x4b, 0x03, 0x04],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function sniff(head: Uint8Array): Sniffed {
  // %PDF-, OLE2 D0 CF 11 E0, ZIP PK\3\4, JPEG FF D8 FF, PNG 89 'PNG' \r\n 1A \n
  for (const family of ['pdf', 'ole2', 'zip', 'jpeg', 'png'] as const) {
    if (startsWith(head, signatures[family])) return { family };
  }
  return { family: 'other', found: describeOther(head) };
}

function describeOther(head: Uint8Array): string {
  if (startsWith(head, [0x4d, 0x5a])) return 'chương trình chạy được (EXE/DLL)';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'chương trình chạy được (ELF)';
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])) return 'tệp nén ZIP';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) return 'tệp nén RAR';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'tệp nén 7z';
  if (startsWith(head, [0x1f, 0x8b])) return 'tệp nén GZIP';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'ảnh GIF';
  if (startsWith(head, [0x42, 0x4d])) return 'ảnh BMP';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'ảnh TIFF';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46])) return 'tệp RIFF (ảnh WEBP, âm thanh hoặc video)';
  if (startsWith(head, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'văn bản RTF';
  const text = head.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte !== 0x7f));
  const utf8Bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  if (text || utf8Bom) {
    const start = Buffer.from(head).toString('latin1').trimStart().toLowerCase();
    if (start.startsWith('<')) return 'văn bản HTML/XML';
    return 'văn bản thuần (TXT/CSV)';
  }
  return 'không rõ định dạng';
}

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The kind the name promises; refuses names whose extension is not accepted. */
export function kindFromFileName(fileName: string): EvidenceKind {
  const extension = extensionOf(fileName);
  const kind = kindOfExtension[extension];
  if (!kind) {
    const shown = extension ? `đuôi .${extension}` : 'không có đuôi';
    throw new EvidenceRejectedError(
      'extension_not_allowed',
      `Tệp «${fileName}» ${shown}, không thuộc loại được nhận. Chỉ nhận tệp ${acceptedList}.`,
    );
  }
  return kind;
}

const familyOfKind: Record<EvidenceKind, Sniffed['family']> = {
  pdf: 'pdf',
  doc: 'ole2',
  xls: 'ole2',
  docx: 'zip',
  xlsx: 'zip',
  jpeg: 'jpeg',
  png: 'png',
};

const familyLabels: Record<Exclude<Sniffed['family'], 'other'>, string> = {
  pdf: 'PDF',
  ole2: 'tài liệu Office đời cũ (DOC/XLS)',
  zip: 'tệp nén ZIP',
  jpeg: 'ảnh JPG',
  png: 'ảnh PNG',
};

function mismatch(fileName: string, found: string): EvidenceRejectedError {
  const extension = extensionOf(fileName);
  return new EvidenceRejectedError(
    'mismatch',
    `Tệp «${fileName}» có đuôi .${extension} nhưng nội dung là ${found}. Hãy chọn đúng tệp, hoặc lưu lại tệp đúng định dạng rồi tải lên.`,
    found,
  );
}

function notAllowed(fileName: string, found: string): EvidenceRejectedError {
  return new EvidenceRejectedError(
    'content_not_allowed',
    `Nội dung tệp «${fileName}» là ${found}, không thuộc loại được nhận. Chỉ nhận tệp ${acceptedList}.`,
    found,
  );
}

/** Checks the first bytes against the kind the name promises. Throws when they disagree. */
export function checkHead(fileName: string, expected: EvidenceKind, head: Uint8Array): void {
  if (head.length === 0) throw new EvidenceRejectedError('empty', `Tệp «${fileName}» rỗng (0 byte).`);
  const sniffed = sniff(head);
  if (sniffed.family === 'other') {
    // A few bytes that begin like the expected signature: a file cut short, not another kind.
    const signature = signatures[familyOfKind[expected] as Exclude<Sniffed['family'], 'other'>];
    const cutShort = head.length < signature.length && startsWith(Buffer.from(signature), [...head]);
    throw cutShort
      ? new EvidenceRejectedError('corrupt', `Tệp «${fileName}» quá ngắn, không phải tệp ${evidenceKindLabels[expected]} hợp lệ.`)
      : notAllowed(fileName, sniffed.found);
  }
  if (familyOfKind[expected] !== sniffed.family) throw mismatch(fileName, familyLabels[sniffed.family]);
}

// ------------------------------------------------------------------ container formats, on disk

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Upper bound of a central directory we are willing to read (names of parts only, so small). */
const maxCentralDirectoryBytes = 16 * 1024 * 1024;

/**
 * The names listed in a ZIP's central directory, read from the end of the file: the end-of-central-
 * directory record (in the last 64 KiB + 22 bytes), then the directory itself.
 */
export async function zipEntryNames(handle: FileHandle, size: number): Promise<string[] | undefined> {
  const tailLength = Math.min(size, zipTailLength);
  const end = zipEnd(await readAt(handle, size - tailLength, tailLength));
  if (!end || end.directorySize > maxCentralDirectoryBytes || end.directoryOffset + end.directorySize > size) return undefined;
  return zipDirectoryEntries(await readAt(handle, end.directoryOffset, end.directorySize), end.entries)?.map((e) => e.name);
}

/** Upper bound of directory sectors followed in an OLE2 file (each lists 4–32 streams). */
const maxOleDirectorySectors = 4096;

/**
 * The stream names in an OLE2 (Compound File Binary) file's directory: the header gives the sector
 * size, the first directory sector and the first 109 FAT sectors; the directory chain is followed
 * through the FAT, reading only the sectors needed.
 */
export async function oleStreamNames(handle: FileHandle, size: number): Promise<string[] | undefined> {
  const header = await readAt(handle, 0, 512);
  if (header.length < 512) return undefined;
  const sectorShift = header.readUInt16LE(30);
  if (sectorShift !== 9 && sectorShift !== 12) return undefined;
  const sectorSize = 1 << sectorShift;
  const firstDirectorySector = header.readUInt32LE(48);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = header.readUInt32LE(76 + i * 4);
    if (sector >= 0xfffffffa) break;
    fatSectors.push(sector);
  }
  const entriesPerFatSector = sectorSize / 4;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const fatCache = new Map<number, Buffer>();
  const nextSector = async (sector: number): Promise<number | undefined> => {
    const fatIndex = Math.floor(sector / entriesPerFatSector);
    const fatSector = fatSectors[fatIndex];
    if (fatSector === undefined) return undefined; // beyond the header's FAT list (huge file): stop here
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      fat = await readAt(handle, sectorOffset(fatSector), sectorSize);
      fatCache.set(fatIndex, fat);
    }
    const at = (sector % entriesPerFatSector) * 4;
    return at + 4 <= fat.length ? fat.readUInt32LE(at) : undefined;
  };
  const names: string[] = [];
  let sector: number | undefined = firstDirectorySector;
  for (let count = 0; sector !== undefined && sector < 0xfffffffa && count < maxOleDirectorySectors; count++) {
    if (sectorOffset(sector) >= size) return undefined;
    const block = await readAt(handle, sectorOffset(sector), sectorSize);
    for (let at = 0; at + 128 <= block.length; at += 128) {
      const nameBytes = block.readUInt16LE(at + 64);
      const type = block[at + 66];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.push(block.toString('utf16le', at, at + nameBytes - 2));
    }
    sector = await nextSector(sector);
  }
  return names;
}

/**
 * Looks inside a container file that passed `checkHead`, and returns the exact kind. DOCX needs
 * `[Content_Types].xml` and `word/` parts, XLSX `xl/` parts; DOC a `WordDocument` stream, XLS a
 * `Workbook` (or `Book`) stream.
 */
export async function verifyContainer(handle: FileHandle, size: number, fileName: string, expected: EvidenceKind): Promise<EvidenceKind> {
  if (expected === 'docx' || expected === 'xlsx') {
    const names = await zipEntryNames(handle, size);
    if (!names) throw new EvidenceRejectedError('corrupt', `Tệp «${fileName}» hỏng hoặc không đọc được (tệp nén không hoàn chỉnh).`);
    const hasContentTypes = names.includes('[Content_Types].xml');
    const word = hasContentTypes && names.some((name) => name.startsWith('word/'));
    const excel = hasContentTypes && names.some((name) => name.startsWith('xl/'));
    const found: EvidenceKind | undefined = word ? 'docx' : excel ? 'xlsx' : undefined;
    if (found === expected) return found;
    if (found) throw mismatch(fileName, `tài liệu ${evidenceKindLabels[found]}`);
    if (hasContentTypes && names.some((name) => name.startsWith('ppt/'))) throw notAllowed(fileName, 'bản trình chiếu PowerPoint (PPTX)');
    throw mismatch(fileName, 'tệp nén ZIP (không phải tài liệu Word hay Excel)');
  }
  if (expected === 'doc' || expected === 'xls') {
    const names = await oleStreamNames(handle, size);
    if (!names) throw new EvidenceRejectedError('corrupt', `Tệp «${fileName}» hỏng hoặc không đọc được (cấu trúc tài liệu Office không hợp lệ).`);
    const word = names.includes('WordDocument');
    const excel = names.includes('Workbook') || names.includes('Book');
    const found: EvidenceKind | undefined = word ? 'doc' : excel ? 'xls' : undefined;
    if (found === expected) return found;
    if (found) throw mismatch(fileName, `tài liệu ${evidenceKindLabels[found]}`);
    if (names.includes('PowerPoint Document')) throw notAllowed(fileName, 'bản trình chiếu PowerPoint (PPT)');
    throw notAllowed(fileName, 'tệp Office đời cũ không phải Word hay Excel');
  }
  return expected;
}

export const needsContainerCheck = (kind: EvidenceKind) => kind === 'docx' || kind === 'xlsx' || kind === 'doc' || kind === 'xls';
