/**
 * The survey's files (issue 13 §6): the raw answers, one row per response (a sequence number, never
 * the stored id; the day only; rows in an order unrelated to time; no personal data, no link or
 * token), as CSV or XLSX streamed page by
 * page; and the aggregated counts (per question × choice, per unit) with the scores, as XLSX.
 * Readers: those who read all of the owner's survey results.
 */
import { PassThrough, Readable } from 'node:stream';
import { type SurveyChannel, type SurveyFlag, formatDayVn } from '@chiso/core';
import type { Executor } from '../../db/client';
import { RESPONSE_PAGE, rawExportOrder, responsesByIds } from '../../db/repositories/survey-results-repository';
import { loadExcel } from '../../files/lazy-modules';
import { contentTypes, escapeCsvCell, writeTable } from '../../files/tabular';
import { vnDate } from '../notifications/schedule';
import type { Actor } from '../actor';
import { aggregateAnswers, choiceRows, scoreViews } from './results';
import { questionnairesOf, questionnaireVersionsOf, surveyReadBy } from './survey-access';
import { unitsByIds } from '../../db/repositories/survey-results-repository';

export interface SurveyFile {
  fileName: string;
  contentType: string;
  body: Readable | Buffer;
}

const CHANNELS: Record<SurveyChannel, string> = { link: 'Đường dẫn', paper: 'Phiếu giấy', import: 'Nhập từ tệp' };
const FLAGS: Record<SurveyFlag, string> = { too_fast: 'Trả lời quá nhanh', straight_lining: 'Chọn một đáp án cho mọi câu', duplicate: 'Trùng phiếu khác' };
export const RAW_FIXED_HEADER = ['STT', 'Phiếu hỏi', 'Nhóm người trả lời', 'Mã đơn vị được đánh giá', 'Kênh', 'Ngày trả lời', 'Cờ chất lượng', 'Bị loại'];
/** Widths (characters) of the fixed columns in the XLSX: the group's label and the flags are long. */
const RAW_FIXED_WIDTHS = [7, 12, 34, 14, 13, 13, 28, 9];

type Cell = string | number | null;

/** The raw file's columns: the fixed ones, then each questionnaire's questions (named by code when several). */
async function rawColumns(db: Executor, surveyId: string) {
  const questionnaires = await questionnairesOf(db, surveyId);
  const versions = await questionnaireVersionsOf(db, surveyId);
  const column = new Map<string, number>();
  const numeric = new Set<string>();
  const header = [...RAW_FIXED_HEADER];
  const add = (questionnaireId: string, code: string, doc: { questions: readonly { name: string; type: string }[] }) => {
    for (const q of doc.questions) {
      const key = `${questionnaireId}\u0000${q.name}`;
      if (q.type === 'note' || column.has(key)) continue;
      column.set(key, header.length);
      if (q.type === 'integer' || q.type === 'decimal') numeric.add(key);
      header.push(questionnaires.length > 1 ? `${code}:${q.name}` : q.name);
    }
  };
  const byId = new Map(questionnaires.map((q) => [q.id, q]));
  for (const q of questionnaires) if (q.document) add(q.id, q.code, q.document);
  for (const [, v] of versions) add(v.questionnaireId, byId.get(v.questionnaireId)?.code ?? '', v.document);
  return { header, column, numeric, byId, versions };
}

/** Ids of each page of `order`. */
function* pagesOf(order: readonly number[]): Generator<number[]> {
  for (let at = 0; at < order.length; at += RESPONSE_PAGE) yield order.slice(at, at + RESPONSE_PAGE);
}

/**
 * The raw rows, one per response, read page by page, by questionnaire, rated unit, then an order
 * unrelated to time (rawExportOrder), numbered in that order: neither the number nor the place of a
 * row tells when it was sent (the day alone is shown, as the link keeps it).
 */
async function* rawRows(db: Executor, surveyId: string, columns: Awaited<ReturnType<typeof rawColumns>>, asNumbers: boolean): AsyncGenerator<Cell[]> {
  const units = new Map<string, { code: string }>();
  let sequence = 0;
  for (const ids of pagesOf(await rawExportOrder(db, surveyId))) {
    const page = await responsesByIds(db, surveyId, ids);
    const missing = [...new Set(page.map((r) => r.unitId))].filter((id) => !units.has(id));
    for (const [id, u] of await unitsByIds(db, missing)) units.set(id, u);
    for (const r of page) {
      const questionnaireId = columns.versions.get(r.versionId)?.questionnaireId ?? '';
      const q = columns.byId.get(questionnaireId);
      const row: Cell[] = new Array<Cell>(columns.header.length).fill(null);
      row.splice(0, RAW_FIXED_HEADER.length, ++sequence, q?.code ?? '', q?.respondentGroupLabel ?? '', units.get(r.unitId)?.code ?? '', CHANNELS[r.channel] ?? r.channel,
        formatDayVn(vnDate(r.submittedAt.getTime())), r.flags.map((f) => FLAGS[f] ?? f).join(', '), r.excluded ? 'Có' : 'Không');
      for (const [question, value] of Object.entries(r.answers)) {
        const key = `${questionnaireId}\u0000${question}`;
        const at = columns.column.get(key);
        if (at === undefined) continue;
        const n = Number(value);
        row[at] = asNumbers && columns.numeric.has(key) && String(n) === value ? n : value;
      }
      yield row;
    }
  }
}

