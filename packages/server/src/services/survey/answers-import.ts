/**
 * Importing answers from a CSV or XLSX file (issue 13 §3), in the wide layout of the answers
 * template: `Mã phiếu` (the row's key), `Mã đơn vị` (the rated unit's code), then one column per
 * question name. A row whose `Mã phiếu` starts with `#` is a comment (the template's row 2 holds
 * the questions' labels there).
 *
 * Streamed and all or nothing: the file is read row by row (answers-rows.ts) and every row is
 * checked; rows are inserted in chunks inside ONE transaction while no error has been seen; after
 * the last row, any error rolls everything back (up to 200 errors listed with line and column, the
 * rest counted), else the import is recorded and the survey rescored in that same transaction.
 * A dry run checks the same way and saves nothing.
 */
import { checkResponse, responseFlags } from '@chiso/core';
import type { ImportedAnswers, ImportProgress, SurveyImportList } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { ratedUnitsByCode, unitCodeExists } from '../../db/repositories/survey-paper-repository';
import { holdSurveyWriterLock } from '../../db/repositories/survey-repository';
import {
  existingClientKeys, insertSurveyImportRow, insertSurveyResponses, listSurveyImportRows, RESPONSE_CHUNK, setSurveyImportCounts,
  type NewSurveyResponse } from '../../db/repositories/survey-response-repository';
import type { TabularFormat } from '../../files/tabular';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { AppError, type ErrorDetail } from '../errors';
import { fileRows, UnreadableFile, type FileRow } from './answers-rows';
import { assertCollecting, entryQuestionnaire, type EntryQuestionnaire } from './paper-entry';
import { rescoreSurvey } from './scoring';
import { surveyManagedBy } from './survey-access';

export const KEY_COLUMN = 'Mã phiếu';
export const UNIT_COLUMN = 'Mã đơn vị';
const keyAliases = ['mã phiếu', 'ma phieu', 'ma_phieu'];
const unitAliases = ['mã đơn vị', 'ma don vi', 'ma_don_vi'];

/** Errors listed in the 422; the others are counted. */
export const MAX_LISTED_ERRORS = 200;
const MAX_KEY_LENGTH = 100;

