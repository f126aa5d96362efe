import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CliError, scoreFiles } from '../src/cli/score';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, '../../../docs/examples');
const read = (name: string) => fs.readFileSync(path.join(examples, name));
const run = promisify(execFile);

/**
 * The example in docs/examples, computed by hand:
 * - SXD: 1.1 có 4; 1.2 đúng hạn 6; 1.3 45/50 = 90 % → 6; 2.1 không áp dụng (−16 điểm tối đa);
 *   2.2 11,5; 2.3 20 − 3 × 2,5 = 12,5; 3.1 khảo sát 28,32 → 68,32 / 84 = 81,333… → 81,33 (Tốt)
 * - STP: 4 + 3 + 10 (100 %) + 16 × 180/200 = 14,4 + 12 + 20 + 26,75 = 90,15 / 100 → 90,15 (Xuất sắc)
 * - SYT: 0 + 6 + 0 (75 %) + 16 × 290/300 = 15,466… → 15,47 + 9,25 + max(0, 20 − 25) = 0 + 22,5 = 53,22 (Trung bình)
 * - XA-HL (nhóm khác): 4 + 0 + 6 (80 %) + 2.1 mẫu số 0 → không áp dụng + 14 + 17,5 + 27 = 68,5 / 84 = 81,547… → 81,55 (Tốt)
 */
const expected = [
  ['Đơn vị', 'Tên đơn vị', 'Nhóm', 'Lĩnh vực 1', 'Lĩnh vực 2', 'Lĩnh vực 3', 'Tổng điểm', 'Điểm thưởng', 'Điểm tối đa áp dụng', 'Chỉ số', 'Xếp hạng', 'Xếp loại'],
  ['STP', 'Sở Tư pháp', 'Sở, ban, ngành', '17,00', '46,40', '26,75', '90,15', '0,00', '100,00', '90,15', '1', 'Xuất sắc'],
  ['SXD', 'Sở Xây dựng', 'Sở, ban, ngành', '16,00', '24,00', '28,32', '68,32', '0,00', '84,00', '81,33', '2', 'Tốt'],
  ['SYT', 'Sở Y tế', 'Sở, ban, ngành', '6,00', '24,72', '22,50', '53,22', '0,00', '100,00', '53,22', '3', 'Trung bình'],
  ['XA-HL', 'UBND xã Hữu Lũng', 'UBND cấp xã', '10,00', '31,50', '27,00', '68,50', '0,00', '84,00', '81,55', '1', 'Tốt'],
];

