// The official documents of published results, opened: the Word XML, the PDF's text and fonts, the
// workbook's print setup; page images are kept under test-artifacts/documents/.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decimalAverage } from '@chiso/core';
import { appraisalReportDocx, publicationDecisionDocx } from '../src/documents/results-docx';
import type { ResultsDocument } from '../src/documents/results-document';
import { publicationDecisionPdf } from '../src/documents/results-pdf';
import { resultsToXlsx } from '../src/documents/results-xlsx';
import { documentText, pdfFonts, pdfText, renderPages } from './support/documents';

const fields = [
  { key: 'chi-dao', code: '1', name: 'Công tác chỉ đạo, điều hành cải cách hành chính' },
  { key: 'the-che', code: '2', name: 'Cải cách thể chế' },
  { key: 'tthc', code: '3', name: 'Cải cách thủ tục hành chính' },
  { key: 'tai-chinh', code: '4', name: 'Cải cách tài chính công' },
  { key: 'so-hoa', code: '5', name: 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số' },
];
/** Names with ế ư ơ ệ ạ ỹ. */
const units: [string, string, string, string, number, string][] = [
  ['STP', 'Sở Tư pháp', '91.250', '90.500', 1, 'Xuất sắc'],
  ['SKHCN', 'Sở Khoa học và Công nghệ', '86.000', '88.750', 2, 'Tốt'],
  ['SYT', 'Sở Y tế', '85.500', '84.125', 3, 'Tốt'],
  ['SXD', 'Sở Xây dựng', '82.000', '79.790', 4, 'Khá'],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường', '78.000', '73.790', 5, 'Khá'],
  ['BQLKKT', 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn', '70.000', '64.500', 6, 'Trung bình'],
];

const doc: ResultsDocument = {
  authority: { kind: 'province', province: 'Lạng Sơn', provinceAuthority: 'UBND tỉnh Lạng Sơn', owner: null, place: 'Lạng Sơn', appraiser: 'Sở Nội vụ' },
  place: 'Lạng Sơn',
  programName: 'Chỉ số cải cách hành chính',
  year: 2025,
  cycleName: 'Kỳ đánh giá Chỉ số CCHC năm 2025',
  frameworkName: 'Bộ tiêu chí xác định Chỉ số CCHC các sở, ban, ngành năm 2025',
  groupName: 'Các sở, ban, ngành',
  number: 1,
  decisionNumber: '125/QĐ-UBND',
  publishedOn: '2026-03-16',
  indexDecimals: 2,
  pointsDecimals: 2,
  fields,
  rows: units.map(([unitCode, unitName, selfTotal, achieved, rank, classLabel], i) => ({
    unitCode,
    unitName,
    selfTotal,
    achieved,
    bonus: '0',
    applicableMax: '100',
    index: Number(achieved).toFixed(2),
    rank,
    classLabel,
    fields: Object.fromEntries(fields.map((f, j) => [f.key, { achieved: `${18 - i - j}.25`, applicableMax: '20', index: `${(90 - 3 * i - 2 * j).toFixed(2)}` }])),
  })),
};

describe('the appraisal report (DOCX)', () => {
  it('is an official report: header block, title, results per unit and per field, proposal, signature', async () => {
    const buffer = await appraisalReportDocx(doc);
    const { xml, text } = await documentText(buffer);
    for (const expected of [
      'UBND TỈNH LẠNG SƠN',
      'SỞ NỘI VỤ',
      'Số:        /BC-SNV',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lạng Sơn, ngày       tháng       năm 2026',
      'BÁO CÁO',
      'Kết quả thẩm định Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành',
      'Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.',
      'thuộc nhóm các sở, ban, ngành',
      // Mean of the six indexes, exact then rounded: (90.5+88.75+84.13+79.79+73.79+64.5)/6 = 80.243…
      'Chỉ số trung bình của 6 đơn vị đạt 80,24%',
      'cao nhất là Sở Tư pháp (90,50%), thấp nhất là Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn (64,50%)',
      '01 đơn vị xếp loại Xuất sắc, 02 đơn vị xếp loại Tốt, 02 đơn vị xếp loại Khá, 01 đơn vị xếp loại Trung bình',
      'Sở Nông nghiệp và Môi trường',
      '73,79',
      '-4,21',
      '+2,75',
      'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
      'Sở Nội vụ kính trình Ủy ban nhân dân tỉnh Lạng Sơn xem xét, ban hành Quyết định công bố',
      'Nơi nhận:',
      'GIÁM ĐỐC',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/\d\.\d\d%/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(renderPages('bao-cao-ket-qua-tham-dinh', 'docx', buffer) ?? 1).toBeGreaterThanOrEqual(1);
  });
});

describe('the publication decision (DOCX)', () => {
  it('is a draft with the number and date to fill in, the articles, recipients, the signature and both appendices', async () => {
    const buffer = await publicationDecisionDocx(doc);
    const { xml, text } = await documentText(buffer);
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH LẠNG SƠN',
      // A draft: the decision number entered at publication and its date are the signed decision's, not the draft's.
      'Số:        /QĐ-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lạng Sơn, ngày       tháng       năm 20…',
      'QUYẾT ĐỊNH',
      'Về việc công bố Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành',
      'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
      'Căn cứ Bộ tiêu chí xác định Chỉ số CCHC các sở, ban, ngành năm 2025;',
      'QUYẾT ĐỊNH:',
      'Điều 1. Công bố Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành (6 đơn vị)',
      'Điều 2.',
      'Điều 3. Quyết định này có hiệu lực kể từ ngày ký.',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Lưu: VT, SNV.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Phụ lục I',
      'CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH',
      '(Kèm theo Quyết định này của Ủy ban nhân dân tỉnh Lạng Sơn)',
      'Phụ lục II',
      '1. Công tác chỉ đạo, điều hành cải cách hành chính',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('125/QĐ-UBND');
    expect(text).not.toContain('UBND TỈNH LẠNG SƠN');
    // Appendix I, row by row: STT, unit, points and maximum at the points decimals, index (decimal comma), rank, class.
    expect(text).toContain('5Sở Nông nghiệp và Môi trường73,79100,0073,795Khá');
    expect(text).toContain('2Sở Khoa học và Công nghệ88,75100,0088,752Tốt');
    // Appendix II: the unit's points per field, then its total, all at the points decimals.
    expect(text).toContain('1Sở Tư pháp18,2517,2516,2515,2514,2590,50');
    // The signer's name is left blank; the font is Times New Roman; Appendix II is landscape.
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(renderPages('du-thao-quyet-dinh-cong-bo', 'docx', buffer) ?? 3).toBeGreaterThanOrEqual(3);
  });

  it('rounds the averages to the snapshot\'s index decimals (three in some provinces), not to two', async () => {
    const three: ResultsDocument = {
      ...doc,
      indexDecimals: 3,
      rows: doc.rows.map((r, i) => ({ ...r, index: `${r.index}${i}`, fields: Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, { ...f, index: f.index && `${f.index}${i + 1}` }])) })),
    };
    const { text } = await documentText(await appraisalReportDocx(three));
    const average = decimalAverage(three.rows.map((r) => r.index), 3)!;
    expect(average.split('.')[1]).toHaveLength(3);
    expect(text).toContain(`Chỉ số trung bình của 6 đơn vị đạt ${average.replace('.', ',')}%`);
    const fieldAverage = decimalAverage(three.rows.map((r) => r.fields[fields[0]!.key]!.index!), 3)!;
    expect(text).toContain(fieldAverage.replace('.', ','));
  });

  it('writes points at the framework\'s points decimals and indexes at the index decimals, trailing zeros kept', async () => {
    const figures: ResultsDocument = {
      ...doc,
      pointsDecimals: 2,
      indexDecimals: 2,
      rows: doc.rows.map((r, i) => (i === 0 ? { ...r, selfTotal: '83', achieved: '82.7', applicableMax: '100', index: '82.70', fields: { ...r.fields, 'chi-dao': { achieved: '9.5', applicableMax: '10', index: '95.00' } } } : r)),
    };
    const decision = (await documentText(await publicationDecisionDocx(figures))).text;
    expect(decision).toContain('1Sở Tư pháp82,70100,0082,701Xuất sắc');
    expect(decision).toContain('1Sở Tư pháp9,50');
    const report = (await documentText(await appraisalReportDocx(figures))).text;
    expect(report).toContain('1Sở Tư pháp83,0082,70-0,3082,701Xuất sắc');
    expect(report).toContain('Sở Tư pháp (82,70%)');
    const three = (await documentText(await publicationDecisionDocx({ ...figures, pointsDecimals: 3 }))).text;
    expect(three).toContain('1Sở Tư pháp82,700100,00082,701Xuất sắc');
    const pdf = pdfText(await publicationDecisionPdf(figures));
    expect(pdf).toContain('82,70');
    expect(pdf).not.toMatch(/\b82,7\b(?!0)/);
  });

  it('is issued by a district People\'s Committee for its communes: its own header, place, signer and appraising body', async () => {
    const district: ResultsDocument = {
      ...doc,
      place: 'Đình Lập',
      year: 2024,
      groupName: 'Các xã, thị trấn huyện Đình Lập',
      authority: { kind: 'district', province: 'Lạng Sơn', provinceAuthority: 'UBND tỉnh Lạng Sơn', owner: 'UBND huyện Đình Lập', place: 'Đình Lập', appraiser: 'Phòng Nội vụ' },
    };
    const decision = await publicationDecisionDocx(district);
    const { text } = await documentText(decision);
    for (const expected of [
      'ỦY BAN NHÂN DÂNHUYỆN ĐÌNH LẬP',
      'Số:        /QĐ-UBND',
      'Đình Lập, ngày       tháng       năm 20…',
      'ỦY BAN NHÂN DÂN HUYỆN ĐÌNH LẬP',
      'Theo đề nghị của Trưởng phòng Nội vụ.',
      'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ',
      '- UBND tỉnh Lạng Sơn (b/c);',
      '- TT Huyện ủy, TT HĐND huyện (b/c);',
      'TM. ỦY BAN NHÂN DÂNKT. CHỦ TỊCHPHÓ CHỦ TỊCH',
      '(Kèm theo Quyết định này của Ủy ban nhân dân huyện Đình Lập)',
    ]) {
      expect(text).toContain(expected);
    }
    for (const unexpected of ['UBND TỈNH LẠNG SƠN', 'GIÁM ĐỐC', 'Lạng Sơn, ngày']) expect(text).not.toContain(unexpected);
    renderPages('du-thao-quyet-dinh-cong-bo-huyen', 'docx', decision);

    const report = await appraisalReportDocx(district);
    const r = (await documentText(report)).text;
    for (const expected of [
      'UBND HUYỆN ĐÌNH LẬPPHÒNG NỘI VỤ',
      'Số:        /BC-PNV',
      'Đình Lập, ngày       tháng       năm 2026',
      'Kính gửi: Ủy ban nhân dân huyện Đình Lập.',
      'Phòng Nội vụ kính trình Ủy ban nhân dân huyện Đình Lập xem xét',
      'TRƯỞNG PHÒNG',
    ]) {
      expect(r).toContain(expected);
    }
    expect(r).not.toContain('GIÁM ĐỐC');
    expect(r).not.toContain('UBND TỈNH LẠNG SƠN');
    renderPages('bao-cao-ket-qua-tham-dinh-huyen', 'docx', report);
  });

  it('is a department\'s own for its units: under the province\'s committee, signed by its director; the report by its office', async () => {
    const department: ResultsDocument = {
      ...doc,
      decisionNumber: null,
      groupName: 'Các đơn vị trực thuộc Sở Y tế',
      authority: { kind: 'department', province: 'Lạng Sơn', provinceAuthority: 'UBND tỉnh Lạng Sơn', owner: 'Sở Y tế', place: 'Lạng Sơn', appraiser: 'Văn phòng' },
    };
    const decision = await publicationDecisionDocx(department);
    const { text } = await documentText(decision);
    for (const expected of ['UBND TỈNH LẠNG SƠNSỞ Y TẾ', 'Số:        /QĐ-SYT', 'Lạng Sơn, ngày       tháng       năm 20…', 'GIÁM ĐỐC SỞ Y TẾ', 'Theo đề nghị của Chánh Văn phòng.', 'Chánh Văn phòng Sở Y tế', '(Kèm theo Quyết định này của Sở Y tế)']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('TM. ỦY BAN NHÂN DÂN');
    renderPages('du-thao-quyet-dinh-cong-bo-so', 'docx', decision);

    const report = await appraisalReportDocx(department);
    const r = (await documentText(report)).text;
    for (const expected of ['SỞ Y TẾVĂN PHÒNG', 'Số:        /BC-VP', 'Kính gửi: Giám đốc Sở Y tế.', 'Văn phòng kính trình Giám đốc Sở Y tế xem xét', 'CHÁNH VĂN PHÒNG']) {
      expect(r).toContain(expected);
    }
    renderPages('bao-cao-ket-qua-tham-dinh-so', 'docx', report);
  });
});

describe('the publication decision (PDF)', () => {
  it('keeps the Vietnamese text, with its font embedded', async () => {
    const buffer = await publicationDecisionPdf(doc);
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(buffer);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 125/QĐ-UBND',
      'Lạng Sơn, ngày 16 tháng 03 năm 2026',
      'Quyết định này có hiệu lực kể từ ngày ký',
      'TM. ỦY BAN NHÂN DÂN',
      'Phụ lục I',
      'Sở Khoa học và Công nghệ',
      'Sở Nông nghiệp và Môi trường',
      'Xuất sắc',
      '73,79',
    ]) {
      expect(text).toContain(expected);
    }
    const fonts = pdfFonts(buffer);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/NotoSerif-Regular/);
    expect(renderPages('quyet-dinh-cong-bo', 'pdf', buffer) ?? 3).toBeGreaterThanOrEqual(3);
  });
});