export interface AnswersImportInput {
  surveyId: string;
  questionnaireId: string;
  /** The uploaded file, spooled to disk. */
  path: string;
  format: TabularFormat;
  fileName: string;
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

/** The import's client key of a row: row keys are unique per questionnaire. */
export const importClientKey = (questionnaireId: string, rowKey: string) => `${questionnaireId}:${rowKey}`;

export async function importAnswers(db: Database, actor: Actor, input: AnswersImportInput): Promise<ImportedAnswers> {
  if (input.dryRun) {
    const survey = await surveyManagedBy(db, actor, input.surveyId);
    assertCollecting(survey);
    const q = await entryQuestionnaire(db, input.surveyId, input.questionnaireId);
    const read = await readAndCheck(db, survey.cycleId, q, input, null);
    return { dryRun: true, fileName: input.fileName, ...read, importId: null, rescored: null };
  }
  return db.transaction(async (tx) => {
    // Two imports of one survey run one after the other (row keys stay unique): the survey's writer
    // lock, not its row — the row is only held for share, so public sends and paper forms go on
    // during a long import; the rescore at the end takes the row for update.
    await holdSurveyWriterLock(tx, input.surveyId);
    const survey = await surveyManagedBy(tx, actor, input.surveyId, { forShare: true });
    assertCollecting(survey);
    const q = await entryQuestionnaire(tx, input.surveyId, input.questionnaireId);
    const importId = await insertSurveyImportRow(tx, { surveyId: input.surveyId, fileName: input.fileName, importedBy: actor.userId || null });
    const read = await readAndCheck(tx, survey.cycleId, q, input, importId);
    await setSurveyImportCounts(tx, importId, { responses: read.responses, answers: read.answers });
    await recordAudit(tx, actor, {
      entityType: 'survey_import', entityId: importId, action: 'import',
      after: { surveyId: input.surveyId, questionnaireId: q.id, questionnaireVersionId: q.versionId, fileName: input.fileName, responses: read.responses, answers: read.answers },
    });
    input.onProgress?.({ phase: 'scoring', rows: read.responses });
    const { units, scores, belowMinimum } = await rescoreSurvey(tx, actor, input.surveyId, `Nhập tệp ${input.fileName}`);
    return { dryRun: false, fileName: input.fileName, ...read, importId, rescored: { units, scores, belowMinimum } };
  });
}

export async function listSurveyImports(db: Executor, actor: Actor, surveyId: string): Promise<SurveyImportList['items']> {
  await surveyManagedBy(db, actor, surveyId);
  return (await listSurveyImportRows(db, surveyId)).map((r) => ({
    id: r.id, fileName: r.file_name, responses: Number(r.responses), answers: Number(r.answers), importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by && r.full_name ? { id: r.imported_by, name: r.full_name } : null,
  }));
}

interface Columns {
  key: number;
  unit: number;
  /** Column index → question name. */
  questions: Map<number, string>;
  /** Column index → the header as written (for error messages). */
  names: string[];
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();

/** The header's columns, or the errors of line `line` (missing key/unit/question columns, unknown or repeated ones). */
function readHeader(q: EntryQuestionnaire, header: FileRow): Columns | ErrorDetail[] {
  const names = header.cells.map((c) => c.normalize('NFC').trim());
  const errors: ErrorDetail[] = [];
  const at = (column: string, message: string) => errors.push({ line: header.line, column, message });
  const answerable = new Map(q.document.questions.filter((x) => x.type !== 'note').map((x) => [x.name.toLowerCase(), x.name]));
  const questions = new Map<number, string>();
  const seen = new Map<string, number>();
  let key = -1;
  let unit = -1;
  names.forEach((name, i) => {
    const n = norm(name);
    if (n === '') return;
    if (seen.has(n)) return at(name, `Cột “${name}” có hai lần (cột ${seen.get(n)! + 1} và ${i + 1}).`);
    seen.set(n, i);
    if (keyAliases.includes(n)) key = i;
    else if (unitAliases.includes(n)) unit = i;
    else if (answerable.has(n)) questions.set(i, answerable.get(n)!);
    else at(name, `Phiếu hỏi ${q.code} không có câu hỏi “${name}”. Tên cột phải là tên câu hỏi (cột “name” của phiếu hỏi), như trong tệp mẫu.`);
  });
  if (key < 0) at(KEY_COLUMN, `Thiếu cột “${KEY_COLUMN}” (mã của từng phiếu trả lời, không trùng nhau).`);
  if (unit < 0) at(UNIT_COLUMN, `Thiếu cột “${UNIT_COLUMN}” (mã đơn vị được đánh giá).`);
  const present = new Set(questions.values());
  const missing = [...answerable.values()].filter((name) => !present.has(name));
  if (missing.length > 0) at(missing[0]!, `Thiếu cột của câu hỏi: ${missing.join(', ')}. Hãy dùng tệp mẫu của phiếu hỏi ${q.code}.`);
  return errors.length > 0 ? errors : { key, unit, questions, names };
}

interface Pending { line: number; key: string; unitId: string; answers: Readonly<Record<string, string>> }

/** Reads every row, checks it, and (with an import id) inserts it while the file is still clean; throws a 422 with the errors at the end. */
async function readAndCheck(
  db: Executor, cycleId: string, q: EntryQuestionnaire, input: AnswersImportInput, importId: string | null,
): Promise<{ responses: number; answers: number; units: number }> {
  const rated = await ratedUnitsByCode(db, cycleId, q.ratedGroupId);
  const knownCodes = new Map<string, boolean>();
  const errors: ErrorDetail[] = [];
  let errorCount = 0;
  const fail = (line: number, column: string | undefined, message: string) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(column === undefined ? { line, message } : { line, column, message });
  };
  const seenKeys = new Map<string, number>();
  const unitsSeen = new Set<string>();
  let pending: Pending[] = [];
  let responses = 0;
  let answers = 0;
  let columns: Columns | null = null;

  const flush = async () => {
    const chunk = pending;
    pending = [];
    if (chunk.length === 0) return;
    const earlier = await existingClientKeys(db, input.surveyId, 'import', chunk.map((p) => importClientKey(q.id, p.key)));
    for (const p of chunk) if (earlier.has(importClientKey(q.id, p.key))) fail(p.line, columns!.names[columns!.key], `Mã phiếu “${p.key}” đã được nhập trong một lần nhập trước.`);
    if (importId === null || errorCount > 0) return;
    await insertSurveyResponses(db, input.surveyId, chunk.map((p): NewSurveyResponse => ({
      questionnaireVersionId: q.versionId, unitId: p.unitId, channel: 'import', clientKey: importClientKey(q.id, p.key), batchId: importId,
      flags: responseFlags(q.document, p.answers, { durationSeconds: null, minSeconds: 0 }), answers: p.answers,
    })));
    input.onProgress?.({ phase: 'saving', rows: responses });
  };

