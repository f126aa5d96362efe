// The message catalog: every id in both languages with the same placeholders, and the formatter
// (decimal comma in Vietnamese, point in English, Vietnam time, labels of workflow codes).
import { describe, expect, it } from 'vitest';
import {
  LABELS, MESSAGES, MESSAGE_LANGS, type MessageId, allowedActions, formatMessage, isMessageId, localized, messageIdOfText,
  notFoundSubjectOf, placeholdersOf, textMessage,
} from '../src/index.ts';
import { A, T, unitCtx } from './workflow/fixtures.ts';

const ids = Object.keys(MESSAGES) as MessageId[];
const FORMATS = new Set(['number', 'datetime', 'scoreValue', 'unitAction', 'unitState', 'roles', 'criterionStatus', 'criterionCommand', 'subject', 'lower']);

describe('message catalog', () => {
  it('has every message in Vietnamese and English with the same placeholders and known formats', () => {
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) {
      const m = MESSAGES[id];
      expect(m.vi.trim(), id).not.toBe('');
      expect(m.en.trim(), id).not.toBe('');
      expect(m.en, `${id} is not translated`).not.toBe(m.vi);
      expect(placeholdersOf(m.en).sort(), id).toEqual(placeholdersOf(m.vi).sort());
      for (const t of [m.vi, m.en]) {
        for (const [, , formats] of t.matchAll(/\{(\w+)(?:\|([\w|]+))?\}/g)) {
          for (const f of formats?.split('|') ?? []) expect(FORMATS, `${id}: format ${f}`).toContain(f);
        }
        expect(t.replace(/\{\w+(?:\|[\w|]+)?\}/g, ''), `${id}: stray brace`).not.toMatch(/[{}]/);
      }
    }
  });

  it('gives each Vietnamese text without parameters to one id, so a text finds its id', () => {
    const plain = ids.filter((id) => placeholdersOf(MESSAGES[id].vi).length === 0);
    expect(new Set(plain.map((id) => MESSAGES[id].vi)).size).toBe(plain.length);
    for (const id of plain) expect(messageIdOfText(MESSAGES[id].vi)).toBe(id);
    expect(messageIdOfText('Một câu không có trong danh mục.')).toBeUndefined();
    expect(textMessage('Bạn cần đăng nhập để tiếp tục.')).toEqual({ message: 'Bạn cần đăng nhập để tiếp tục.', messageId: 'auth.unauthenticated', params: {} });
    expect(textMessage('Câu tự do')).toEqual({ message: 'Câu tự do' });
  });

  it('labels every workflow code in both languages', () => {
    for (const table of Object.keys(LABELS.vi) as (keyof typeof LABELS.vi)[]) {
      expect(Object.keys(LABELS.en[table]).sort(), table).toEqual(Object.keys(LABELS.vi[table]).sort());
    }
    expect(MESSAGE_LANGS).toEqual(['vi', 'en']);
  });
});

describe('formatMessage', () => {
  it('writes numbers with a decimal comma in Vietnamese and a point in English', () => {
    const p = { code: '1.2', points: '73.79' };
    expect(formatMessage('vi', 'criterion.pointsNotProducible', p)).toBe('Tiêu chí 1.2: 73,79 điểm không phải mức điểm mà quy tắc chấm của tiêu chí có thể cho');
    expect(formatMessage('en', 'criterion.pointsNotProducible', p)).toBe('Criterion 1.2: 73.79 points is not a value the criterion\'s scoring rule can give');
  });

  it('writes instants in Vietnam time, the day alone at the end of a day', () => {
    const endOfDay = Date.UTC(2024, 10, 15, 16, 59); // 23:59 in Vietnam
    const afternoon = Date.UTC(2024, 10, 15, 10, 0); // 17:00 in Vietnam
    expect(formatMessage('vi', 'workflow.appraisalClosed', { closes: endOfDay })).toBe('Đã hết thời gian thẩm định (15/11/2024)');
    expect(formatMessage('en', 'workflow.appraisalClosed', { closes: afternoon })).toBe('The appraisal period has ended (15/11/2024 17:00)');
  });

  it('names workflow codes in the language, lower-cased where asked', () => {
    const p = { roles: ['unit_officer', 'unit_head'], action: 'submit' };
    expect(formatMessage('vi', 'workflow.roleOnlyUnitAction', p)).toBe('Chỉ cán bộ đơn vị, thủ trưởng đơn vị được "gửi kết quả tự đánh giá"');
    expect(formatMessage('en', 'workflow.roleOnlyUnitAction', p)).toBe('Only unit officers, heads of unit may "submit the self-assessment"');
    expect(formatMessage('en', 'criterion.status', { code: '2.1', status: 'pending' })).toBe('Not possible while criterion 2.1 is "Awaiting appraisal"');
    expect(formatMessage('en', 'criterion.adjustReasonRequired', { code: '2.1', appraised: 'na', self: '' }))
      .toBe('Criterion 2.1: the appraised points (not applicable) differ from the self-assessed ones (none) — a reason is required');
    expect(formatMessage('en', 'error.notFound', { subject: 'cycle' })).toBe('Not found: assessment cycle.');
    expect(notFoundSubjectOf('kỳ đánh giá')).toBe('cycle');
  });

  it('leaves an unknown code as it is and a missing parameter empty', () => {
    expect(formatMessage('en', 'criterion.unitState', { state: 'somewhere' })).toBe('Not possible while the unit\'s file is "somewhere"');
    expect(formatMessage('en', 'criterion.notAssigned')).toBe('Criterion  is not among those your agency appraises');
    expect(isMessageId('workflow.reasonRequired')).toBe(true);
    expect(isMessageId('toString')).toBe(false);
  });

  it('gives refusals their id, parameters and the Vietnamese text from the catalog', () => {
    const facts = { submissionErrors: 2, pendingDecisions: 0, unansweredRequests: 0, pendingProposals: 0 };
    const submit = allowedActions(unitCtx({ state: 'draft', actor: A.head, now: T.self, facts })).find((o) => o.action === 'submit')!;
    expect(submit.refusal).toEqual({ code: 'submission_errors', ...localized('workflow.submissionErrors', { count: 2 }) });
    expect(submit.refusal?.message).toBe('Còn 2 vấn đề cần khắc phục trước khi gửi (xem danh sách kiểm tra)');
    expect(formatMessage('en', submit.refusal!.messageId!, submit.refusal!.params)).toBe('Problems to fix before submitting: 2 (see the checklist)');
    const officer = allowedActions(unitCtx({ state: 'draft', actor: A.officer, now: T.self, facts })).find((o) => o.action === 'submit')!;
    expect(officer.refusal?.messageId).toBe('workflow.roleOnlyUnitAction');
    expect(formatMessage('en', officer.refusal!.messageId!, officer.refusal!.params)).toBe('Only heads of unit may "submit the self-assessment"');
  });
});
