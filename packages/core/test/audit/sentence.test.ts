import { describe, expect, it } from 'vitest';
import { describeAuditEvent, describeAutosaves, groupAutosaves, type AuditFacts } from '../../src/index.ts';

let id = 0;
function ev(over: Partial<AuditFacts>): AuditFacts {
  id += 1;
  return {
    id, at: `2025-11-15T02:${String(id).padStart(2, '0')}:00.000Z`, entityType: 'criterion_record', entityId: 'r1', action: 'save_self',
    before: null, after: null, reason: null, actorName: 'Nguyễn Văn A', actorUnit: 'Sở Tư pháp', unitName: 'Sở Y tế', ...over,
  };
}
const rec = (points: string | null, more: Record<string, unknown> = {}) => ({ cycleId: 'c', unitId: 'u', nodeKey: 'k', nodeCode: '2.1', points, ...more });

describe('describeAuditEvent', () => {
  it('says who changed which criterion of which unit, from what to what, and why', () => {
    expect(describeAuditEvent(ev({ before: rec('0.500'), after: rec('1.000'), reason: 'bổ sung quyết định' })))
      .toBe('Nguyễn Văn A (Sở Tư pháp) đã sửa điểm tự đánh giá tiêu chí 2.1 của Sở Y tế từ 0,5 lên 1 — lý do: bổ sung quyết định');
    expect(describeAuditEvent(ev({ before: rec('1.000'), after: rec('0.250') }))).toContain('từ 1 xuống 0,25');
    expect(describeAuditEvent(ev({ before: rec(null), after: rec('0.750') }))).toContain('đã nhập điểm tự đánh giá tiêu chí 2.1 của Sở Y tế: 0,75 điểm');
    expect(describeAuditEvent(ev({ before: rec(null), after: rec('0', { input: { kind: 'not_applicable', reason: 'không có đơn vị trực thuộc' } }) })))
      .toContain('đã khai báo tiêu chí 2.1 của Sở Y tế không áp dụng (không có đơn vị trực thuộc)');
  });

  it('describes appraisal and council decisions', () => {
    const after = { nodeCode: '2.1', selfPoints: '1.000', appraisal: { kind: 'adjust', points: '0.500' } };
    expect(describeAuditEvent(ev({ action: 'decide', after, reason: 'thiếu tài liệu' })))
      .toBe('Nguyễn Văn A (Sở Tư pháp) đã điều chỉnh điểm thẩm định tiêu chí 2.1 của Sở Y tế từ 1 xuống 0,5 — lý do: thiếu tài liệu');
    expect(describeAuditEvent(ev({ action: 'decide', after: { ...after, appraisal: { kind: 'accept', points: '1.000' } } })))
      .toContain('đã chấp nhận điểm tự đánh giá tiêu chí 2.1 của Sở Y tế (1 điểm)');
    expect(describeAuditEvent(ev({ action: 'approve_final', after: { nodeCode: '2.1', council: { points: '0.750' } } })))
      .toContain('đã phê duyệt điểm cuối cùng tiêu chí 2.1 của Sở Y tế: 0,75 điểm');
  });

  it('describes workflow transitions, the system, and other records', () => {
    expect(describeAuditEvent(ev({ entityType: 'cycle_unit', entityId: 'c:u', action: 'return_for_revision', before: { state: 'in_appraisal' }, after: { state: 'returned_for_revision' }, reason: 'thiếu biểu mẫu' })))
      .toBe('Nguyễn Văn A (Sở Tư pháp) đã trả lại hồ sơ để chỉnh sửa của Sở Y tế (đang thẩm định → trả lại để chỉnh sửa) — lý do: thiếu biểu mẫu');
    expect(describeAuditEvent(ev({ entityType: 'cycle_unit', action: 'auto:appraised', actorName: null, before: { state: 'in_appraisal' }, after: { state: 'appraised' } })))
      .toMatch(/^Hệ thống đã chuyển hồ sơ của Sở Y tế sang “đã thẩm định”/);
    expect(describeAuditEvent(ev({ entityType: 'unit', action: 'update', after: { name: 'Sở Nội vụ' }, unitName: null })))
      .toBe('Nguyễn Văn A (Sở Tư pháp) đã sửa đơn vị “Sở Nội vụ”');
    expect(describeAuditEvent(ev({ entityType: 'user', action: 'login', actorUnit: null }))).toBe('Nguyễn Văn A đã đăng nhập');
  });

  it("tells a cycle's opening, closing and reopening from a unit's closure", () => {
    const cycle = (action: string, reason: string | null = null) =>
      describeAuditEvent(ev({ entityType: 'cycle', entityId: 'c', action, after: { name: 'Chỉ số CCHC 2030' }, unitName: null, reason }));
    expect(cycle('open')).toBe('Nguyễn Văn A (Sở Tư pháp) đã mở kỳ đánh giá “Chỉ số CCHC 2030”');
    expect(cycle('close')).toBe('Nguyễn Văn A (Sở Tư pháp) đã kết thúc kỳ đánh giá “Chỉ số CCHC 2030”');
    expect(cycle('reopen', 'đính chính số liệu')).toBe('Nguyễn Văn A (Sở Tư pháp) đã mở lại kỳ đánh giá “Chỉ số CCHC 2030” — lý do: đính chính số liệu');
    expect(describeAuditEvent(ev({ entityType: 'unit', action: 'close', after: { name: 'Sở Y tế' }, unitName: null }))).toContain('đã giải thể đơn vị “Sở Y tế”');
  });

  it('reads the survey’s events in words, never its raw names (a survey is closed, not dissolved)', () => {
    const survey = (entityType: string, action: string, over: Partial<AuditFacts> = {}) =>
      describeAuditEvent(ev({ entityType, entityId: 's1', action, unitName: null, ...over }));
    expect(survey('survey', 'create', { after: { name: 'Điều tra sở, ngành 2025' } })).toBe('Nguyễn Văn A (Sở Tư pháp) đã thêm cuộc điều tra XHH “Điều tra sở, ngành 2025”');
    expect(survey('survey', 'close')).toBe('Nguyễn Văn A (Sở Tư pháp) đã đóng cuộc điều tra XHH');
    expect(survey('survey', 'exclude_response', { reason: 'trả lời quá nhanh' })).toBe('Nguyễn Văn A (Sở Tư pháp) đã loại một phiếu trả lời khỏi cuộc điều tra XHH — lý do: trả lời quá nhanh');
    expect(survey('survey_questionnaire', 'draw_sample')).toBe('Nguyễn Văn A (Sở Tư pháp) đã chọn mẫu người trả lời của phiếu hỏi');
    expect(survey('survey_paper_form', 'enter', { entityId: 'b1:0007' })).toBe('Nguyễn Văn A (Sở Tư pháp) đã nhập phiếu giấy số 0007');
    expect(survey('survey_paper_batch', 'create')).toBe('Nguyễn Văn A (Sở Tư pháp) đã thêm lô phiếu giấy');
    expect(survey('survey_import', 'import', { after: { fileName: 'phieu.csv' } })).toBe('Nguyễn Văn A (Sở Tư pháp) đã nhập tệp câu trả lời “phieu.csv”');
    const actions = ['open', 'reopen', 'rescore', 'recount_duplicates', 'include_response', 'mail_respondents', 'purge_personal_data', 'create_links', 'export_links',
      'revoke_links', 'set_quotas', 'import_respondents', 'upload_version', 'author_version', 'correct_entry', 'agree', 'reconcile'];
    for (const action of actions) expect(survey('survey', action)).not.toMatch(/_|survey/);
  });
});

