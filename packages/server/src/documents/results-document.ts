/**
 * The view model of the official documents of a published group (the appraisal report, the
 * publication decision as DOCX and PDF) and the wording they share. Pure: figures arrive as the
 * snapshot's exact decimal strings; summaries (averages, counts per class) are exact and rounded
 * only for display.
 */
import { compareRational, decimalAverage, decimalDifference, formatDecimalVi, formatPointsFigure, parseDecimal, rationalFromDecimal, rationalToFixedString } from '@chiso/core';
import type { OfficialDate, OfficialHeader } from './official-docx';

export interface ResultsDocumentField {
  key: string;
  code: string;
  name: string;
}

export interface ResultsDocumentRow {
  unitCode: string;
  unitName: string;
  /** Self-assessed total (sum of the leaves' self points); null when unknown. */
  selfTotal: string | null;
  achieved: string;
  bonus: string;
  applicableMax: string;
  /** At the framework's decimals ("81.30"). */
  index: string;
  rank: number;
  classLabel: string | null;
  /** Per field key: achieved points and the field's index. */
  fields: Record<string, { achieved: string; applicableMax: string; index: string | null }>;
}

/** Who issues the documents: the province's People's Committee, or a department for its own units. */
export interface ResultsAuthority {
  kind: 'province' | 'department';
  /** "Lạng Sơn" (the province, from the root unit's name). */
  province: string;
  /** The province's People's Committee as named at the root ("UBND tỉnh Lạng Sơn"). */
  provinceAuthority: string;
  /** The owning department ("Sở Tư pháp"); null for the province. */
  department: string | null;
}

export interface ResultsDocument {
  authority: ResultsAuthority;
  place: string;
  programName: string;
  year: number;
  cycleName: string;
  frameworkName: string;
  groupName: string;
  /** Publication number (1 = first, more = amendments) and its decision number when entered. */
  number: number;
  decisionNumber: string | null;
  /** When the snapshot was published (YYYY-MM-DD, Vietnam time). */
  publishedOn: string;
  /** The snapshot's index decimals (2, some provinces 3): averages are rounded to them. */
  indexDecimals: number;
  /** The framework's decimals of points (2 when it sets none): every figure of points shows at least these. */
  pointsDecimals: number;
  fields: ResultsDocumentField[];
  rows: ResultsDocumentRow[];
}

const exact = (value: string) => rationalFromDecimal(parseDecimal(value)!);

/** The mean of decimal strings, rounded half-up to the snapshot's index decimals; null for none. */
export const mean = (doc: ResultsDocument, values: readonly string[]): string | null => decimalAverage(values, doc.indexDecimals);

export { decimalDifference as difference };

/**
 * Points as the framework writes them: at least its points decimals, trailing zeros kept
 * ("83,50", "7,80"), never cut (an exact "84,125" stays); "" for none.
 */
export const pointsText = (doc: Pick<ResultsDocument, 'pointsDecimals'>, value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? '' : formatPointsFigure(exact(value), doc.pointsDecimals);

/** A difference of points with its sign ("+2,75", "-0,75"). */
export const signedPointsText = (doc: Pick<ResultsDocument, 'pointsDecimals'>, value: string): string => {
  const text = pointsText(doc, value);
  return text.startsWith('-') ? text : `+${text}`;
};

/** An index at the snapshot's index decimals, trailing zeros kept ("82,70"); "" for none. */
export const indexText = (doc: Pick<ResultsDocument, 'indexDecimals'>, value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? '' : formatDecimalVi(rationalToFixedString(exact(value), doc.indexDecimals));

/** Two digits as official texts count ("01 đơn vị", "12 đơn vị"). */
export const count2 = (n: number) => String(n).padStart(2, '0');

/** Units per class in the order the classes first appear from the top of the ranking. */
export function classCounts(doc: ResultsDocument): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of [...doc.rows].sort((a, b) => a.rank - b.rank)) {
    const label = r.classLabel ?? 'Chưa xếp loại';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count }));
}

