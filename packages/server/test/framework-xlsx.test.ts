import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { frameworkToJson, loadFramework, type Framework } from '@chiso/core';
import { frameworkToXlsx } from '../src/documents/framework-xlsx';
import { readFrameworkFile } from '../src/documents/framework-file';

const here = path.dirname(fileURLToPath(import.meta.url));
const demoDir = path.join(here, '../src/demo/frameworks');
const demoFiles = fs.readdirSync(demoDir).filter((f) => f.endsWith('.json'));

function load(text: string): Framework {
  const r = loadFramework(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.framework;
}

async function workbook(framework: Framework): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await frameworkToXlsx(framework)) as unknown as ExcelJS.Buffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const example = () => load(fs.readFileSync(path.join(here, '../../../docs/examples/bo-tieu-chi-vi-du.json'), 'utf8'));

describe('framework workbook (XLSX)', () => {
  it('finds the three demo frameworks', () => {
    expect(demoFiles.sort()).toEqual(['communes-2025.json', 'departments-2025.json', 'task-performance-2025.json']);
  });

  it.each(demoFiles)('round-trips %s: JSON → XLSX → JSON without loss', async (file) => {
    const text = fs.readFileSync(path.join(demoDir, file), 'utf8');
    const back = await readFrameworkFile(await frameworkToXlsx(load(text)));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(frameworkToJson(back.framework)).toEqual(JSON.parse(text));
  });

  it('writes the layout officials use, with rule parameters in words and decimal commas', async () => {
    const wb = await workbook(example());
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    expect(sheet.getCell('A5').value).toBe('1.3');
    expect(sheet.getCell('E5').value).toBe('Mức theo tỷ lệ');
    expect(sheet.getCell('F5').value).toBe(
      'Tử số: Số nhiệm vụ hoàn thành\nMẫu số: Số nhiệm vụ theo kế hoạch\nMẫu số bằng 0: 0 điểm\nMức: [100; +∞) → 10\nMức: [80; 100) → 6\nMức: (-∞; 80) → 0',
    );
    expect(sheet.getCell('F8').value).toBe('Từ: 0\nĐến: 14\nBước: 0,25');
    expect(sheet.getCell('J7').value).toBe('Được khai không áp dụng: Có\nĐiều kiện: Đơn vị không có TTHC thuộc thẩm quyền');
    expect(wb.getWorksheet('Xếp loại')!.getRow(2).values).toEqual([undefined, 'xuat-sac', 'Xuất sắc', '90']);
  });

  it("carries rules' rounding declarations and an absent points rounding (exact points)", async () => {
    const rate = { numeratorLabel: 'Đã làm', denominatorLabel: 'Phải làm', zeroDenominator: 'zero_points' };
    const leaf = (key: string, code: string, rule: Record<string, unknown>) => ({ key, code, name: `Tiêu chí ${code}`, maxPoints: '1', source: rule.type === 'survey' ? 'survey' : rule.type === 'data_feed' ? 'data_feed' : 'self_assessment', rule });
    const fw = load(JSON.stringify({
      formatVersion: 1, id: 'lam-tron', name: 'Làm tròn', agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }],
      nodes: [{ key: 'g', code: '1', name: 'Nhóm', maxPoints: '4', appraisingAgency: 'SNV', children: [
        leaf('a', '1.1', { type: 'proportional', ...rate, rounding: { decimals: 2 } }),
        leaf('b', '1.2', { type: 'proportional', ...rate }),
        leaf('c', '1.3', { type: 'survey', rounding: { decimals: 1 } }),
        leaf('d', '1.4', { type: 'data_feed', feed: 'f', ...rate, scoring: { kind: 'proportional' }, rounding: { decimals: 0 } }),
      ] }],
    }));
    const wb = await workbook(fw);
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    expect(sheet.getCell('F3').value).toBe('Tử số: Đã làm\nMẫu số: Phải làm\nMẫu số bằng 0: 0 điểm\nLàm tròn: 2');
    expect(sheet.getCell('F5').value).toBe('Làm tròn: 1');
    const setting = wb.getWorksheet('Cài đặt')!.getColumn(1).values.indexOf('Số chữ số thập phân của điểm');
    expect(wb.getWorksheet('Cài đặt')!.getRow(setting).getCell(2).value).toBe('');
    const back = await readFrameworkFile(await save(wb));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(frameworkToJson(back.framework)).toEqual(frameworkToJson(fw));

    sheet.getCell('F5').value = 'Làm tròn: 5';
    const bad = await readFrameworkFile(await save(wb));
    expect(!bad.ok && bad.problems.map((p) => p.message).join('\n')).toContain('“Làm tròn: 5” — số chữ số thập phân, từ 0 đến 3');
  });

  it('accepts decimal commas and empty keys (made from the name)', async () => {
    const wb = await workbook(example());
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    sheet.getCell('F9').value = 'Bắt đầu: 20\nTrừ mỗi lần: 2,25\nTối thiểu: 0\nĐếm: Số hồ sơ';
    sheet.getCell('K8').value = null;
    const back = await readFrameworkFile(await save(wb));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    const json = frameworkToJson(back.framework) as { nodes: { children: { key: string; rule: Record<string, unknown> }[] }[] };
    expect(json.nodes[1]!.children[2]!.rule).toMatchObject({ type: 'deduction', perOccurrence: '2.25' });
    expect(json.nodes[1]!.children[1]!.key).toBe('cong-khai-cap-nhat-tthc');
  });

  it('lists every problem of the file at once, each with its cell', async () => {
    const wb = await workbook(example());
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    sheet.getCell('C3').value = 'sáu';
    sheet.getCell('A9').value = '4.1'; // no field 4
    sheet.getCell('E6').value = 'Công thức';
    sheet.getCell('F5').value = 'Tử số: a\nMẫu số: b\nMẫu số bằng 0: 0 điểm\nMức: 80 đến 100 → 6';
    sheet.getCell('I8').value = 'Tự chấm';
    wb.getWorksheet('Xếp loại')!.getCell('C3').value = 'tám mươi';
    wb.getWorksheet('Cài đặt')!.getCell('B9').value = 'bảy';
    const r = await readFrameworkFile(await save(wb));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.problems.map((p) => p.message);
    expect(messages).toEqual([
      'C3: điểm tối đa “sáu” không hợp lệ (số không âm, tối đa 3 chữ số thập phân)',
      expect.stringMatching(/^F5: mức “80 đến 100 → 6” cần dạng “\[70; 90\) → 1”/),
      expect.stringMatching(/^E6: loại quy tắc “Công thức” không rõ/),
      'I8: nguồn “Tự chấm” không rõ (Tự đánh giá, Điều tra XHH, Dữ liệu từ hệ thống)',
      'A9: không tìm thấy tiêu chí cha “4” ở các dòng phía trên',
      'Cài đặt!B9: cần số nguyên từ 0 đến 3',
      'Xếp loại!C3: ngưỡng “tám mươi” không hợp lệ',
    ]);
    expect(r.problems[0]).toMatchObject({ sheet: 'Bộ tiêu chí', line: 3, column: 'C' });
  });

  it('places the core validator findings on the cells they concern', async () => {
    const wb = await workbook(example());
    const sheet = wb.getWorksheet('Bộ tiêu chí')!;
    sheet.getCell('C2').value = 25; // field 1 says 25, its criteria add up to 20
    sheet.getCell('H3').value = 'SXX'; // undeclared agency
    const r = await readFrameworkFile(await save(wb));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [`${p.column}${p.line}`, p.code])).toEqual(
      expect.arrayContaining([
        ['C2', 'children_sum'],
        ['H3', 'unknown_agency'],
      ]),
    );
    expect(errors.find((p) => p.code === 'children_sum')!.message).toMatch(/^C2: /);
  });

  it('reports a missing required column on the header row', async () => {
    const wb = await workbook(example());
    wb.getWorksheet('Bộ tiêu chí')!.getCell('C1').value = 'Điểm';
    const r = await readFrameworkFile(await save(wb));
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual(['1: thiếu cột “Điểm tối đa” ở dòng tiêu đề']);
  });
});
