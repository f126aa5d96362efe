/**
 * Báo cáo tự đánh giá (self-assessment report) as a Word document, laid out as an official
 * document per Decree 30/2020/NĐ-CP: A4, Times New Roman, the issuing body and the national motto
 * side by side, place and date, the title, then the score table, totals and index, the criteria
 * declared not applicable, the evidence list, and the signature block.
 *
 * Pure: a plain view model in, a Buffer out. Figures arrive as plain decimal strings ("0.750",
 * "81.33") and are shown with a decimal comma ("0,75", "81,33").
 */
import type { Table } from 'docx';
import { docx, loadDocx } from '../files/lazy-modules';
import {
  INDENT,
  SIZE_HEAD,
  bodyText,
  cell,
  centred,
  gridTable,
  officialHeader,
  officialPage,
  officialStyles,
  para,
  rule,
  run,
  signatureBlock,
  viDate,
  viNumber,
} from './official-docx';

export { viDate, viNumber };

export interface ReportRow {
  code: string;
  name: string;
  /** 0 for fields (lĩnh vực), deeper for sub-criteria. */
  depth: number;
  leaf: boolean;
  maxPoints: string;
  /** Null: not scored yet. */
  selfPoints: string | null;
  explanation?: string | null;
  /** Set when the unit declared the criterion not applicable (or it does not apply). */
  notApplicableReason?: string | null;
}

export interface ReportEvidence {
  documentNumber: string | null;
  /** YYYY-MM-DD. */
  documentDate: string | null;
  issuer: string | null;
  title: string | null;
  fileName: string;
  /** Codes of the criteria it backs. */
  criteria: string[];
}

export interface SelfAssessmentReport {
  /** The body above the unit, e.g. "UBND TỈNH LẠNG SƠN". */
  superior?: string | null;
  unitName: string;
  /** e.g. "Lạng Sơn". */
  place: string;
  /** The report's date (shown as "ngày … tháng … năm …"). */
  date: { day: number; month: number; year: number };
  year: number;
  cycleName: string;
  frameworkName: string;
  rows: ReportRow[];
  totals: { achieved: string; applicableMax: string; index: string | null };
  notApplicable: { code: string; name: string; reason: string }[];
  evidence: ReportEvidence[];
  /** e.g. "THỦ TRƯỞNG ĐƠN VỊ". */
  signerTitle?: string;
  signerName?: string | null;
}

function scoreTable(report: SelfAssessmentReport): Table {
  const widths = [9, 41, 10, 10, 30];
  const body = report.rows.map((row) => {
    const bold = row.depth === 0;
    const self = row.notApplicableReason ? 'Không áp dụng' : viNumber(row.selfPoints);
    const note = row.notApplicableReason ? `Không áp dụng: ${row.notApplicableReason}` : (row.explanation ?? '');
    return new docx.TableRow({
      children: [
        cell(row.code, { bold, width: widths[0] }),
        cell(row.name, { bold, width: widths[1] }),
        cell(viNumber(row.maxPoints), { bold, align: docx.AlignmentType.CENTER, width: widths[2] }),
        cell(self, { bold, align: docx.AlignmentType.CENTER, width: widths[3], italics: Boolean(row.notApplicableReason) }),
        cell(note, { width: widths[4] }),
      ],
    });
  });
  const total = new docx.TableRow({
    children: [
      cell('', { width: widths[0] }),
      cell('TỔNG ĐIỂM (các tiêu chí áp dụng)', { bold: true, width: widths[1] }),
      cell(viNumber(report.totals.applicableMax), { bold: true, align: docx.AlignmentType.CENTER, width: widths[2] }),
      cell(viNumber(report.totals.achieved), { bold: true, align: docx.AlignmentType.CENTER, width: widths[3] }),
      cell('', { width: widths[4] }),
    ],
  });
  return gridTable(['Mã', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Giải trình'], widths, [...body, total]);
}

function evidenceTable(report: SelfAssessmentReport): Table {
  const widths = [6, 18, 12, 20, 30, 14];
  const rows = report.evidence.map(
    (e, i) =>
      new docx.TableRow({
        children: [
          cell(String(i + 1), { align: docx.AlignmentType.CENTER, width: widths[0] }),
          cell(e.documentNumber ?? '', { width: widths[1] }),
          cell(viDate(e.documentDate), { align: docx.AlignmentType.CENTER, width: widths[2] }),
          cell(e.issuer ?? '', { width: widths[3] }),
          cell(e.title ?? e.fileName, { width: widths[4] }),
          cell(e.criteria.join(', '), { width: widths[5] }),
        ],
      }),
  );
  return gridTable(['STT', 'Số, ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Trích yếu nội dung', 'Tiêu chí'], widths, rows);
}

const heading = (text: string) => para([run(text, { bold: true, size: SIZE_HEAD })], { before: 240, after: 120, align: docx.AlignmentType.LEFT });


/** The document as a Buffer (.docx). */
export async function selfAssessmentDocx(report: SelfAssessmentReport): Promise<Buffer> {
  await loadDocx();
  const index = report.totals.index === null ? 'chưa xác định' : viNumber(report.totals.index);
  const children = [
    officialHeader({ superior: report.superior, issuer: report.unitName, place: report.place, date: report.date }),
    centred('BÁO CÁO', { bold: true, size: SIZE_HEAD, before: 360 }),
    centred(`Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${report.year}`, { bold: true, size: SIZE_HEAD }),
    rule(15, 240),
    bodyText(`Thực hiện ${report.cycleName} theo ${report.frameworkName}, ${report.unitName} báo cáo kết quả tự đánh giá, chấm điểm như sau:`),
    heading('I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM'),
    scoreTable(report),
    para([run(`Tổng điểm tự đánh giá: `), run(`${viNumber(report.totals.achieved)}/${viNumber(report.totals.applicableMax)} điểm`, { bold: true }), run('; Chỉ số tự đánh giá: '), run(`${index}%`, { bold: true }), run('.')], {
      before: 120,
      indent: INDENT,
    }),
    heading('II. TIÊU CHÍ KHÔNG ÁP DỤNG'),
    ...(report.notApplicable.length === 0
      ? [para([run('Không có.')], { indent: INDENT })]
      : report.notApplicable.map((n) => para([run(`- Tiêu chí ${n.code} (${n.name}): `, { bold: true }), run(n.reason)], { indent: INDENT }))),
    heading('III. DANH MỤC TÀI LIỆU KIỂM CHỨNG'),
    ...(report.evidence.length === 0 ? [para([run('Không có tài liệu kiểm chứng.')], { indent: INDENT })] : [evidenceTable(report)]),
    para([run(`${report.unitName} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${report.year}./.`)], { before: 240, indent: INDENT }),
    signatureBlock({ recipients: ['- Sở Nội vụ;', '- Lưu: VT.'], signer: [report.signerTitle ?? 'THỦ TRƯỞNG ĐƠN VỊ'], signerName: report.signerName }),
  ];
  const document = new docx.Document({
    creator: 'chiso',
    title: `Báo cáo tự đánh giá ${report.year} — ${report.unitName}`,
    styles: officialStyles,
    sections: [{ properties: officialPage(), children }],
  });
  return docx.Packer.toBuffer(document);
}