  try {
    for await (const row of fileRows(input.path, input.format)) {
      if (row.cells.every((c) => c.trim() === '')) continue;
      if (!columns) {
        const header = readHeader(q, row);
        if (Array.isArray(header)) throw importInvalid(input.fileName, header, header.length);
        columns = header;
        continue;
      }
      const checked = checkRow(row, { columns, q, rated, fail, seenKeys });
      if (!checked) continue;
      const unknownCode = checked.unknownCode;
      if (unknownCode !== undefined) {
        if (!knownCodes.has(unknownCode)) knownCodes.set(unknownCode, await unitCodeExists(db, unknownCode));
        fail(row.line, columns.names[columns.unit], knownCodes.get(unknownCode)
          ? `Đơn vị mã “${unknownCode}” không được đánh giá bằng phiếu hỏi ${q.code} trong kỳ này.`
          : `Không có đơn vị mã “${unknownCode}”.`);
        continue;
      }
      if (!checked.pending) continue;
      responses++;
      answers += Object.keys(checked.pending.answers).length;
      unitsSeen.add(checked.pending.unitId);
      pending.push(checked.pending);
      if (pending.length >= RESPONSE_CHUNK) await flush();
      if (responses % 1000 === 0 && (importId === null || errorCount > 0)) input.onProgress?.({ phase: 'checking', rows: responses });
    }
    await flush();
  } catch (error) {
    if (error instanceof UnreadableFile) throw importInvalid(input.fileName, [{ line: error.line, message: error.message }], 1);
    throw error;
  }
  if (!columns) throw importInvalid(input.fileName, [{ line: 1, message: 'Tệp trống: không có dòng tiêu đề.' }], 1);
  if (errorCount > 0) throw importInvalid(input.fileName, errors, errorCount);
  if (responses === 0) throw importInvalid(input.fileName, [{ line: 2, message: 'Tệp không có phiếu trả lời nào (chỉ có dòng tiêu đề).' }], 1);
  return { responses, answers, units: unitsSeen.size };
}

/** A checked row ready to save, a unit code to look up (not rated by the questionnaire), or nothing (a comment, or errors already counted). */
type RowCheck = { pending?: Pending; unknownCode?: string } | null;

/** One data row: its key (present, short, not repeated in the file), its unit, its answers by core checkResponse. Null: a comment row. */
interface RowContext {
  columns: Columns;
  q: EntryQuestionnaire;
  /** Rated units' ids by lower-cased code. */
  rated: Map<string, string>;
  fail: (line: number, column: string | undefined, message: string) => void;
  /** Row keys seen so far → their line. */
  seenKeys: Map<string, number>;
}

function checkRow(row: FileRow, { columns, q, rated, fail, seenKeys }: RowContext): RowCheck {
  const key = (row.cells[columns.key] ?? '').trim();
  if (key.startsWith('#')) return null;
  const keyColumn = columns.names[columns.key]!;
  let ok = true;
  if (key === '') {
    fail(row.line, keyColumn, 'Thiếu mã phiếu.');
    ok = false;
  } else if (key.length > MAX_KEY_LENGTH) {
    fail(row.line, keyColumn, `Mã phiếu dài quá ${MAX_KEY_LENGTH} ký tự.`);
    ok = false;
  } else if (seenKeys.has(key)) {
    fail(row.line, keyColumn, `Mã phiếu “${key}” trùng với dòng ${seenKeys.get(key)}.`);
    ok = false;
  } else seenKeys.set(key, row.line);
  row.cells.forEach((cell, i) => {
    if (i !== columns.key && i !== columns.unit && !columns.questions.has(i) && cell.trim() !== '') {
      fail(row.line, `cột thứ ${i + 1}`, 'Ô có dữ liệu nhưng cột không có tên câu hỏi.');
      ok = false;
    }
  });
  const typed: Record<string, string> = {};
  for (const [i, name] of columns.questions) typed[name] = row.cells[i] ?? '';
  // Choice names regardless of case: the core reads them so (Excel users type "a" for "A").
  const checked = checkResponse(q.document, typed);
  if ('errors' in checked) {
    const columnOf = new Map([...columns.questions].map(([i, name]) => [name, columns.names[i]!]));
    for (const e of checked.errors) fail(row.line, columnOf.get(e.question) ?? e.question, e.message);
    ok = false;
  }
  const code = (row.cells[columns.unit] ?? '').trim();
  if (code === '') {
    fail(row.line, columns.names[columns.unit], 'Thiếu mã đơn vị.');
    return null;
  }
  const unitId = rated.get(code.toLowerCase());
  if (!unitId) return { unknownCode: code };
  return ok && !('errors' in checked) ? { pending: { line: row.line, key, unitId, answers: checked.answers } } : null;
}

function importInvalid(fileName: string, errors: ErrorDetail[], total: number): AppError {
  const rest = total - errors.length;
  const details = rest > 0 ? [...errors, { message: `… và ${rest.toLocaleString('vi-VN')} lỗi khác. Hãy sửa các lỗi trên rồi kiểm tra lại.` }] : errors;
  return new AppError('IMPORT_INVALID', `Tệp “${fileName}” có ${total.toLocaleString('vi-VN')} lỗi; chưa nhập phiếu nào.`, details);
}
