import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readFrameworkFile } from '../src/documents/framework-file';
import { readTable } from '../src/files/tabular';
import { readScoreTable, resultTable, ScoreInputsError, scoreInputs, type ScoreInputsResult } from '../src/services/scoring/score-inputs';
import { scoreFiles } from '../src/cli/score';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { roles, type Role } from '../src/services/actor';
import { createTestApp, type TestApp } from './support/app';
import { createUnit, createUser } from './support/factories';
import { loginAs, type LoggedIn } from './support/login';

const here = path.dirname(fileURLToPath(import.meta.url));
const demo = path.join(here, '../src/demo');
const frameworkFile = fs.readFileSync(path.join(demo, 'frameworks/departments-2025.json'));
const inputsFile = fs.readFileSync(path.join(demo, 'inputs/departments-2025-inputs.csv'));
const unitsFile = fs.readFileSync(path.join(demo, 'inputs/departments-2025-units.csv'));

/** A multipart/form-data body with the given files. */
function multipart(files: Record<string, { name: string; content: Buffer; type?: string }>) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const demoUpload = () => multipart({ inputs: { name: 'departments-2025-inputs.csv', content: inputsFile }, units: { name: 'departments-2025-units.csv', content: unitsFile } });

describe('scoring the demo inputs (src/demo/inputs) through the service', () => {
  let result: ScoreInputsResult;
  beforeAll(async () => {
    const read = await readFrameworkFile(frameworkFile);
    if (!read.ok) throw new Error('demo framework does not load');
    result = scoreInputs({ framework: read.framework, inputs: await readTable(inputsFile, 'csv'), units: await readTable(unitsFile, 'csv') });
  });

  const row = (unit: string) => {
    const { header, rows } = resultTable(result, 'vi');
    const r = rows.find((x) => x[0] === unit)!;
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  };

  it('scores eight departments in one group, without notes', () => {
    expect(result.units.map((u) => u.unit)).toEqual(['STP', 'SGDDT', 'SNV', 'STC', 'SCT', 'SVHTTDL', 'SXD', 'SYT']);
    expect(new Set(result.units.map((u) => u.group))).toEqual(new Set(['Sở, ban, ngành']));
    expect(result.issues).toEqual([]);
  });

  /**
   * STP by hand — 6.2 declared not applicable (no public investment capital): its 3 points leave the maximum, 100 → 97.
   * 1: 1 + 2 (24/24) + 1 + 1 (6/12 = 50 % ≥ 30 %) + 1 (5/5) + 1 + 2 + 2,80 = 11,80
   * 2: 3 (4/4) + 2 + 2 + 2,75 = 9,75
   * 3: 2 + 2 + 4 (100 %) + 1 + 1 + 2 × 2200/2310 = 1,904… → 1,90 + 3,70 = 15,60
   * 4: 2 + 2 + 1 + 2,60 = 7,60;  5: 2 + 2 + 1 (90 %) + 1 + 2 + 2,55 = 10,55;  6: 2 + 1 + 2 × 3/4 = 1,5 + 1,70 = 6,20 (of 7)
   * 7: 2 (95 %) + 3 × 1980/2310 = 2,571… → 2,57 + 2 × 300/500 = 1,2 + 2 + 2,70 = 10,47;  8: 6 + 5 (92 %) + 8,10 = 19,10
   * Total 91,07 / 97 × 100 = 93,886… → 93,89: Xuất sắc, first.
   */
  it('STP: a not-applicable criterion leaves the maximum (91,07 / 97 → 93,89)', () => {
    expect(row('STP')).toMatchObject({
      'Lĩnh vực 1': '11,80', 'Lĩnh vực 2': '9,75', 'Lĩnh vực 3': '15,60', 'Lĩnh vực 4': '7,60',
      'Lĩnh vực 5': '10,55', 'Lĩnh vực 6': '6,20', 'Lĩnh vực 7': '10,47', 'Lĩnh vực 8': '19,10',
      'Tổng điểm': '91,07', 'Điểm tối đa áp dụng': '97,00', 'Chỉ số': '93,89', 'Xếp hạng': '1', 'Xếp loại': 'Xuất sắc',
    });
    const stp = result.units.find((u) => u.unit === 'STP')!;
    expect(stp.score.nodes.get('ty-le-giai-ngan-ke-hoach')).toMatchObject({ applicable: false, notApplicable: { kind: 'declared' } });
  });

  it('SNV: 980 of 1000 files on time is exactly 98 %, the inclusive lower bound of the 3-point tier', () => {
    const snv = result.units.find((u) => u.unit === 'SNV')!;
    const leaf = snv.score.nodes.get('ty-le-ho-so-tthc-giai')!.leaf!;
    expect(leaf.points).toBe(3000);
    expect(leaf.tierIndex).toBe(1);
    // 3: 2 + 2 + 3 + 1 + 1 + 2 × 1320/1500 = 1,76 + 3,40 = 14,16
    expect(row('SNV')).toMatchObject({ 'Lĩnh vực 3': '14,16', 'Tổng điểm': '85,61', 'Chỉ số': '85,61', 'Xếp hạng': '3', 'Xếp loại': 'Tốt' });
  });

  it('SYT: deductions — 3 officials disciplined: 2 − 3 × 0,5 = 0,5; one security incident: 2 − 1 = 1', () => {
    const syt = result.units.find((u) => u.unit === 'SYT')!;
    expect(syt.score.nodes.get('ky-luat-ky-cuong-hanh-chinh')!.achieved).toBe(500);
    expect(syt.score.nodes.get('bao-dam-an-toan-thong-tin')!.achieved).toBe(1000);
    // 5: 2 + 2 + 0 (150/200 = 75 % < 80 %) + 1 + 0,5 + 2,55 = 8,05
    expect(row('SYT')).toMatchObject({ 'Lĩnh vực 5': '8,05', 'Tổng điểm': '75,01', 'Chỉ số': '75,01', 'Xếp hạng': '8', 'Xếp loại': 'Khá' });
  });

  it('SCT and SVHTTDL have the same index and share rank 5; the next unit is 7th (1, 2, 2, 4 rule)', () => {
    expect(row('SCT')).toMatchObject({ 'Chỉ số': '81,11', 'Xếp hạng': '5' });
    expect(row('SVHTTDL')).toMatchObject({ 'Chỉ số': '81,11', 'Xếp hạng': '5' });
    // SXD: 2.1 not applicable (100 → 97): 74,81 / 97 = 77,123… → 77,12 — above SYT's 75,01 with a lower total.
    expect(row('SXD')).toMatchObject({ 'Tổng điểm': '74,81', 'Điểm tối đa áp dụng': '97,00', 'Chỉ số': '77,12', 'Xếp hạng': '7', 'Xếp loại': 'Khá' });
  });

  it('the command line writes exactly the service table', async () => {
    const cli = await scoreFiles({ framework: frameworkFile, inputs: inputsFile, units: unitsFile, vi: true });
    const { header, rows } = resultTable(result, 'vi');
    expect([cli.header, ...cli.rows]).toEqual([header, ...rows]);
  });

  it('reads XLSX inputs like CSV, and lists every bad row', async () => {
    const csv = await readTable(inputsFile, 'csv');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(csv.header);
    for (const r of csv.rows) sheet.addRow(r.cells);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const fromXlsx = scoreInputs({ framework: result.framework, inputs: await readScoreTable(xlsx, 'inputs'), units: await readTable(unitsFile, 'csv') });
    expect(resultTable(fromXlsx, 'plain')).toEqual(resultTable(result, 'plain'));

    const bad = 'unit,criterion,value\nSTP,1.2,có lẽ\nSTP,9.9,1\n,,\nSTP,1,có\n';
    const error = (() => {
      try {
        scoreInputs({ framework: result.framework, inputs: { header: ['unit', 'criterion', 'value'], headerLine: 1, rows: bad.split('\n').slice(1, -1).map((l, i) => ({ line: i + 2, cells: l.split(',') })) } });
      } catch (e) {
        return e;
      }
    })() as ScoreInputsError;
    expect(error).toBeInstanceOf(ScoreInputsError);
    expect(error.problems.map((p) => [p.line, p.nodeCode])).toEqual([[2, '1.2'], [3, undefined], [5, undefined]]);
  });
});

