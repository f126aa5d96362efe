import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE_TEMPLATE_SHEETS, YES_NO_CHOICES, checkQuestionnaire } from '../src/index.ts';
import { readSheets, resolveCriterion, scoredQuestionnaire, templateQuestionnaire } from './survey-fixtures.ts';

const S = QUESTIONNAIRE_TEMPLATE_SHEETS.survey[0]!;
const C = QUESTIONNAIRE_TEMPLATE_SHEETS.choices[0]!;
const CHOICES = [C, ['muc_do', 'A', 'Tốt', '1'], ['muc_do', 'B', 'Chưa tốt', '0']];
const q = (o: Record<string, string>): string[] => S.map((h) => o[h] ?? '');

describe('questionnaire from the workbook', () => {
  it('reads the downloadable template: types, lists, skip logic, bounds, criterion key, weights as canonical decimals', () => {
    const t = templateQuestionnaire;
    expect(t.title).toBe('Phiếu khảo sát sự hài lòng của người dân, tổ chức');
    expect(t.questions.map((x) => `${x.name}:${x.type}`)).toEqual(['gioi_thieu:note', 'da_giao_dich:yes_no', 'hai_long_thai_do:likert', 'so_lan:integer', 'gop_y:text']);
    const likert = t.questions[2]!;
    expect(likert).toMatchObject({ list: 'muc_do', required: true, relevant: "${da_giao_dich} = 'co'", criterionKey: 'hl-thai-do', hint: 'Chọn một mức' });
    expect(t.questions[3]).toMatchObject({ min: '1', max: '20' });
    expect(t.choices.muc_do!.map((c) => c.weight ?? '-')).toEqual(['1', '0.6', '0.2', '0', '-']);
    // yes/no questions get the built-in list when the workbook defines none
    expect(t.choices.co_khong).toEqual(YES_NO_CHOICES);
  });

  it('accepts percent weights and decimal commas, and defaults the title without a settings sheet', () => {
    expect(scoredQuestionnaire.title).toBe('Phiếu khảo sát');
    expect(scoredQuestionnaire.choices.muc_do!.find((c) => c.name === 'B')!.weight).toBe('0.6');
    expect(scoredQuestionnaire.questions.find((x) => x.name === 'phi')).toMatchObject({ min: '0', max: '1000.5' });
  });

  it('reports every problem at once, by sheet, line and column, in Vietnamese', () => {
    const r = readSheets(
      [
        S,
        q({ type: 'likert thieu', name: '1cau', label: '' }),
        q({ type: 'hop_kiem', name: 'x', label: 'X' }),
        q({ type: 'integer', name: 'so', label: 'Số', min: '5', max: '2,5' }),
        q({ type: 'select_one muc_do', name: 'x', label: 'Lặp', relevant: "${sau} = 'A'", required: 'có lẽ' }),
        q({ type: 'text', name: 'sau', label: 'Sau', criterion: '1.6' }),
        q({ type: 'likert muc_do', name: 'k', label: 'K', criterion: '9.9', relevant: "${so} >= 3 and (" }),
      ],
      [C, ['muc_do', 'A', 'Tốt', '1,2'], ['muc_do', 'A', 'Lặp', ''], ['', 'Z', 'Z', ''], ['muc_do', 'co dau', '', 'abc']],
    );
    expect('errors' in r && r.errors).toEqual([
      { sheet: 'survey', line: 2, column: 'name', message: 'Tên câu hỏi “1cau” chỉ gồm chữ không dấu, số và “_”, bắt đầu bằng chữ, tối đa 64 ký tự' },
      { sheet: 'survey', line: 2, column: 'type', message: 'Không có danh sách lựa chọn “thieu” (trang choices)' },
      { sheet: 'survey', line: 2, column: 'label', message: 'Thiếu nội dung câu hỏi (label)' },
      { sheet: 'survey', line: 3, column: 'type', message: 'Loại câu hỏi “hop_kiem” không có; dùng: likert, select_one, select_multiple, yes_no, integer, decimal, text, note' },
      { sheet: 'survey', line: 4, column: 'max', message: 'Câu số nguyên cần giới hạn nguyên, không phải “2,5”' },
      { sheet: 'survey', line: 5, column: 'name', message: 'Tên câu hỏi “x” đã dùng ở câu trước' },
      { sheet: 'survey', line: 5, column: 'required', message: 'Cột required ghi “có lẽ”: dùng yes (có) hoặc để trống' },
      { sheet: 'survey', line: 5, column: 'relevant', message: 'Điều kiện hiển thị nhắc đến câu “sau” không nằm trước câu này: chỉ dựa vào câu trước' },
      { sheet: 'survey', line: 6, column: 'criterion', message: 'Chỉ câu likert, select_one hoặc yes_no mới gắn với tiêu chí (câu này là text)' },
      { sheet: 'survey', line: 7, column: 'relevant', message: 'Điều kiện hiển thị, ký tự thứ 17: biểu thức chưa hết' },
      { sheet: 'survey', line: 7, column: 'criterion', message: 'Không có tiêu chí điều tra xã hội học “9.9” trong bộ tiêu chí' },
      { sheet: 'choices', line: 2, column: 'weight', message: 'Trọng số “1,2” phải từ 0 đến 1 (hoặc từ 0% đến 100%)' },
      { sheet: 'choices', line: 3, column: 'name', message: 'Lựa chọn “A” đã có trong danh sách “muc_do”' },
      { sheet: 'choices', line: 4, column: 'list_name', message: 'Thiếu tên danh sách lựa chọn (list_name)' },
      { sheet: 'choices', line: 5, column: 'name', message: 'Tên lựa chọn “co dau” chỉ gồm chữ không dấu, số, “_”, “-”, “.” và không có dấu cách' },
      { sheet: 'choices', line: 5, column: 'label', message: 'Thiếu nhãn của lựa chọn' },
      { sheet: 'choices', line: 5, column: 'weight', message: 'Trọng số “abc” không phải là số (ví dụ 0,6 hoặc 60%)' },
    ]);
  });

  it('checks skip logic against earlier questions and their choices', () => {
    const r = readSheets(
      [
        S,
        q({ type: 'note', name: 'loi_chao', label: 'Xin chào' }),
        q({ type: 'select_one muc_do', name: 'm', label: 'M' }),
        q({ type: 'text', name: 't', label: 'T', relevant: "${loi_chao} = 'x' or selected(${m}, 'Z') or ${khong_co} = 1" }),
        q({ type: 'text', name: 'u', label: 'U', relevant: "selected(${t}, 'a')" }),
      ],
      CHOICES,
    );
    expect('errors' in r && r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '4:relevant Điều kiện hiển thị nhắc đến “loi_chao”, là ghi chú không có câu trả lời',
      '4:relevant Điều kiện hiển thị nhắc đến câu “khong_co” không có trong phiếu',
      '4:relevant Câu “m” không có lựa chọn “Z”',
      '5:relevant selected(...) chỉ dùng với câu có lựa chọn; “t” không phải',
    ]);
  });

  it('needs a weighted choice for a scored question, the yes/no list as co and khong, a real question, the key columns', () => {
    const unweighted = readSheets([S, q({ type: 'likert l', name: 'a', label: 'A', criterion: '1.6' })], [C, ['l', 'x', 'X', '']]);
    expect('errors' in unweighted && unweighted.errors[0]).toEqual(
      { sheet: 'survey', line: 2, column: 'criterion', message: 'Câu gắn tiêu chí cần ít nhất một lựa chọn có trọng số trong danh sách “l”' });
    const yesNo = readSheets([S, q({ type: 'yes_no', name: 'a', label: 'A', criterion: '1.6' })], [C, ['co_khong', 'co', 'Có', '1'], ['co_khong', 'chua', 'Chưa', '0']]);
    expect('errors' in yesNo && yesNo.errors[0]).toEqual(
      { sheet: 'choices', line: 2, column: 'list_name', message: 'Danh sách co_khong (câu có/không) phải gồm đúng hai lựa chọn: co và khong' });
    const notes = readSheets([S, q({ type: 'note', name: 'a', label: 'A', required: 'yes' })], [C]);
    expect('errors' in notes && notes.errors.map((e) => e.message)).toEqual(
      ['Ghi chú (note) không có câu trả lời nên không thể bắt buộc', 'Phiếu chưa có câu hỏi nào']);
    const headers = readSheets([['type', 'label'], ['text', 'A']], [C]);
    expect('errors' in headers && headers.errors).toEqual([{ sheet: 'survey', line: 1, column: 'name', message: 'Trang survey thiếu cột “name”' }]);
  });

  it('scores a yes/no question with weights on a co_khong list of the workbook', () => {
    const r = readSheets([S, q({ type: 'yes_no', name: 'a', label: 'A', criterion: '1.6' })], [C, ['co_khong', 'co', 'Có', '1'], ['co_khong', 'khong', 'Không', '0']]);
    expect('questionnaire' in r && r.questionnaire.choices.co_khong!.map((c) => c.weight)).toEqual(['1', '0']);
  });
});

