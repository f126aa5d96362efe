/**
 * The ZIP central directory, read without inflating anything: where each entry is and what it
 * declares. Office files (XLSX, DOCX…) are ZIP archives; evidence checks their part names and
 * the XLSX guard their sizes.
 */

export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Inflated size as declared (not to be trusted until inflated). */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

export interface ZipEnd {
  entries: number;
  directorySize: number;
  directoryOffset: number;
}

/** Bytes at the end of a ZIP that hold its end-of-central-directory record (comment included). */
export const zipTailLength = 0xffff + 22;

/**
 * The end-of-central-directory record found in `tail` (the last `zipTailLength` bytes or fewer);
 * undefined when there is none or it uses ZIP64 markers, which an office file under our size
 * limits never needs.
 */
export function zipEnd(tail: Buffer): ZipEnd | undefined {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const end = { entries: tail.readUInt16LE(i + 10), directorySize: tail.readUInt32LE(i + 12), directoryOffset: tail.readUInt32LE(i + 16) };
    if (end.entries === 0xffff || end.directorySize === 0xffffffff || end.directoryOffset === 0xffffffff) return undefined;
    return end;
  }
  return undefined;
}

/** The `count` entries of a central directory, or undefined when it is malformed. */
export function zipDirectoryEntries(directory: Buffer, count: number): ZipDirectoryEntry[] | undefined {
  const entries: ZipDirectoryEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    if (at + 46 + nameLength > directory.length) return undefined;
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}