describe('POST /api/framework-versions/:id/score and GET …/score-template', () => {
  let t: TestApp;
  const sessions = new Map<Role, LoggedIn>();
  let versionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const unit = await createUnit(t.database.db);
    for (const role of roles) {
      const user = await createUser(t.database.db, { roles: [role], unitId: unit.id });
      sessions.set(role, await loginAs(t.app, user.username, user.password));
    }
    const loaded = await loadDemoFrameworks(t.database.db);
    versionId = loaded.loaded.find((l) => l.file === 'departments-2025.json')!.versionId;
  });
  afterAll(async () => t.close());

  it('answers the same figures as chiso score, with exact decimal strings and explanations', async () => {
    const admin = sessions.get('admin')!;
    const upload = demoUpload();
    const r = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score`, headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.fields).toHaveLength(8);
    expect(body.fields[0]).toEqual({ key: 'cong-tac-chi-dao-dieu-hanh', code: '1', name: 'Công tác chỉ đạo, điều hành cải cách hành chính' });
    const stp = body.rows[0];
    expect(stp).toMatchObject({ unit: 'STP', group: 'Sở, ban, ngành', total: '91.07', bonus: '0.00', applicableMax: '97.00', index: '93.89', rank: 1, classLabel: 'Xuất sắc' });
    expect(stp.fieldPoints['cong-tac-chi-dao-dieu-hanh']).toBe('11.80');
    const na = stp.explanations.find((e: { code: string }) => e.code === '6.2');
    expect(na).toMatchObject({ applicable: false, leaf: true, depth: 2, text: 'Đơn vị khai không áp dụng: Sở không được giao kế hoạch vốn đầu tư công năm 2025' });
    const snv = body.rows.find((x: { unit: string }) => x.unit === 'SNV');
    expect(snv.explanations.find((e: { code: string }) => e.code === '3.3').text).toContain('98,00%');
    // Every node carries its exact points as a fraction, next to the shown decimal.
    expect(stp.explanations[0]).toMatchObject({ achieved: '11.80', exact: '59/5' });

    const cli = await scoreFiles({ framework: frameworkFile, inputs: inputsFile, units: unitsFile });
    expect(body.rows.map((x: { unit: string; index: string; rank: number; classLabel: string }) => [x.unit, x.index, String(x.rank), x.classLabel])).toEqual(
      cli.rows.map((c) => [c[0], c[14], c[15], c[16]]),
    );
    expect(body.issues).toEqual([]);
  });

  it('?format=xlsx answers the workbook chiso score --vi --out writes', async () => {
    const admin = sessions.get('admin')!;
    const upload = demoUpload();
    const r = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score?format=xlsx`, headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('ket-qua-departments-2025.xlsx');
    const table = await readTable(r.rawPayload, 'xlsx');
    const cli = await scoreFiles({ framework: frameworkFile, inputs: inputsFile, units: unitsFile, vi: true });
    expect([table.header, ...table.rows.map((x) => x.cells)]).toEqual([cli.header, ...cli.rows]);
  });

  it('refuses bad inputs with 422 IMPORT_INVALID naming every bad row', async () => {
    const admin = sessions.get('admin')!;
    const upload = multipart({ inputs: { name: 'x.csv', content: Buffer.from('unit,criterion,value,occurrences\nSTP,1.2,có lẽ,\nSTP,9.9,1,\nSYT,5.5,,ba\n') } });
    const r = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score`, headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    expect(r.json().error.details).toEqual([
      { path: 'inputs', line: 2, message: 'Tệp dữ liệu dòng 2 (1.2): “có lẽ” — ghi có hoặc không' },
      { path: 'inputs', line: 3, message: 'Tệp dữ liệu dòng 3: không có tiêu chí “9.9” trong bộ tiêu chí (ghi mã như 3.2.1 hoặc khóa)' },
      { path: 'inputs', line: 4, message: 'Tệp dữ liệu dòng 4 (5.5): số lần “ba” phải là số nguyên không âm' },
    ]);
    const missing = multipart({ units: { name: 'u.csv', content: unitsFile } });
    const r2 = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score`, headers: { ...admin.headers, ...missing.headers }, payload: missing.payload });
    expect(r2.statusCode).toBe(400);
  });

  it('gives an inputs template listing every leaf (CSV and XLSX), which scores as uploaded once filled', async () => {
    const admin = sessions.get('admin')!;
    const csv = await t.app.inject({ method: 'GET', url: `/api/framework-versions/${versionId}/score-template?format=csv`, headers: admin.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const table = await readTable(csv.rawPayload, 'csv');
    expect(table.header.slice(0, 6)).toEqual(['unit', 'criterion', 'Tên tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Cần nhập']);
    expect(table.rows).toHaveLength(42);
    const r331 = table.rows.find((r) => r.cells[1] === '3.3')!.cells;
    expect(r331.slice(3, 5)).toEqual(['4,00', 'Mức theo tỷ lệ']);
    expect(r331[5]).toContain('numerator = Số hồ sơ giải quyết đúng hạn hoặc trước hạn');
    expect(r331[5]).toContain('được khai không áp dụng');
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/framework-versions/${versionId}/score-template?format=xlsx`, headers: admin.headers });
    expect(xlsx.statusCode).toBe(200);
    expect((await readTable(xlsx.rawPayload, 'xlsx')).rows).toHaveLength(42);

    // An untouched template scores nothing and is not an error; one filled line scores that unit.
    const filled = csv.rawPayload.toString('utf8').replace(/\r\n,1\.2,([^\r]*?),,,,,,\r\n/, '\r\nSTP,1.2,$1,có,,,,,\r\n');
    const upload = multipart({ inputs: { name: 'mau.csv', content: Buffer.from(filled) } });
    const r = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score`, headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
    expect(r.statusCode).toBe(200);
    expect(r.json().rows.map((x: { unit: string; total: string }) => [x.unit, x.total])).toEqual([['STP', '1.00']]);
  });

  it('authorization: anonymous 401; every role may score and download the template (nothing is stored)', async () => {
    for (const who of [...roles, 'anonymous' as const]) {
      const headers = who === 'anonymous' ? {} : sessions.get(who)!.headers;
      const upload = demoUpload();
      const score = await t.app.inject({ method: 'POST', url: `/api/framework-versions/${versionId}/score`, headers: { ...headers, ...upload.headers }, payload: upload.payload });
      const template = await t.app.inject({ method: 'GET', url: `/api/framework-versions/${versionId}/score-template?format=csv`, headers });
      const expected = who === 'anonymous' ? 401 : 200;
      expect([who, score.statusCode, template.statusCode]).toEqual([who, expected, expected]);
    }
  });
});
