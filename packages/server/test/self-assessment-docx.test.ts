// The self-assessment report (DOCX) from a plain view model: unzip and read the document's text.
import { describe, expect, it } from 'vitest';
import { selfAssessmentDocx, viNumber, type SelfAssessmentReport } from '../src/documents/self-assessment-docx';
import { placeOf } from '../src/services/assessments/report';
import { documentText } from './support/documents';

const report: SelfAssessmentReport = {
  superior: 'UBND tỉnh Lạng Sơn',
  unitName: 'Sở Tư pháp',
  place: 'Lạng Sơn',
  date: { day: 5, month: 11, year: 2025 },
  year: 2025,
  cycleName: 'Kỳ đánh giá Chỉ số CCHC năm 2025',
  frameworkName: 'Bộ tiêu chí các sở, ban, ngành năm 2025',
  rows: [
    { code: '1', name: 'Công tác chỉ đạo, điều hành', depth: 0, leaf: false, maxPoints: '6.000', selfPoints: '4.880' },
    { code: '1.1', name: 'Ban hành kế hoạch cải cách hành chính năm', depth: 1, leaf: true, maxPoints: '2.000', selfPoints: '2.000', explanation: 'Đã ban hành đúng hạn' },
    { code: '1.2', name: 'Kiểm tra công tác cải cách hành chính', depth: 1, leaf: true, maxPoints: '1.000', selfPoints: null, notApplicableReason: 'Đơn vị không có đơn vị trực thuộc' },
    { code: '1.3', name: 'Mức độ hoàn thành nhiệm vụ', depth: 1, leaf: true, maxPoints: '3.000', selfPoints: '2.880' },
  ],
  totals: { achieved: '61.000', applicableMax: '75.000', index: '81.33' },
  notApplicable: [{ code: '1.2', name: 'Kiểm tra công tác cải cách hành chính', reason: 'Đơn vị không có đơn vị trực thuộc' }],
  evidence: [{ documentNumber: '125/QĐ-STP', documentDate: '2025-03-15', issuer: 'Sở Tư pháp', title: 'Quyết định ban hành kế hoạch CCHC năm 2025', fileName: 'qd.pdf', criteria: ['1.1'] }],
};

describe('self-assessment report (DOCX)', () => {
  it('formats figures with a decimal comma', () => {
    expect(viNumber('0.750')).toBe('0,75');
    expect(viNumber('12.000')).toBe('12');
    expect(viNumber('81.33')).toBe('81,33');
  });

  it('writes the official layout, the score table, totals, not-applicable list and evidence', async () => {
    const buffer = await selfAssessmentDocx(report);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { xml, text } = await documentText(buffer);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'SỞ TƯ PHÁP',
      'Lạng Sơn, ngày 05 tháng 11 năm 2025',
      'BÁO CÁO',
      'Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2025',
      'Ban hành kế hoạch cải cách hành chính năm',
      '2,88',
      '4,88',
      '61/75 điểm',
      '81,33%',
      'Không áp dụng: Đơn vị không có đơn vị trực thuộc',
      'Tiêu chí 1.2 (Kiểm tra công tác cải cách hành chính): ',
      '125/QĐ-STP',
      '15/03/2025',
      'Quyết định ban hành kế hoạch CCHC năm 2025',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('81.33');
    expect(xml).toContain('Times New Roman');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('says so when there is nothing not applicable and no evidence', async () => {
    const { text } = await documentText(await selfAssessmentDocx({ ...report, notApplicable: [], evidence: [], totals: { ...report.totals, index: null } }));
    expect(text).toContain('Không có tài liệu kiểm chứng.');
    expect(text).toContain('chưa xác định');
  });
});

describe('the place a report is dated from', () => {
  it('is the locality in the name of the authority at the root of the tree', () => {
    expect(placeOf('UBND tỉnh Lạng Sơn')).toBe('Lạng Sơn');
    expect(placeOf('Ủy ban nhân dân thành phố Hà Nội')).toBe('Hà Nội');
    expect(placeOf('UBND đặc khu Phú Quốc')).toBe('Phú Quốc');
    expect(placeOf(' Bộ Nội vụ ')).toBe('Bộ Nội vụ');
  });
});