describe('chiso score', () => {
  it('computes the example in docs/examples as by hand (Vietnamese decimal comma)', async () => {
    const result = await scoreFiles({
      framework: read('bo-tieu-chi-vi-du.json'),
      inputs: read('du-lieu-vi-du.csv'),
      units: read('don-vi-vi-du.csv'),
      vi: true,
    });
    expect([result.header, ...result.rows]).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('gives exact figures on a framework without rounding declarations; only the index is rounded', async () => {
    const framework = JSON.parse(read('bo-tieu-chi-vi-du.json').toString('utf8'));
    delete framework.settings.rounding.pointsDecimals;
    // A survey average with four decimals.
    const inputs = read('du-lieu-vi-du.csv').toString('utf8').replace('SXD,3.1,"28,32"', 'SXD,3.1,"28,3175"');
    const result = await scoreFiles({ framework: Buffer.from(JSON.stringify(framework)), inputs: Buffer.from(inputs), units: read('don-vi-vi-du.csv'), vi: true });
    const row = (unit: string) => result.rows.find((r) => r[0] === unit)!.slice(3, 10);
    // 28,3175 stays 28,3175 (the declared 2 decimals gave 28,32); 68,3175 / 84 = 81,330… → 81,33.
    expect(row('SXD')).toEqual(['16,00', '24,00', '28,3175', '68,3175', '0,00', '84,00', '81,33']);
    // 16 × 290/300 = 232/15 = 15,4666… stays exact (the declared 2 decimals gave 15,47): field 2 is
    // 24,71666…, shown to the thousandth; 53,21666… / 100 → 53,22.
    expect(row('SYT')).toEqual(['6,00', '24,717', '22,50', '53,217', '0,00', '100,00', '53,22']);
  });

  it('writes plain decimals without --vi, groups from the inputs when there is no units file', async () => {
    const inputs = read('du-lieu-vi-du.csv').toString('utf8').replace(/^unit,/, 'group,unit,').replace(/\n(?=\S)/g, '\nG,').replace(/\nG,$/, '\n');
    const result = await scoreFiles({ framework: read('bo-tieu-chi-vi-du.json'), inputs: Buffer.from(inputs) });
    const sxd = result.rows.find((r) => r[0] === 'SXD')!;
    expect(sxd.slice(6)).toEqual(['68.32', '0.00', '84.00', '81.33', '3', 'Tốt']);
    // All four in one group now: STP 90,15 > XA-HL 81,55 > SXD 81,33 > SYT 53,22.
    expect(result.rows.map((r) => [r[0], r[10]])).toEqual([['STP', '1'], ['XA-HL', '2'], ['SXD', '3'], ['SYT', '4']]);
  });

  it('refuses inputs with problems, listing each with its line, and computes nothing', async () => {
    const bad = 'unit,criterion,value,numerator,denominator,occurrences,notApplicable,reason\nSXD,1.2,muon,,,,,\nSXD,9.9,1,,,,,\nSXD,2.3,,,,ba,,\n';
    await expect(scoreFiles({ framework: read('bo-tieu-chi-vi-du.json'), inputs: Buffer.from(bad) })).rejects.toThrow(CliError);
    const message = await scoreFiles({ framework: read('bo-tieu-chi-vi-du.json'), inputs: Buffer.from(bad) }).catch((e: Error) => e.message);
    expect(message).toContain('INPUTS dòng 2 (1.2): “muon” không phải lựa chọn của tiêu chí (dung-han, tre-han, khong)');
    expect(message).toContain('INPUTS dòng 3: không có tiêu chí “9.9”');
    expect(message).toContain('INPUTS dòng 4 (2.3): số lần “ba” phải là số nguyên không âm');
  });

  it('runs as a command: score writes an XLSX; framework validate exits 0, or 1 listing errors with node codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-score-'));
    try {
      const cli = path.join(here, '../src/cli.ts');
      const out = path.join(dir, 'ket-qua.xlsx');
      const fw = path.join(dir, 'bo-tieu-chi.xlsx');
      // JSON framework → XLSX result.
      await run(process.execPath, ['--import', 'tsx', cli, 'score', '--framework', path.join(examples, 'bo-tieu-chi-vi-du.json'), '--inputs', path.join(examples, 'du-lieu-vi-du.csv'), '--units', path.join(examples, 'don-vi-vi-du.csv'), '--vi', '--out', out], { cwd: path.join(here, '..') });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const rows: string[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(rows).toEqual(expected);

      // validate: exit 0 on the example; exit 1 with the node code on a broken file.
      const ok = await run(process.execPath, ['--import', 'tsx', cli, 'framework', 'validate', path.join(examples, 'bo-tieu-chi-vi-du.json')], { cwd: path.join(here, '..') });
      expect(ok.stdout).toContain('Hợp lệ: “Bộ tiêu chí ví dụ (để thử lệnh chiso score)” — 3 lĩnh vực, 10 tiêu chí, tổng 100 điểm');
      const broken = JSON.parse(read('bo-tieu-chi-vi-du.json').toString('utf8'));
      broken.nodes[0].children[0].maxPoints = '5';
      fs.writeFileSync(fw.replace('.xlsx', '.json'), JSON.stringify(broken));
      const failed = await run(process.execPath, ['--import', 'tsx', cli, 'framework', 'validate', fw.replace('.xlsx', '.json')], { cwd: path.join(here, '..') }).then(
        () => null,
        (e: { code: number; stdout: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stdout).toMatch(/Lỗi.*\b1\b.*children_sum/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