describe('questionnaire from the editor (JSON)', () => {
  it('gives back a stored questionnaire unchanged: the same rules, the same result', () => {
    expect(checkQuestionnaire(scoredQuestionnaire, resolveCriterion)).toEqual({ questionnaire: scoredQuestionnaire });
    expect(checkQuestionnaire(JSON.parse(JSON.stringify(templateQuestionnaire)), resolveCriterion)).toEqual({ questionnaire: templateQuestionnaire });
  });

  it('reports shape problems by JSON path before the rules', () => {
    expect(checkQuestionnaire([], resolveCriterion)).toEqual({ errors: [{ path: '', message: 'Phiếu hỏi phải là một đối tượng JSON' }] });
    expect(checkQuestionnaire({ title: true, questions: [{ name: 'a', required: 'yes' }, 'x'], choices: { l: {} } }, resolveCriterion)).toEqual({
      errors: [
        { path: 'questions[0].required', message: 'Phải là true hoặc false' },
        { path: 'questions[1]', message: 'Mỗi câu hỏi phải là một đối tượng' },
        { path: 'choices.l', message: 'Phải là một mảng lựa chọn' },
        { path: 'title', message: 'Phải là chuỗi ký tự' },
      ],
    });
  });

  it('reports the shared rules by JSON path', () => {
    const doc = {
      title: ' ',
      questions: [
        { name: 'a', type: 'likert', list: 'l', label: 'A', required: true, criterionKey: 'khong-co' },
        { name: 'b', type: 'integer', list: 'l', label: 'B', required: false, relevant: '${a} = ' },
      ],
      choices: { l: [{ name: 'x', label: 'X', weight: 2 }] },
    };
    expect(checkQuestionnaire(doc, resolveCriterion)).toEqual({
      errors: [
        { path: 'title', message: 'Phiếu hỏi cần tiêu đề (title)' },
        { path: 'choices.l[0].weight', message: 'Trọng số “2” phải từ 0 đến 1 (hoặc từ 0% đến 100%)' },
        { path: 'questions[0].criterionKey', message: 'Không có tiêu chí điều tra xã hội học “khong-co” trong bộ tiêu chí' },
        { path: 'questions[1].list', message: 'Loại integer không dùng danh sách lựa chọn' },
        { path: 'questions[1].relevant', message: 'Điều kiện hiển thị, ký tự thứ 7: biểu thức chưa hết' },
      ],
    });
  });
});
