/**
 * The parts every official Word document shares, laid out per Decree 30/2020/NĐ-CP (Phụ lục I):
 * A4, Times New Roman 13–14 pt, margins top/bottom 20 mm, left 30 mm, right 15 mm; the header block
 * with the issuing body (and the body above it) and the document's number on the left, the national
 * motto and the place-and-date line on the right; the recipients bottom-left and the signature
 * block bottom-right. Used by the self-assessment report and the documents of published results.
 * docx is imported on first use: the entry points of those documents await `loadDocx()` first.
 */
import type { AlignmentType, Paragraph, Table, TableRow, ISectionOptions, ParagraphChild } from 'docx';
import { docx } from '../files/lazy-modules';
import { formatDecimalVi } from '@chiso/core';

export const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 14 pt headings, 12 pt table text, 11 pt recipients. */
export const SIZE_BODY = 26;
export const SIZE_HEAD = 28;
export const SIZE_TABLE = 24;
export const SIZE_SMALL = 22;
/** A first-line indent of 1 cm (twips). */
export const INDENT = 567;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** "0.750" → "0,75"; "12.000" → "12"; "81.33" → "81,33". */
export const viNumber = (value: string | null | undefined): string => (value ? formatDecimalVi(value, { trimZeros: true }) : '');

/** A published figure at its decimals, with a decimal comma: "81.30" → "81,30" (trailing zeros kept). */
export const viFixed = (value: string | null | undefined): string => (value ? formatDecimalVi(value) : '');

/** "2025-03-15" → "15/03/2025". */
export function viDate(value: string | null | undefined): string {
  if (!value) return '';
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

/** A document's date; null parts leave blanks to fill in when it is signed (a draft: the year too). */
export interface OfficialDate {
  day: number | null;
  month: number | null;
  year: number | null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "Lạng Sơn, ngày 05 tháng 11 năm 2025" (blanks for a date not known yet: "năm 20…" for the year). */
export function dateLine(place: string, date: OfficialDate): string {
  const day = date.day === null ? '     ' : two(date.day);
  const month = date.month === null ? '     ' : two(date.month);
  return `${place}, ngày ${day} tháng ${month} năm ${date.year ?? '20…'}`;
}

export const run = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new docx.TextRun({
    text,
    font: FONT,
    size: options.size ?? SIZE_BODY,
    bold: options.bold,
    italics: options.italics,
    ...(options.underline ? { underline: {} } : {}),
  });

export const para = (children: ParagraphChild[], options: { align?: Align; before?: number; after?: number; indent?: number; keepNext?: boolean; pageBreakBefore?: boolean } = {}) =>
  new docx.Paragraph({
    children,
    alignment: options.align ?? docx.AlignmentType.JUSTIFIED,
    spacing: { before: options.before ?? 0, after: options.after ?? 60 },
    ...(options.indent ? { indent: { firstLine: options.indent } } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
  });

/** A centred line of text. */
export const centred = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; before?: number; after?: number } = {}) =>
  para([run(text, options)], { align: docx.AlignmentType.CENTER, before: options.before, after: options.after ?? 0 });

/** A body paragraph, justified with a first-line indent. */
export const bodyText = (children: ParagraphChild[] | string, options: { before?: number; after?: number } = {}) =>
  para(typeof children === 'string' ? [run(children)] : children, { indent: INDENT, before: options.before, after: options.after ?? 100 });

/** A short rule under a title or a heading line (Decree 30 draws a line one third to one half as wide). */
export const rule = (width: number, after = 0) => centred('_'.repeat(width), { bold: true, after });

export const heading = (text: string) => para([run(text, { bold: true, size: SIZE_BODY })], { before: 120, after: 80, align: docx.AlignmentType.LEFT, keepNext: true, indent: INDENT });

const none = { style: 'none' as const, size: 0, color: 'FFFFFF' };
export const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

/** Two borderless columns side by side (header block, recipients and signature). */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  return new docx.Table({
    width: { size: 100, type: docx.WidthType.PERCENTAGE },
    borders: noBorders,
    layout: docx.TableLayoutType.FIXED,
    rows: [
      new docx.TableRow({
        cantSplit: true,
        children: [
          new docx.TableCell({ width: { size: leftPercent, type: docx.WidthType.PERCENTAGE }, children: left, borders: noBorders }),
          new docx.TableCell({ width: { size: 100 - leftPercent, type: docx.WidthType.PERCENTAGE }, children: right, borders: noBorders }),
        ],
      }),
    ],
  });
}