/** "01 đơn vị xếp loại Tốt, 09 đơn vị xếp loại Khá". */
export const classSummary = (doc: ResultsDocument): string =>
  classCounts(doc).map((c) => `${count2(c.count)} đơn vị xếp loại ${c.label}`).join(', ');

/** Per field: the mean of the units' field indexes, lowest first. */
export function fieldAverages(doc: ResultsDocument): { field: ResultsDocumentField; average: string | null }[] {
  return doc.fields
    .map((field) => ({ field, average: mean(doc, doc.rows.map((r) => r.fields[field.key]?.index).filter((v): v is string => v !== null && v !== undefined)) }))
    .sort((a, b) => (a.average === null ? 1 : b.average === null ? -1 : compareRational(exact(a.average), exact(b.average))));
}

/** Rows by rank (then unit code). */
export const ranked = (doc: ResultsDocument) => [...doc.rows].sort((a, b) => a.rank - b.rank || a.unitCode.localeCompare(b.unitCode));

/** The documents' date: the decision's when its number is known, else blank day and month of the publication's year. */
export function documentDate(doc: ResultsDocument, filled: boolean): OfficialDate {
  const [y, m, d] = doc.publishedOn.split('-').map(Number) as [number, number, number];
  return filled ? { day: d, month: m, year: y } : { day: null, month: null, year: y };
}

/** "…/QĐ-UBND" with the number when entered, dots to fill in otherwise (and always in a draft). */
export function decisionNumberLine(doc: ResultsDocument, draft = false): string {
  if (doc.decisionNumber && !draft) return `Số: ${doc.decisionNumber}`;
  return `Số:        /QĐ-${doc.authority.kind === 'province' ? 'UBND' : abbreviation(doc.authority.department ?? '')}`;
}

/** "Sở Tư pháp" → "STP"; the initials of the words. */
export function abbreviation(name: string): string {
  return name
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/**
 * The header block of the decision. A draft (the Word file) leaves the number and the whole date
 * to fill in when it is signed; the issued decision carries the number entered at publication.
 */
export function decisionHeader(doc: ResultsDocument, draft = false): OfficialHeader {
  const a = doc.authority;
  const date = draft ? { day: null, month: null, year: null } : documentDate(doc, Boolean(doc.decisionNumber));
  const number = decisionNumberLine(doc, draft);
  return a.kind === 'province'
    ? { issuer: `Ủy ban nhân dân\ntỉnh ${a.province}`, number, place: doc.place, date }
    : { superior: a.provinceAuthority, issuer: a.department!, number, place: doc.place, date };
}

/** The header block of the appraisal report: the Sở Nội vụ for the province, the department itself otherwise. */
export function reportHeader(doc: ResultsDocument): OfficialHeader {
  const a = doc.authority;
  const issuer = a.kind === 'province' ? 'Sở Nội vụ' : a.department!;
  return { superior: a.provinceAuthority, issuer, number: `Số:        /BC-${abbreviation(issuer)}`, place: doc.place, date: documentDate(doc, false) };
}

/** Who decides: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" or "GIÁM ĐỐC SỞ TƯ PHÁP". */
export const decider = (doc: ResultsDocument) =>
  doc.authority.kind === 'province' ? `ỦY BAN NHÂN DÂN TỈNH ${doc.authority.province.toUpperCase()}` : `GIÁM ĐỐC ${doc.authority.department!.toUpperCase()}`;

/** The authority in running text: "Ủy ban nhân dân tỉnh Lạng Sơn" or "Sở Tư pháp". */
export const authorityName = (doc: ResultsDocument) => (doc.authority.kind === 'province' ? `Ủy ban nhân dân tỉnh ${doc.authority.province}` : doc.authority.department!);

/** The subject: "Chỉ số cải cách hành chính năm 2030 của các sở, ban, ngành". */
export const subject = (doc: ResultsDocument) => `${doc.programName} năm ${doc.year} của ${groupInText(doc)}`;

/** The group's name inside a sentence ("các sở, ban, ngành"). */
export const groupInText = (doc: ResultsDocument) => lowerFirst(doc.groupName);

/** "Các sở" → "các sở"; an acronym ("UBND …") stays. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The decision's signature lines. */
export const decisionSigner = (doc: Pick<ResultsDocument, 'authority'>): string[] =>
  doc.authority.kind === 'province' ? ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] : ['GIÁM ĐỐC'];

