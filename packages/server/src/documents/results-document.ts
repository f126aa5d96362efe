/**
 * The view model of the official documents of a published group (the appraisal report, the
 * publication decision as DOCX and PDF) and the wording they share. Pure: figures arrive as the
 * snapshot's exact decimal strings; summaries (averages, counts per class) are exact and rounded
 * only for display.
 */
import { compareRational, decimalAverage, decimalDifference, formatDayVn, formatDecimalVi, formatPointsFigure, parseDecimal, rationalFromDecimal, rationalToFixedString } from '@chiso/core';
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

/**
 * Who issues the documents: the cycle's owner. The province's People's Committee; a district's
 * People's Committee for its communes (before 2025); or a department for its own units. The
 * appraisal report is written by the owner's appraising body (see `appraiser`).
 */
export interface ResultsAuthority {
  kind: 'province' | 'district' | 'department';
  /** "Lạng Sơn" (the province's short name). */
  province: string;
  /** The province's People's Committee as named at the root ("UBND tỉnh Lạng Sơn"). */
  provinceAuthority: string;
  /** The owner as named in the unit tree: "UBND huyện Đình Lập", "Sở Y tế"; null for the province. */
  owner: string | null;
  /** The locality of the place-and-date line: the province's, or the district's ("Đình Lập"). */
  place: string;
  /**
   * The body that appraises and reports to the owner: the Sở Nội vụ for the province, the Phòng
   * Nội vụ for a district, the department's Văn phòng for a department.
   */
  appraiser: string;
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

/** A People's Committee (the province's or a district's) issues for the owner. */
const committee = (a: ResultsAuthority) => a.kind !== 'department';

/** "UBND huyện Đình Lập" → ["huyện", "Đình Lập"]: the level word and the locality. */
function levelOf(name: string): [string, string] {
  const match = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(name.normalize('NFC').trim());
  return match ? [match[1]!.toLowerCase(), match[2]!.trim()] : ['', name.trim()];
}

/** The issuing committee in full: "Ủy ban nhân dân huyện Đình Lập"; the department otherwise. */
function issuerName(a: ResultsAuthority): string {
  if (!committee(a)) return a.owner!;
  const [level, locality] = levelOf(a.kind === 'district' ? a.owner! : a.provinceAuthority);
  return level ? `Ủy ban nhân dân ${level} ${locality}` : a.kind === 'district' ? a.owner! : `Ủy ban nhân dân tỉnh ${a.province}`;
}

/** "…/QĐ-UBND" with the number when entered, dots to fill in otherwise (and always in a draft). */
export function decisionNumberLine(doc: ResultsDocument, draft = false): string {
  if (doc.decisionNumber && !draft) return `Số: ${doc.decisionNumber}`;
  return `Số:        /QĐ-${committee(doc.authority) ? 'UBND' : abbreviation(doc.authority.owner ?? '')}`;
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
 * The header block of the decision: a committee alone ("ỦY BAN NHÂN DÂN / HUYỆN ĐÌNH LẬP"), a
 * department under the province's committee. A draft (the Word file) leaves the number and the
 * whole date to fill in when it is signed; the issued decision carries the number entered at
 * publication.
 */
export function decisionHeader(doc: ResultsDocument, draft = false): OfficialHeader {
  const a = doc.authority;
  const date = draft ? { day: null, month: null, year: null } : documentDate(doc, Boolean(doc.decisionNumber));
  const number = decisionNumberLine(doc, draft);
  return committee(a)
    ? { issuer: issuerName(a).replace(/^Ủy ban nhân dân /u, 'Ủy ban nhân dân\n'), number, place: doc.place, date }
    : { superior: a.provinceAuthority, issuer: a.owner!, number, place: doc.place, date };
}

/** The appraising body's head ("Giám đốc Sở Nội vụ", "Trưởng phòng Nội vụ", "Chánh Văn phòng"). */
function appraiserHead(appraiser: string): { title: string; inText: string } {
  if (/^Sở\s/u.test(appraiser)) return { title: 'GIÁM ĐỐC', inText: `Giám đốc ${appraiser}` };
  if (/^Phòng\s/u.test(appraiser)) return { title: 'TRƯỞNG PHÒNG', inText: `Trưởng phòng ${appraiser.replace(/^Phòng\s+/u, '')}` };
  if (/^Văn phòng/u.test(appraiser)) return { title: 'CHÁNH VĂN PHÒNG', inText: `Chánh ${appraiser}` };
  return { title: 'THỦ TRƯỞNG', inText: `Thủ trưởng ${appraiser}` };
}

/**
 * The appraisal report: written by the appraising body under the owner (the Sở Nội vụ under the
 * province's committee, the Phòng Nội vụ under the district's, the department's Văn phòng under
 * the department), addressed to the owner, signed by the body's head.
 */
export function appraisalReport(doc: ResultsDocument): { header: OfficialHeader; issuer: string; addressee: string; signer: string[] } {
  const a = doc.authority;
  const issuer = a.appraiser;
  const superior = a.kind === 'province' ? a.provinceAuthority : a.owner!;
  return {
    header: { superior, issuer, number: `Số:        /BC-${abbreviation(issuer)}`, place: doc.place, date: documentDate(doc, false) },
    issuer,
    addressee: committee(a) ? issuerName(a) : `Giám đốc ${a.owner}`,
    signer: [appraiserHead(issuer).title],
  };
}

/** Who decides: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "ỦY BAN NHÂN DÂN HUYỆN ĐÌNH LẬP" or "GIÁM ĐỐC SỞ Y TẾ". */
export const decider = (doc: ResultsDocument) => (committee(doc.authority) ? issuerName(doc.authority) : `Giám đốc ${doc.authority.owner}`).toUpperCase();

/** The authority in running text: "Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân huyện Đình Lập" or "Sở Y tế". */
export const authorityName = (doc: ResultsDocument) => issuerName(doc.authority);

/** The subject: "Chỉ số cải cách hành chính năm 2030 của các sở, ban, ngành". */
export const subject = (doc: ResultsDocument) => `${doc.programName} năm ${doc.year} của ${groupInText(doc)}`;

/** The group's name inside a sentence ("các sở, ban, ngành"). */
export const groupInText = (doc: ResultsDocument) => lowerFirst(doc.groupName);

/** "Các sở" → "các sở"; an acronym ("UBND …") stays. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The decision's signature lines: a committee signs collectively, a department's director alone. */
export const decisionSigner = (doc: Pick<ResultsDocument, 'authority'>): string[] =>
  committee(doc.authority) ? ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] : ['GIÁM ĐỐC'];

/** "huyện" → "Huyện ủy", "thành phố" → "Thành ủy", "thị xã" → "Thị ủy". */
const partyCommittee = (level: string) => (level === 'thành phố' ? 'Thành ủy' : level === 'thị xã' ? 'Thị ủy' : `${level[0]!.toUpperCase()}${level.slice(1)} ủy`);

export function decisionRecipients(doc: ResultsDocument): string[] {
  const a = doc.authority;
  if (a.kind === 'province') {
    return ['- Như Điều 3;', '- Bộ Nội vụ (b/c);', '- TT Tỉnh ủy, TT HĐND tỉnh (b/c);', '- Chủ tịch, các PCT UBND tỉnh;', '- Các đơn vị được đánh giá;', '- Cổng Thông tin điện tử tỉnh;', '- Lưu: VT, SNV.'];
  }
  if (a.kind === 'district') {
    const [level] = levelOf(a.owner!);
    const word = level || 'huyện';
    return [
      '- Như Điều 3;',
      `- ${a.provinceAuthority} (b/c);`,
      '- Sở Nội vụ (b/c);',
      `- TT ${partyCommittee(word)}, TT HĐND ${word} (b/c);`,
      `- Chủ tịch, các PCT UBND ${word};`,
      '- Các đơn vị được đánh giá;',
      `- Lưu: VT, ${abbreviation(a.appraiser)}.`,
    ];
  }
  return ['- Như Điều 3;', `- ${a.provinceAuthority} (b/c);`, '- Sở Nội vụ;', '- Các đơn vị được đánh giá;', '- Lưu: VT.'];
}

/** The clause of Article 3 naming who carries the decision out. */
function executors(a: ResultsAuthority): string {
  const head = appraiserHead(a.appraiser).inText;
  if (a.kind === 'province') return `Chánh Văn phòng Ủy ban nhân dân tỉnh, ${head}`;
  if (a.kind === 'district') return `Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${levelOf(a.owner!)[0] || 'huyện'}, ${head}`;
  return `Chánh Văn phòng ${a.owner}`;
}

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
      `Theo đề nghị của ${appraiserHead(doc.authority.appraiser).inText}.`,
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
        text: `Quyết định này có hiệu lực kể từ ngày ký. ${executors(doc.authority)}, thủ trưởng các đơn vị được đánh giá và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.`,
      },
    ],
    appendixNote: `(Kèm theo ${ref}${issued ? ` ngày ${formatDayVn(doc.publishedOn)}` : ''} của ${authorityName(doc)})`,
  };
}


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