export interface OfficialHeader {
  /** The body above the issuer, e.g. "UBND tỉnh Lạng Sơn" (written in capitals, not bold). */
  superior?: string | null;
  /** The issuing body, e.g. "Sở Nội vụ" or "Ủy ban nhân dân\ntỉnh Lạng Sơn" (capitals, bold; a newline breaks it). */
  issuer: string;
  /** "Số: 45/QĐ-UBND"; omitted: no number line. */
  number?: string | null;
  place: string;
  date: OfficialDate;
}

/** The header block: issuing body and number on the left, national motto and place-and-date on the right. */
export function officialHeader(h: OfficialHeader): Table {
  const left = [
    ...(h.superior ? [centred(h.superior.toUpperCase(), { size: SIZE_BODY })] : []),
    ...h.issuer.split('\n').map((line) => centred(line.toUpperCase(), { bold: true })),
    rule(10, 120),
    ...(h.number ? [centred(h.number, { size: SIZE_BODY })] : []),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SIZE_TABLE }),
    centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: SIZE_HEAD }),
    rule(22, 120),
    centred(dateLine(h.place, h.date), { italics: true, size: SIZE_HEAD }),
  ];
  return twoColumns(left, right, 40);
}

export interface SignatureBlock {
  /** The recipients ("Nơi nhận:"), each written as "- …;". */
  recipients: string[];
  /** Authority and title lines, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  signer: string[];
  /** Null: left blank for signing. */
  signerName?: string | null;
}

/** Recipients bottom-left and the signature block bottom-right (name left blank when not known). */
export function signatureBlock(s: SignatureBlock): Table {
  const left = [
    para([run('Nơi nhận:', { bold: true, italics: true, size: SIZE_TABLE })], { align: docx.AlignmentType.LEFT, after: 0 }),
    ...s.recipients.map((r) => para([run(r, { size: SIZE_SMALL })], { align: docx.AlignmentType.LEFT, after: 0 })),
  ];
  const right = [
    ...s.signer.map((line) => centred(line, { bold: true })),
    centred('', { after: 1500 }),
    centred(s.signerName ?? '', { bold: true }),
  ];
  return twoColumns(left, right, 50);
}

/** A bordered table cell (figures centred, text left). */
export const cell = (text: string, options: { bold?: boolean; italics?: boolean; align?: Align; width?: number; size?: number; shade?: boolean; span?: number } = {}) =>
  new docx.TableCell({
    ...(options.width ? { width: { size: options.width, type: docx.WidthType.PERCENTAGE } } : {}),
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.shade ? { shading: { fill: 'F2F2F2' } } : {}),
    verticalAlign: docx.VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: text
      .split('\n')
      .map((line) => para([run(line, { bold: options.bold, italics: options.italics, size: options.size ?? SIZE_TABLE })], { align: options.align ?? docx.AlignmentType.LEFT, after: 0 })),
  });

/** A bordered table with a header row repeated on every page. */
export function gridTable(headers: string[], widths: number[], rows: TableRow[], size = SIZE_TABLE): Table {
  const head = new docx.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((t, i) => cell(t, { bold: true, align: docx.AlignmentType.CENTER, width: widths[i], size, shade: true })),
  });
  return new docx.Table({ width: { size: 100, type: docx.WidthType.PERCENTAGE }, layout: docx.TableLayoutType.FIXED, rows: [head, ...rows] });
}

/**
 * A4 page properties: portrait with the Decree's margins (top/bottom 20 mm, left 30 mm, right 15 mm),
 * or landscape (for a wide appendix) with the binding margin on top.
 */
export function officialPage(orientation: 'portrait' | 'landscape' = 'portrait'): NonNullable<ISectionOptions['properties']> {
  return orientation === 'portrait'
    ? { page: { size: { width: 11906, height: 16838, orientation: docx.PageOrientation.PORTRAIT }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }
    : // docx swaps width and height itself for a landscape section.
      { page: { size: { width: 11906, height: 16838, orientation: docx.PageOrientation.LANDSCAPE }, margin: { top: 1701, bottom: 850, left: 1134, right: 1134 } } };
}

/** The document defaults: Times New Roman 13 pt everywhere. */
export const officialStyles = { default: { document: { run: { font: FONT, size: SIZE_BODY } } } };
