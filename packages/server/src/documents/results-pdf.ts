/**
 * The publication decision (Quyết định công bố) as PDF, drawn with pdfmake in the layout of the
 * Word version (results-docx.ts): the same header block, words, appendices and signature. The
 * font is Noto Serif, shipped through npm (@expo-google-fonts/noto-serif) and embedded (subset) in
 * the file: it has every Vietnamese glyph (ế ư ơ ệ ạ ỹ) and a Times-like serif look, and nothing
 * depends on the fonts of the machine. pdfmake may read only those font files: no other local file
 * and no URL.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { dateLine, type OfficialHeader } from './official-docx';
import { decisionHeader, decisionRecipients, decisionSigner, decisionText, fieldPointsTable, rankingTable, type ResultsDocument } from './results-document';

/**
 * The little of pdfmake's API used here (its DefinitelyTyped types pull in the DOM library, which
 * would change Node's types for the whole server). A document definition is plain data.
 */
export type Content = string | Record<string, unknown> | Content[];
type ContentTable = { table: Record<string, unknown>; layout?: unknown };
export type TDocumentDefinitions = Record<string, unknown> & { content: Content[] };
interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
const pdfMake = require('pdfmake') as PdfMake;

const fontDir = dirname(require.resolve('@expo-google-fonts/noto-serif/package.json'));
const fontFile = (style: string) => join(fontDir, style, `NotoSerif_${style}.ttf`);
const FONT_FILES = {
  normal: fontFile('400Regular'),
  bold: fontFile('700Bold'),
  italics: fontFile('400Regular_Italic'),
  bolditalics: fontFile('700Bold_Italic'),
};
const allowed = new Set(Object.values(FONT_FILES));

/** Points per millimetre. */
const MM = 72 / 25.4;
/** Noto Serif is wider than Times New Roman: 12 pt here sets about as much per line as 13 pt there. */
const BODY = 12;
const SMALL = 10;
/** Appendix II has a column per field. */
const NARROW = 9;
const TABLE = 10.5;

function configure(): void {
  pdfMake.setFonts({ NotoSerif: FONT_FILES });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => allowed.has(path));
}

/** Any chiso PDF (the decision, the survey's QR slips): pdfmake with Noto Serif as `NotoSerif`, no other file or URL. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfMake.createPdf(definition).getBuffer();
}

const noLines = { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0 };
const grid = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2, fillColor: (row: number) => (row === 0 ? '#F2F2F2' : null) };

const centre = (text: string, style: { bold?: boolean; italics?: boolean; fontSize?: number; margin?: [number, number, number, number] } = {}): Content => ({ text, alignment: 'center', ...style });
/** A short rule under a line of the header or the title. */
const rule = (width: number, after = 0): Content => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin: [0, 1, 0, after] });

function header(h: OfficialHeader): Content {
  return {
    table: {
      widths: ['40%', '60%'],
      body: [
        [
          {
            stack: [
              ...(h.superior ? [centre(h.superior.toUpperCase())] : []),
              ...h.issuer.split('\n').map((l) => centre(l.toUpperCase(), { bold: true })),
              rule(60, 6),
              ...(h.number ? [centre(h.number)] : []),
            ],
          },
          {
            stack: [
              centre('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, fontSize: 11 }),
              centre('Độc lập - Tự do - Hạnh phúc', { bold: true, fontSize: 12.5 }),
              rule(150, 6),
              centre(dateLine(h.place, h.date), { italics: true }),
            ],
          },
        ],
      ],
    },
    layout: noLines,
  };
}

function gridTable(headers: string[], widths: (number | string)[], rows: string[][], textColumns: readonly number[], fontSize: number): ContentTable {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [
        headers.map((h) => ({ text: h, bold: true, alignment: 'center' as const, fontSize, lineHeight: 1 })),
        ...rows.map((r) => r.map((text, i) => ({ text, alignment: textColumns.includes(i) ? ('left' as const) : ('center' as const), fontSize, lineHeight: 1 }))),
      ],
    },
    layout: grid,
  };
}

/** The decision as PDF (A4; Appendix II on a landscape page). */
export async function publicationDecisionPdf(doc: ResultsDocument): Promise<Buffer> {
  const text = decisionText(doc);
  const ranking = rankingTable(doc);
  const perField = fieldPointsTable(doc);
  const appendixTitle = (label: string, title: string, pageOrientation: 'portrait' | 'landscape'): Content[] => [
    { ...(centre(label, { bold: true }) as object), pageBreak: 'before', pageOrientation } as Content,
    centre(title, { bold: true }),
    centre(text.appendixNote, { italics: true }),
    rule(90, 10),
  ];
  const signature: Content = {
    table: {
      widths: ['50%', '50%'],
      dontBreakRows: true,
      body: [
        [
          { stack: [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: SMALL + 1 }, ...decisionRecipients(doc).map((r) => ({ text: r, fontSize: SMALL }))] },
          { stack: [...decisionSigner(doc).map((l) => centre(l, { bold: true })), { text: ' ', margin: [0, 0, 0, 60] }] },
        ],
      ],
    },
    layout: noLines,
    margin: [0, 8, 0, 0],
  };
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [30 * MM, 20 * MM, 15 * MM, 20 * MM],
    info: { title: `Quyết định công bố ${doc.programName} năm ${doc.year} — ${doc.groupName}`, creator: 'chiso', producer: 'chiso' },
    defaultStyle: { font: 'NotoSerif', fontSize: BODY, lineHeight: 1.1 },
    content: [
      header(decisionHeader(doc)),
      centre(text.title, { bold: true, fontSize: 13, margin: [0, 12, 0, 0] }),
      centre(text.about, { bold: true, fontSize: 13 }),
      rule(110, 12),
      centre(text.decider, { bold: true, fontSize: 13, margin: [0, 0, 0, 10] }),
      ...text.bases.map((b): Content => ({ text: b, italics: true, alignment: 'justify', leadingIndent: 1 * 28.35, margin: [0, 0, 0, 2] })),
      centre('QUYẾT ĐỊNH:', { bold: true, fontSize: 13, margin: [0, 10, 0, 10] }),
      ...text.articles.map((a): Content => ({ text: [{ text: `${a.head} `, bold: true }, a.text], alignment: 'justify', leadingIndent: 1 * 28.35, margin: [0, 0, 0, 5] })),
      signature,
      ...appendixTitle('Phụ lục I', `${doc.programName.toUpperCase()} NĂM ${doc.year} CỦA ${doc.groupName.toUpperCase()}`, 'portrait'),
      gridTable(ranking.headers, [24, '*', 50, 46, 46, 42, 56], ranking.rows, [1], TABLE),
      ...appendixTitle('Phụ lục II', `ĐIỂM ĐẠT ĐƯỢC THEO TỪNG LĨNH VỰC NĂM ${doc.year} CỦA ${doc.groupName.toUpperCase()}`, 'landscape'),
      gridTable(perField.headers, [22, 150, ...doc.fields.map(() => '*'), 44], perField.rows, [1], NARROW),
    ],
  };
  return renderPdf(definition);
}
