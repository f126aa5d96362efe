import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { zipDirectoryEntries, zipEnd, zipTailLength } from '../../src/files/zip-directory';

/** An entry to write; `declaredSize` makes the directory lie about the inflated size. */
export interface ZipInput {
  name: string;
  data: Buffer;
  declaredSize?: number;
}

/** The entries of a ZIP (e.g. a workbook ExcelJS wrote), inflated. */
export function unzip(zip: Buffer): ZipInput[] {
  const end = zipEnd(zip.subarray(Math.max(0, zip.length - zipTailLength)))!;
  return zipDirectoryEntries(zip.subarray(end.directoryOffset, end.directoryOffset + end.directorySize), end.entries)!.map((e) => {
    const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
    const raw = zip.subarray(start, start + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw) };
  });
}

/** A deflated ZIP of the entries, as a test crafts one (bombs included). */
export function zip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0, at + 2); // flags
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(0, at + 6); // time, date
      header.writeUInt32LE(crc32(entry.data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(entry.declaredSize ?? entry.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}
