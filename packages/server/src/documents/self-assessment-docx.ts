/**
 * Báo cáo tự đánh giá (self-assessment report) as a Word document, laid out as an official
 * document per Decree 30/2020/NĐ-CP: A4, Times New Roman, the issuing body and the national motto
 * side by side, place and date, the title, then the score table, totals and index, the criteria
 * declared not applicable, the evidence list, and the signature block.
 *
 * Pure: a plain view model in, a Buffer out. Figures arrive as plain decimal strings ("0.750",
 * "81.33") and are shown with a decimal comma ("0,75", "81,33").
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';

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

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 14 pt headings, 12 pt table text. */
const SIZE_BODY = 26;
const SIZE_HEAD = 28;
const SIZE_TABLE = 24;

/** "0.750" → "0,75"; "12.000" → "12"; "81.33" → "81,33". */
export function viNumber(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole},${trimmed}` : whole!;
}

/** "2025-03-15" → "15/03/2025". */
export function viDate(value: string | null | undefined): string {
  if (!value) return '';
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: options.size ?? SIZE_BODY,
    bold: options.bold,
    italics: options.italics,
    ...(options.underline ? { underline: {} } : {}),
  });

const para = (children: ParagraphChild[], options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: number } = {}) =>
  new Paragraph({
    children,
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: options.before ?? 0, after: options.after ?? 60 },
    ...(options.indent ? { indent: { firstLine: options.indent } } : {}),
  });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

function header(report: SelfAssessmentReport): Table {
  const left = [
    ...(report.superior ? [para([run(report.superior.toUpperCase(), { size: SIZE_BODY })], { align: AlignmentType.CENTER, after: 0 })] : []),
    para([run(report.unitName.toUpperCase(), { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('_______', { bold: true })], { align: AlignmentType.CENTER }),
  ];
  const right = [
    para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE_BODY - 1 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE_HEAD })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('_______________________', { bold: true })], { align: AlignmentType.CENTER, after: 120 }),
    para(
      [run(`${report.place}, ngày ${String(report.date.day).padStart(2, '0')} tháng ${String(report.date.month).padStart(2, '0')} năm ${report.date.year}`, { italics: true, size: SIZE_HEAD })],
      { align: AlignmentType.CENTER },
    ),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 40, type: WidthType.PERCENTAGE }, children: left, borders: noBorders }),
          new TableCell({ width: { size: 60, type: WidthType.PERCENTAGE }, children: right, borders: noBorders }),
        ],
      }),
    ],
  });
}

const cell = (text: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; width?: number; italics?: boolean } = {}) =>
  new TableCell({
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: text
      .split('\n')
      .map((line) => para([run(line, { bold: options.bold, italics: options.italics, size: SIZE_TABLE })], { align: options.align ?? AlignmentType.LEFT, after: 0 })),
  });

function scoreTable(report: SelfAssessmentReport): Table {
  const widths = [9, 41, 10, 10, 30];
  const head = new TableRow({
    tableHeader: true,
    children: ['Mã', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Giải trình'].map((t, i) =>
      cell(t, { bold: true, align: AlignmentType.CENTER, width: widths[i] }),
    ),
  });
  const body = report.rows.map((row) => {
    const bold = row.depth === 0;
    const self = row.notApplicableReason ? 'Không áp dụng' : viNumber(row.selfPoints);
    const note = row.notApplicableReason ? `Không áp dụng: ${row.notApplicableReason}` : (row.explanation ?? '');
    return new TableRow({
      children: [
        cell(row.code, { bold, width: widths[0] }),
        cell(row.name, { bold, width: widths[1] }),
        cell(viNumber(row.maxPoints), { bold, align: AlignmentType.CENTER, width: widths[2] }),
        cell(self, { bold, align: AlignmentType.CENTER, width: widths[3], italics: Boolean(row.notApplicableReason) }),
        cell(note, { width: widths[4] }),
      ],
    });
  });
  const total = new TableRow({
    children: [
      cell('', { width: widths[0] }),
      cell('TỔNG ĐIỂM (các tiêu chí áp dụng)', { bold: true, width: widths[1] }),
      cell(viNumber(report.totals.applicableMax), { bold: true, align: AlignmentType.CENTER, width: widths[2] }),
      cell(viNumber(report.totals.achieved), { bold: true, align: AlignmentType.CENTER, width: widths[3] }),
      cell('', { width: widths[4] }),
    ],
  });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED, rows: [head, ...body, total] });
}

function evidenceTable(report: SelfAssessmentReport): Table {
  const widths = [6, 18, 12, 20, 30, 14];
  const head = new TableRow({
    tableHeader: true,
    children: ['STT', 'Số, ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Trích yếu nội dung', 'Tiêu chí'].map((t, i) =>
      cell(t, { bold: true, align: AlignmentType.CENTER, width: widths[i] }),
    ),
  });
  const rows = report.evidence.map(
    (e, i) =>
      new TableRow({
        children: [
          cell(String(i + 1), { align: AlignmentType.CENTER, width: widths[0] }),
          cell(e.documentNumber ?? '', { width: widths[1] }),
          cell(viDate(e.documentDate), { align: AlignmentType.CENTER, width: widths[2] }),
          cell(e.issuer ?? '', { width: widths[3] }),
          cell(e.title ?? e.fileName, { width: widths[4] }),
          cell(e.criteria.join(', '), { width: widths[5] }),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED, rows: [head, ...rows] });
}

const heading = (text: string) => para([run(text, { bold: true, size: SIZE_HEAD })], { before: 240, after: 120, align: AlignmentType.LEFT });

/** The document as a Buffer (.docx). */
export async function selfAssessmentDocx(report: SelfAssessmentReport): Promise<Buffer> {
  const index = report.totals.index === null ? 'chưa xác định' : viNumber(report.totals.index);
  const children = [
    header(report),
    para([run('BÁO CÁO', { bold: true, size: SIZE_HEAD })], { align: AlignmentType.CENTER, before: 360, after: 0 }),
    para([run(`Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${report.year}`, { bold: true, size: SIZE_HEAD })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('_______________', { bold: true })], { align: AlignmentType.CENTER, after: 240 }),
    para([run(`Thực hiện ${report.cycleName} theo ${report.frameworkName}, ${report.unitName} báo cáo kết quả tự đánh giá, chấm điểm như sau:`)], { indent: 567 }),
    heading('I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM'),
    scoreTable(report),
    para([run(`Tổng điểm tự đánh giá: `), run(`${viNumber(report.totals.achieved)}/${viNumber(report.totals.applicableMax)} điểm`, { bold: true }), run('; Chỉ số tự đánh giá: '), run(`${index}%`, { bold: true }), run('.')], {
      before: 120,
      indent: 567,
    }),
    heading('II. TIÊU CHÍ KHÔNG ÁP DỤNG'),
    ...(report.notApplicable.length === 0
      ? [para([run('Không có.')], { indent: 567 })]
      : report.notApplicable.map((n) => para([run(`- Tiêu chí ${n.code} (${n.name}): `, { bold: true }), run(n.reason)], { indent: 567 }))),
    heading('III. DANH MỤC TÀI LIỆU KIỂM CHỨNG'),
    ...(report.evidence.length === 0 ? [para([run('Không có tài liệu kiểm chứng.')], { indent: 567 })] : [evidenceTable(report)]),
    para([run(`${report.unitName} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${report.year}./.`)], { before: 240, indent: 567 }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              borders: noBorders,
              children: [
                para([run('Nơi nhận:', { bold: true, italics: true, size: SIZE_TABLE })], { align: AlignmentType.LEFT, after: 0 }),
                para([run('- Sở Nội vụ;', { size: 22 })], { align: AlignmentType.LEFT, after: 0 }),
                para([run('- Lưu: VT.', { size: 22 })], { align: AlignmentType.LEFT, after: 0 }),
              ],
            }),
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              borders: noBorders,
              children: [
                para([run(report.signerTitle ?? 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true })], { align: AlignmentType.CENTER, after: 1200 }),
                para([run(report.signerName ?? '', { bold: true })], { align: AlignmentType.CENTER }),
              ],
            }),
          ],
        }),
      ],
    }),
  ];
  const document = new Document({
    creator: 'chiso',
    title: `Báo cáo tự đánh giá ${report.year} — ${report.unitName}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 in twentieths of a point; margins per Decree 30/2020 (top 20 mm, bottom 20 mm, left 30 mm, right 15 mm).
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
