/**
 * The demo's respondent list (DỮ LIỆU MINH HỌA): per department, the people whose procedure files
 * its one-stop desk handled in the quarter, as the one-stop software would export them — invented
 * names, phone numbers that reach nobody (09x… from the demo's seed), file numbers.
 */
import type { Table } from '../../files/tabular';
import { draw } from '../history/generate';

const FAMILY = ['Nguyễn', 'Hoàng', 'Lương', 'Nông', 'Hà', 'Vi', 'Lăng', 'Triệu', 'Trần', 'Lê', 'Phạm', 'Đinh'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thu', 'Minh', 'Thanh', 'Ngọc', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Tuấn', 'Vân', 'Yến'];

const pick = <T>(list: readonly T[], ...seed: (string | number)[]) => list[Math.floor(draw(...seed) * list.length)]!;

/** One row per person: unit code, name, phone, e-mail (some), procedure file number. */
export function demoRespondentTable(unitCodes: readonly string[], perUnit: number): Table {
  const rows = unitCodes.flatMap((code, u) => Array.from({ length: perUnit }, (_, i) => {
    const seed = ['nguoi-dan', code, i];
    const name = `${pick(FAMILY, ...seed, 'ho')} ${pick(MIDDLE, ...seed, 'dem')} ${pick(GIVEN, ...seed, 'ten')}`;
    const phone = `09${String(Math.floor(draw(...seed, 'dt') * 1e8)).padStart(8, '0')}`;
    const email = draw(...seed, 'thu') < 0.3 ? `nguoidan.${code.toLowerCase()}.${i + 1}@example.invalid` : '';
    const file = `000.00.${String(20 + u).padStart(2, '0')}.H38-2510${String(1 + (i % 28)).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`;
    return [code, name, phone, email, file];
  }));
  return {
    header: ['Mã đơn vị', 'Họ và tên', 'Điện thoại', 'Thư điện tử', 'Mã hồ sơ'],
    headerLine: 1,
    rows: rows.map((cells, i) => ({ line: i + 2, cells })),
  };
}
