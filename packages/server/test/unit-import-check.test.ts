// The checks of a unit import without a database: the columns (Vietnamese or English headers),
// each row on its own, and the tree as it would be after the import.
import { describe, expect, it } from 'vitest';
import type { UnitRow } from '../src/db/repositories/unit-repository';
import type { ErrorDetail } from '../src/services/errors';
import { ImportColumns, checkTree, parseRows, treeAfterImport } from '../src/services/units/unit-import-check';

const header = ['Mã', 'Tên', 'Loại', 'Mã đơn vị cha', 'Hiệu lực từ', 'Hiệu lực đến'];
const table = (rows: string[][]) => ({ header, headerLine: 1, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const types = new Set(['so', 'xa']);
const unit = (code: string, parentId: string | null, validTo: string | null = null) =>
  ({ id: `id-${code}`, code, parentId, validFrom: '2020-01-01', validTo }) as UnitRow;

function check(rows: string[][], existing: UnitRow[] = []) {
  const problems: ErrorDetail[] = [];
  const t = table(rows);
  const columns = new ImportColumns(t, problems);
  const parsed = parseRows(t, columns, types);
  const nodes = treeAfterImport(existing, parsed.rows);
  checkTree(nodes, parsed.rows, new Set(parsed.firstLine.keys()), columns);
  return { problems, rows: parsed.rows, nodes };
}

describe('unit import checks', () => {
  it('names the missing required columns by their Vietnamese header', () => {
    const problems: ErrorDetail[] = [];
    new ImportColumns({ header: ['code', 'Tên'], headerLine: 1, rows: [] }, problems);
    expect(problems.map((p) => p.column)).toEqual(['Loại', 'Hiệu lực từ']);
  });

  it('reads good rows (dd/MM/yyyy dates, an empty parent) and reports each bad cell with its line and column', () => {
    const { problems, rows } = check([
      ['SNV', 'Sở Nội vụ', 'so', '', '01/01/2024', ''],
      ['SNV', 'Trùng', 'so', '', '2024-01-01', ''],
      ['X 1', '', 'huyen', '', '2024-13-01', '2023-01-01'],
      ['XA', 'Xã', 'xa', 'XA', '2024-01-01', '2023-12-31'],
    ]);
    expect(rows).toEqual([{ line: 2, code: 'SNV', name: 'Sở Nội vụ', shortName: undefined, type: 'so', parentCode: null, validFrom: '2024-01-01', validTo: null }]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'Mã'], [4, 'Mã'], [4, 'Tên'], [4, 'Loại'], [4, 'Hiệu lực từ'], [5, 'Hiệu lực đến'], [5, 'Mã đơn vị cha'],
    ]);
  });

  it('finds a parent in the file or in the system, and refuses an unknown one and a cycle', () => {
    const existing = [unit('TINH', null), unit('A', 'id-B'), unit('B', null)];
    const { problems, nodes } = check([
      ['X1', 'Xã 1', 'xa', 'TINH', '2024-01-01', ''],
      ['X2', 'Xã 2', 'xa', 'KHONGCO', '2024-01-01', ''],
      ['B', 'B', 'so', 'A', '2024-01-01', ''],
    ], existing);
    expect(nodes.get('X1')).toMatchObject({ parentCode: 'TINH', line: 2 });
    expect(nodes.get('A')).toMatchObject({ id: 'id-A', parentCode: 'B', line: null });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'Không tìm thấy đơn vị cha mã “KHONGCO” (trong tệp hay trong hệ thống).'],
      [4, 'Quan hệ đơn vị cha tạo vòng lặp (B → A → B).'],
    ]);
  });

  it('refuses a parent that ends before its child, also for a child left in the system', () => {
    const { problems } = check([
      ['H', 'Huyện', 'so', '', '2020-01-01', '2024-12-31'],
      ['X', 'Xã', 'xa', 'H', '2021-01-01', ''],
    ], [unit('H', null), unit('OLD', 'id-H')]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([[3, 'Mã đơn vị cha'], [2, 'Hiệu lực đến']]);
    expect(problems[1]!.message).toMatch(/^Đơn vị trực thuộc OLD: Đơn vị cha H kết thúc ngày 31\/12\/2024/);
  });
});
