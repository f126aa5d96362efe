/**
 * The answers template of a questionnaire (issue 13 §3): the wide layout the import reads. Row 1:
 * `Mã phiếu`, `Mã đơn vị`, then one column per question name (in the questionnaire's order, notes
 * left out). Row 2: a comment row (its `Mã phiếu` starts with `#`, so the import skips it) with
 * each question's label, to keep the file readable; it may be deleted. The XLSX adds a sheet
 * "Hướng dẫn" with the rated units' codes and each question's accepted answers.
 */
import { questionChoices, type SurveyQuestion } from '@chiso/core';
import type { Executor } from '../../db/client';
import { ratedUnits } from '../../db/repositories/survey-setup-repository';
import { writeTable, type TabularFormat } from '../../files/tabular';
import type { Actor } from '../actor';
import { KEY_COLUMN, UNIT_COLUMN } from './answers-import';
import { entryQuestionnaire } from './paper-entry';
import { surveyManagedBy } from './survey-access';

const typeHelp: Record<SurveyQuestion['type'], string> = {
  likert: 'Một lựa chọn (thang đo)',
  select_one: 'Một lựa chọn',
  select_multiple: 'Nhiều lựa chọn, cách nhau bằng dấu cách (ví dụ: A C)',
  yes_no: 'Có/Không',
  integer: 'Số nguyên',
  decimal: 'Số (dấu phẩy hoặc dấu chấm thập phân)',
  text: 'Chữ',
  note: '',
};

export async function answersTemplate(db: Executor, actor: Actor, surveyId: string, questionnaireId: string, format: TabularFormat): Promise<{ file: Buffer; fileName: string }> {
  const survey = await surveyManagedBy(db, actor, surveyId);
  const q = await entryQuestionnaire(db, surveyId, questionnaireId);
  const questions = q.document.questions.filter((x) => x.type !== 'note');
  const header = [KEY_COLUMN, UNIT_COLUMN, ...questions.map((x) => x.name)];
  const labels = ['# Nội dung câu hỏi (dòng này được bỏ qua khi nhập)', '', ...questions.map((x) => x.label)];
  const units = await ratedUnits(db, survey.cycleId, q.ratedGroupId);
  const answersOf = (x: SurveyQuestion) => {
    const choices = questionChoices(q.document, x);
    const bounds = [x.min ? `từ ${x.min}` : '', x.max ? `đến ${x.max}` : ''].filter(Boolean).join(' ');
    return [typeHelp[x.type], choices.map((c) => `${c.name} = ${c.label}`).join('; '), bounds, x.required ? 'bắt buộc' : '', x.relevant ? `chỉ khi ${x.relevant}` : '']
      .filter(Boolean).join(' — ');
  };
  const instructions = [
    ['Mục', 'Nội dung'],
    ['Phiếu hỏi', `${q.code} — ${q.title}`],
    [KEY_COLUMN, 'Mã riêng của từng phiếu trả lời (ví dụ số phiếu), không trùng trong tệp và với các lần nhập trước.'],
    [UNIT_COLUMN, 'Mã của đơn vị được đánh giá (xem danh sách dưới đây).'],
    ['Dòng 2', 'Dòng có “Mã phiếu” bắt đầu bằng # là ghi chú, không được nhập; có thể xóa.'],
    ['Nhập', 'Tất cả hoặc không: chỉ cần một dòng lỗi là chưa nhập dòng nào; hãy “Kiểm tra” trước khi nhập.'],
    ['', ''],
    ['Câu hỏi', 'Cách trả lời'],
    ...questions.map((x) => [x.name, `${x.label}: ${answersOf(x)}`]),
    ['', ''],
    ['Mã đơn vị', 'Tên đơn vị'],
    ...units.map((u) => [u.code, u.name]),
  ];
  const file = await writeTable(format, header, [labels], {
    sheetName: 'Phiếu trả lời', widths: [14, 14, ...questions.map((x) => Math.max(10, Math.min(30, x.name.length + 4)))],
    extraSheets: [{ name: 'Hướng dẫn', rows: instructions, widths: [18, 110] }],
  });
  return { file, fileName: `mau-nhap-phieu-${q.code.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.${format}` };
}
