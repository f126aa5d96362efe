/** CSV files that mix line endings (Excel's CRLF template, rows appended with LF, an old Mac's CR) read row by row. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../src/files/tabular';
import { fileRows } from '../src/services/survey/answers-rows';

const mixed = '\uFEFFma_phieu;don_vi;q1\r\nDN-SO;SO-01;A\r\nDN-SO;SO-02;B\nDN-SO;SO-03;C\rDN-SO;SO-04;D\n';
const expected = [['ma_phieu', 'don_vi', 'q1'], ['DN-SO', 'SO-01', 'A'], ['DN-SO', 'SO-02', 'B'], ['DN-SO', 'SO-03', 'C'], ['DN-SO', 'SO-04', 'D']];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-line-ends-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('mixed line endings', () => {
  it('the streamed answers reader reads one row per line, with its line number', async () => {
    const path = join(dir, 'tra-loi.csv');
    await writeFile(path, mixed);
    const rows = [];
    for await (const row of fileRows(path, 'csv')) rows.push(row);
    expect(rows.map((r) => r.cells)).toEqual(expected);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the shared table reader (respondent lists and other imports) reads one row per line', async () => {
    const table = await readTable(Buffer.from(mixed), 'csv');
    expect([table.header, ...table.rows.map((r) => r.cells)]).toEqual(expected);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });
});