export const decisionRecipients = (doc: ResultsDocument): string[] =>
  doc.authority.kind === 'province'
    ? ['- Như Điều 3;', '- Bộ Nội vụ (b/c);', '- TT Tỉnh ủy, TT HĐND tỉnh (b/c);', '- Chủ tịch, các PCT UBND tỉnh;', '- Các đơn vị được đánh giá;', '- Cổng Thông tin điện tử tỉnh;', '- Lưu: VT, SNV.']
    : ['- Như Điều 3;', `- ${doc.authority.provinceAuthority} (b/c);`, '- Sở Nội vụ;', '- Các đơn vị được đánh giá;', '- Lưu: VT.'];

/** The decision's body, article by article (the same words in the DOCX and the PDF). */
export function decisionText(doc: ResultsDocument, draft = false) {
  const issued = Boolean(doc.decisionNumber) && !draft;
  const ref = issued ? `Quyết định số ${doc.decisionNumber}` : 'Quyết định này';
  return {
    title: 'QUYẾT ĐỊNH',
    about: `Về việc công bố ${subject(doc)}`,
    decider: decider(doc),
    bases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;',
      `Căn cứ ${doc.frameworkName};`,
      `Căn cứ kết quả thẩm định của Hội đồng thẩm định ${doc.programName} năm ${doc.year};`,
      doc.authority.kind === 'province' ? 'Theo đề nghị của Giám đốc Sở Nội vụ.' : 'Theo đề nghị của Hội đồng thẩm định.',
    ],
    articles: [
      {
        head: 'Điều 1.',
        text: `Công bố ${subject(doc)} (${doc.rows.length} đơn vị), cụ thể: ${classSummary(doc)} (chi tiết tại Phụ lục I và Phụ lục II kèm theo).`,
      },
      {
        head: 'Điều 2.',
        text: `Căn cứ kết quả ${doc.programName} năm ${doc.year} được công bố, các đơn vị rà soát những tiêu chí, tiêu chí thành phần bị mất điểm, xây dựng kế hoạch khắc phục tồn tại, hạn chế và nâng cao chất lượng công tác cải cách hành chính trong năm tiếp theo.`,
      },
      {
        head: 'Điều 3.',
        text:
          doc.authority.kind === 'province'
            ? `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, thủ trưởng các đơn vị được đánh giá và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.`
            : `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng ${doc.authority.department}, thủ trưởng các đơn vị được đánh giá và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.`,
      },
    ],
    appendixNote: `(Kèm theo ${ref}${issued ? ` ngày ${viDay(doc.publishedOn)}` : ''} của ${authorityName(doc)})`,
  };
}

const viDay = (iso: string) => iso.split('-').reverse().join('/');

/** Appendix I's columns and rows: rank per group with the index and class. */
export function rankingTable(doc: ResultsDocument): { headers: string[]; rows: string[][] } {
  return {
    headers: ['STT', 'Đơn vị', 'Điểm đạt được', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp hạng', 'Xếp loại'],
    rows: ranked(doc).map((r, i) => [String(i + 1), r.unitName, pointsText(doc, r.achieved), pointsText(doc, r.applicableMax), indexText(doc, r.index), String(r.rank), r.classLabel ?? '']),
  };
}

/** Appendix II's columns and rows: points per field per unit, the total last. */
export function fieldPointsTable(doc: ResultsDocument): { headers: string[]; rows: string[][] } {
  return {
    headers: ['STT', 'Đơn vị', ...doc.fields.map((f) => `${f.code}. ${f.name}`), 'Tổng điểm'],
    rows: ranked(doc).map((r, i) => [String(i + 1), r.unitName, ...doc.fields.map((f) => pointsText(doc, r.fields[f.key]?.achieved)), pointsText(doc, r.achieved)]),
  };
}