describe('the results workbook (XLSX) in print layout', () => {
  it('prints landscape on A4, one page wide, with title rows, repeated header row, Vietnamese numbers and a signature block', async () => {
    const buffer = await resultsToXlsx({
      title: 'Chỉ số cải cách hành chính năm 2025',
      groupName: doc.groupName,
      number: 1,
      decisionNumber: '125/QĐ-UBND',
      reason: null,
      createdAt: '2026-03-16T02:00:00.000Z',
      indexDecimals: 2,
      hash: 'ab'.repeat(32),
      // 15 units (the six above, then more), as a province's departments: it used to print as 7 portrait pages.
      rows: Array.from({ length: 15 }, (_v, i) => {
        const r = doc.rows[i % doc.rows.length]!;
        const unitName = i < doc.rows.length ? r.unitName : `${r.unitName} (${i + 1})`;
        return { ...r, unitName, unitCode: `${r.unitCode}${i}`, rank: i + 1, fields: fields.map((f) => ({ fieldKey: f.key, code: f.code, name: f.name, achieved: r.fields[f.key]!.achieved, componentIndex: r.fields[f.key]!.index })) };
      }),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kết quả')!;
    // Centred on the page: exceljs's streaming writer leaves <printOptions> out, results-xlsx writes it.
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5', horizontalCentered: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 5 });
    expect(ws.getColumn(3).width).toBe(34);
    expect(ws.getCell(6, 2).numFmt).toBe('@');
    expect(ws.getCell(6, 1).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.getCell(1, 1).value).toBe('CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    expect(ws.getCell(2, 1).value).toBe('Nhóm: Các sở, ban, ngành');
    expect(String(ws.getCell(3, 1).value)).toContain('Kèm theo Quyết định số 125/QĐ-UBND');
    expect(ws.getRow(5).values).toContain('1. Công tác chỉ đạo, điều hành cải cách hành chính (%)');
    expect(ws.getCell(6, 7).value).toBe(90.5);
    expect(ws.getCell(6, 7).numFmt).toBe('[$-42A]#,##0.00');
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('NGƯỜI LẬP BIỂU');
    expect(texts).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    const pages = renderPages('ket-qua-cong-bo', 'xlsx', buffer);
    // The ranking on one landscape page, the record of the publication on the next.
    if (pages !== null) expect(pages).toBeLessThanOrEqual(2);
  });
});