describe('groupAutosaves', () => {
  it('groups successive autosaves of one criterion by one person; keeps every event', () => {
    const saves = [ev({ before: rec('0'), after: rec('0.500') }), ev({ before: rec('0.500'), after: rec('0.500') }), ev({ before: rec('0.500'), after: rec('1.000') })];
    const other = ev({ entityId: 'r2', before: rec('0'), after: rec('1.000') });
    const byB = ev({ actorName: 'Trần Thị B', before: rec('1.000'), after: rec('0.500') });
    const lines = groupAutosaves([...saves, other, byB]);
    expect(lines.map((l) => l.kind)).toEqual(['autosaves', 'event', 'event']);
    const group = lines[0]!;
    expect(group.kind === 'autosaves' && group.events).toHaveLength(3);
    expect(group.kind === 'autosaves' && describeAutosaves(group)).toBe('Nguyễn Văn A (Sở Tư pháp): 3 lần lưu tự động tiêu chí 2.1 của Sở Y tế từ 0 lên 1');
    expect(lines.flatMap((l) => (l.kind === 'event' ? [l.event] : l.events))).toHaveLength(5);
  });

  it('does not group across another event, nor other actions', () => {
    const a = ev({ after: rec('1') });
    const login = ev({ entityType: 'user', action: 'login' });
    const b = ev({ after: rec('1') });
    expect(groupAutosaves([a, login, b]).map((l) => l.kind)).toEqual(['event', 'event', 'event']);
  });
});
