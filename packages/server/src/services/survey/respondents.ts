/**
 * Respondent lists (danh sách người được khảo sát, issue 13 §2): the people each rated unit served
 * (or the respondent group's members), imported from CSV or XLSX per questionnaire — the frame the
 * sample is drawn from. All or nothing, every problem with its line and column; a list replaces the
 * previous one only while nobody of it has been sampled. The audit records counts, never the people.
 */
import type { RespondentsImported } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import { bumpQuestionnaire, ratedUnits, replaceRespondents, sampledCount, type NewRespondent } from '../../db/repositories/survey-setup-repository';
import type { Table } from '../../files/tabular';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { ruleViolation, type ErrorDetail } from '../errors';
import { assertNoImportErrors, locateColumns, normaliseHeader, rowReader, type ImportColumn } from '../imports/table-import';
import { questionnaireOf, surveyInSetup } from './questionnaires';

type Column = 'unit' | 'fullName' | 'phone' | 'email' | 'reference';
export const RESPONDENT_COLUMNS: readonly ImportColumn<Column>[] = [
  { key: 'unit', vi: 'Mã đơn vị', aliases: ['đơn vị', 'unit', 'unit code'] },
  { key: 'fullName', vi: 'Họ và tên', aliases: ['họ tên', 'tên', 'name', 'full name'], optional: true },
  { key: 'phone', vi: 'Điện thoại', aliases: ['số điện thoại', 'sđt', 'phone'], optional: true },
  { key: 'email', vi: 'Thư điện tử', aliases: ['email', 'e-mail', 'thư điện tử'], optional: true },
  { key: 'reference', vi: 'Mã hồ sơ', aliases: ['số hồ sơ', 'reference'], optional: true },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A Vietnamese or international number: digits with spaces, dots, dashes or a leading +, 9 to 15 digits. */
const PHONE = /^\+?[\d\s.-]+$/;
const digits = (s: string) => s.replace(/\D/g, '').length;

/** Cells longer than this are refused (a list of names, not of documents). */
const MAX_CELL = 300;

function assertSetupOpen(sampled: number): void {
  if (sampled > 0) {
    throw ruleViolation(`Đã chọn mẫu (${sampled} người) từ danh sách hiện có: không thay danh sách được nữa.`, [{ path: 'file', message: 'Mẫu đã được chọn' }]);
  }
}

/** Imports the questionnaire's list of respondents (replacing it); a dry run only checks. */
export async function importRespondents(
  db: Database, actor: Actor, surveyId: string, questionnaireId: string, table: Table, options: { dryRun?: boolean; fileName?: string } = {},
): Promise<RespondentsImported> {
  const check = async (tx: Executor) => {
    const survey = await surveyInSetup(tx, actor, surveyId);
    const q = await questionnaireOf(tx, surveyId, questionnaireId, true);
    assertSetupOpen(await sampledCount(tx, q.id));
    return { survey, q, rated: await ratedUnits(tx, survey.cycleId, q.ratedGroupId) };
  };
  const { rated } = await check(db);
  const at = locateColumns(table, RESPONDENT_COLUMNS);
  const unitByCode = new Map(rated.map((u) => [normaliseHeader(u.code), u.id]));
  const errors: ErrorDetail[] = [];
  const rows: NewRespondent[] = [];
  for (const row of table.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const read = rowReader(row, at, RESPONDENT_COLUMNS, errors);
    const code = read.cell('unit');
    const unitId = unitByCode.get(normaliseHeader(code));
    if (code === '') read.fail('unit', 'Thiếu mã đơn vị');
    else if (!unitId) read.fail('unit', `Đơn vị mã ${code} không thuộc nhóm đơn vị được phiếu này đánh giá`);
    const value = (k: Column) => {
      const text = read.cell(k);
      if (text.length > MAX_CELL) read.fail(k, `Dài quá ${MAX_CELL} ký tự`);
      return text === '' ? null : text;
    };
    const [fullName, phone, email, reference] = [value('fullName'), value('phone'), value('email'), value('reference')];
    if (phone !== null && (!PHONE.test(phone) || digits(phone) < 9 || digits(phone) > 15)) read.fail('phone', `Số điện thoại “${phone}” không hợp lệ`);
    if (email !== null && !EMAIL.test(email)) read.fail('email', `Địa chỉ thư điện tử “${email}” không hợp lệ`);
    if (unitId) rows.push({ unitId, line: row.line, fullName, phone, email, reference });
  }
  assertNoImportErrors(errors);
  const units = new Set(rows.map((r) => r.unitId)).size;
  if (options.dryRun) return { respondents: rows.length, units, dryRun: true };
  await db.transaction(async (tx) => {
    const { q } = await check(tx);
    await replaceRespondents(tx, q.id, rows);
    await bumpQuestionnaire(tx, q.id, q.version);
    await recordAudit(tx, actor, {
      entityType: 'survey_questionnaire', entityId: q.id, action: 'import_respondents',
      after: { respondents: rows.length, units, fileName: options.fileName ?? null }, reason: options.fileName ? `Nhập tệp ${options.fileName}` : undefined,
    });
  });
  return { respondents: rows.length, units, dryRun: false };
}