const csvLine = (row: readonly Cell[]) => row.map((c) => {
  const s = escapeCsvCell(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}).join(',') + '\r\n';

async function* csvChunks(header: string[], rows: AsyncGenerator<Cell[]>): AsyncGenerator<string> {
  yield '\uFEFF' + csvLine(header);
  let chunk = '';
  for await (const row of rows) {
    chunk += csvLine(row);
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A streamed XLSX of one sheet: rows are written as they are read, never all held. */
async function xlsxStream(sheetName: string, header: string[], rows: AsyncGenerator<Cell[]>): Promise<Readable> {
  const Excel = await loadExcel();
  const out = new PassThrough();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'chiso';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({ header: h, width: RAW_FIXED_WIDTHS[i] ?? Math.max(8, Math.min(30, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    for await (const row of rows) sheet.addRow(row.map((c) => c ?? '')).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The raw answers as CSV or XLSX (streamed). */
export async function rawAnswersFile(db: Executor, actor: Actor, surveyId: string, format: 'csv' | 'xlsx'): Promise<SurveyFile> {
  await surveyReadBy(db, actor, surveyId);
  const columns = await rawColumns(db, surveyId);
  const fileName = `dieu-tra-phieu-tra-loi.${format}`;
  if (format === 'csv') {
    return { fileName, contentType: contentTypes.csv, body: Readable.from(csvChunks(columns.header, rawRows(db, surveyId, columns, false))) };
  }
  return { fileName, contentType: contentTypes.xlsx, body: await xlsxStream('Phiếu trả lời', columns.header, rawRows(db, surveyId, columns, true)) };
}

/** Counts per question × choice for each unit, and the scores: one XLSX (its size follows the questions and units, not the answers). */
export async function aggregatedFile(db: Executor, actor: Actor, surveyId: string): Promise<SurveyFile> {
  const survey = await surveyReadBy(db, actor, surveyId);
  const aggregates = await aggregateAnswers(db, surveyId);
  const unitIds = [...new Set(aggregates.flatMap((a) => [...a.responsesByUnit.keys()]))];
  const units = await unitsByIds(db, unitIds);
  const ordered = unitIds.sort((a, b) => (units.get(a)?.code ?? '').localeCompare(units.get(b)?.code ?? ''));
  const header = ['Phiếu hỏi', 'Nhóm người trả lời', 'Câu hỏi', 'Nội dung câu hỏi', 'Lựa chọn', 'Nội dung lựa chọn', 'Trọng số', ...ordered.map((id) => units.get(id)?.code ?? ''), 'Tổng'];
  const rows: Cell[][] = [];
  for (const a of aggregates) {
    const lead = [a.questionnaire.code, a.questionnaire.respondentGroupLabel];
    rows.push([...lead, '', 'Số phiếu hợp lệ', '', '', null, ...ordered.map((id) => a.responsesByUnit.get(id) ?? 0), a.responses]);
    for (const q of a.questions) {
      const choices = choiceRows(q, q.total);
      if (choices.length === 0) {
        rows.push([...lead, q.question.name, q.question.label, '', 'Số người trả lời', null, ...ordered.map((id) => q.byUnit.get(id)?.n ?? 0), q.total.n]);
        continue;
      }
      for (const c of choices) {
        rows.push([...lead, q.question.name, q.question.label, c.name, c.label, c.weight === null ? null : Number(c.weight),
          ...ordered.map((id) => q.byUnit.get(id)?.choices.get(c.name) ?? 0), c.count]);
      }
    }
  }
  const scores = await scoreViews(db, survey);
  const scoreRows = [
    ['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Nội dung tiêu chí', 'Điểm tối đa', 'Điểm', 'Điểm chính xác', 'Số người trả lời', 'Ít phiếu'],
    ...scores.map((s) => [s.unitCode, s.unitName, s.criterionCode, s.criterionName, Number(s.maxPoints), s.points === null ? '' : Number(s.points), s.exact ?? '', s.respondents, s.belowMinimum ? 'Có' : '']),
  ];
  const body = await writeTable('xlsx', header, rows, {
    // The respondent group and the question's text are long: wide enough to read, wrapped beyond.
    sheetName: 'Tổng hợp', widths: [11, 36, 22, 60, 10, 30, 10, ...ordered.map(() => 10), 10], wrapColumns: [1, 2, 3, 5],
    extraSheets: [{ name: 'Điểm', rows: scoreRows, widths: [14, 32, 10, 40, 12, 10, 14, 16, 10] }],
  });
  return { fileName: 'dieu-tra-tong-hop.xlsx', contentType: contentTypes.xlsx, body };
}
