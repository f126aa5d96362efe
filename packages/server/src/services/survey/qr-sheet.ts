/**
 * QR slips of single-use survey links (issue 13 §3), to print and cut at the counter: A4 pages of
 * eight slips (two across, four down, dashed cut lines), each with the survey's name, the rated
 * unit, the code, a short instruction in Vietnamese and the link written out for who cannot scan.
 */
import { renderPdf, type Content } from '../../documents/results-pdf';

export interface QrSlip {
  unitName: string;
  url: string;
}

/** The link as an SVG QR code (medium error correction: still reads when printed small or creased). */
export async function qrSvg(url: string): Promise<string> {
  // Imported on the first QR code, not when the server starts.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

const MM = 72 / 25.4;
const ACROSS = 2;
const DOWN = 4;
const QR_SIZE = 34 * MM;
const INSTRUCTION = 'Quét mã bằng camera điện thoại để trả lời phiếu khảo sát (không cần ghi tên, khoảng 5 phút). Mỗi mã chỉ trả lời được một lần.';

const cutLines = {
  hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999',
  hLineStyle: () => ({ dash: { length: 3, space: 3 } }), vLineStyle: () => ({ dash: { length: 3, space: 3 } }),
  paddingLeft: () => 8, paddingRight: () => 8, paddingTop: () => 6, paddingBottom: () => 6,
};

function slip(surveyName: string, s: QrSlip, svg: string): Content {
  return {
    stack: [
      { text: surveyName, bold: true, fontSize: 8.5, alignment: 'center' },
      { text: `Đơn vị được đánh giá: ${s.unitName}`, fontSize: 8.5, alignment: 'center', margin: [0, 2, 0, 3] },
      { svg, width: QR_SIZE, height: QR_SIZE, alignment: 'center' },
      { text: INSTRUCTION, fontSize: 7.5, alignment: 'center', margin: [0, 3, 0, 2] },
      { text: s.url, fontSize: 7, alignment: 'center', color: '#333333' },
    ],
  };
}

/** The slips as a PDF (A4 portrait); an empty list gives one page saying there is nothing to print. */
export async function qrSlipsPdf(surveyName: string, questionnaireTitle: string, slips: readonly QrSlip[]): Promise<Buffer> {
  const cells = await Promise.all(slips.map(async (s) => slip(surveyName, s, await qrSvg(s.url))));
  const body: Content[][] = [];
  for (let i = 0; i < cells.length; i += ACROSS) {
    const row = cells.slice(i, i + ACROSS);
    while (row.length < ACROSS) row.push({ text: '' });
    body.push(row);
  }
  const content: Content[] = body.length === 0
    ? [{ text: `${surveyName} — ${questionnaireTitle}: không có đường dẫn nào chưa dùng để in.`, margin: [0, 20, 0, 0] }]
    : [{ table: { widths: Array.from({ length: ACROSS }, () => '*'), heights: (842 - 24 * MM) / DOWN - 14, dontBreakRows: true, body }, layout: cutLines }];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [12 * MM, 12 * MM, 12 * MM, 12 * MM],
    info: { title: `Mã QR phiếu khảo sát — ${surveyName} — ${questionnaireTitle}`, creator: 'chiso', producer: 'chiso' },
    defaultStyle: { font: 'NotoSerif', fontSize: 9, lineHeight: 1.05 },
    content,
  });
}
