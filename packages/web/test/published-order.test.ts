import { describe, expect, it } from 'vitest';
import { readerOrder, type PublishedGroup } from '../src/api/results';

const program = { code: 'par-index', name: 'Chỉ số CCHC' };
const group = (groupName: string, year: number, owner: PublishedGroup['owner'], publishedAt: string): PublishedGroup => ({
  cycleId: `${year}-${owner?.id ?? 'tinh'}`, program, year, groupId: groupName, groupName, latestNumber: 1, publishedAt, owner,
});
const dinhLap = { id: 'dl', code: 'H-DL', name: 'UBND huyện Đình Lập' };
const thanhPho = { id: 'tp', code: 'TP-LS', name: 'UBND thành phố Lạng Sơn' };
const syt = { id: 'syt', code: 'SYT', name: 'Sở Y tế' };

// As the server lists them: newest year first, each group set's groups in its order (by code).
const listed = [
  group('Sở, ban, ngành', 2024, null, '2025-01-27'),
  group('UBND cấp huyện', 2024, null, '2025-01-28'),
  group('Các xã, phường thành phố Lạng Sơn', 2024, thanhPho, '2025-01-13'),
  group('Các đơn vị thuộc Sở Y tế', 2024, syt, '2025-01-20'),
  group('Xã, thị trấn huyện Đình Lập', 2024, dinhLap, '2025-12-05'),
  group('Sở, ban, ngành', 2023, null, '2024-01-20'),
];
const names = (l: PublishedGroup[]) => l.map((g) => `${g.year} ${g.groupName}`);

describe('readerOrder: the group a results page opens on', () => {
  it('for the province and the public: the province groups, newest year first in the set order, then the lower levels by organiser', () => {
    expect(names(readerOrder(listed))).toEqual([
      '2024 Sở, ban, ngành',
      '2024 UBND cấp huyện',
      '2023 Sở, ban, ngành',
      '2024 Các đơn vị thuộc Sở Y tế',
      '2024 Xã, thị trấn huyện Đình Lập',
      '2024 Các xã, phường thành phố Lạng Sơn',
    ]);
  });

  it('a lower level publishing a newer year does not take the province readers’ default', () => {
    const newer = [group('Các đơn vị thuộc Sở Y tế', 2026, syt, '2026-12-01'), ...listed];
    expect(names(readerOrder(newer))[0]).toBe('2024 Sở, ban, ngành');
    expect(names(readerOrder(newer, 'syt'))[0]).toBe('2026 Các đơn vị thuộc Sở Y tế');
  });

  it('for a department’s reader: its own groups first, then the province’s', () => {
    expect(names(readerOrder(listed, 'syt')).slice(0, 3)).toEqual(['2024 Các đơn vị thuộc Sở Y tế', '2024 Sở, ban, ngành', '2024 UBND cấp huyện']);
  });

  it('not by publication time, and leaves the given list alone', () => {
    const copy = [...listed];
    // Đình Lập's communes were published last; the departments still come first.
    expect(readerOrder(listed)[0]?.groupName).toBe('Sở, ban, ngành');
    expect(listed).toEqual(copy);
  });
});
