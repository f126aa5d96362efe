import { describe, expect, it } from 'vitest';
import { CYCLE_ACTIVITIES, CYCLE_STATUSES, type CycleActivity, type CycleStatus, type UnitState, cycleRefusal, cycleStatusAfter } from '../../src/index.ts';

const refusal = (status: CycleStatus, activity: CycleActivity, units: UnitState[] = ['published']) =>
  (activity === 'close' ? cycleRefusal(status, 'close', units) : cycleRefusal(status, activity))?.message ?? null;

describe('cycle lifecycle', () => {
  const cases: [CycleStatus, CycleActivity, string | null][] = [
    ['setup', 'configure', null],
    ['open', 'configure', null],
    ['closed', 'configure', 'Kỳ đánh giá đã kết thúc: không thể thay đổi.'],
    ['setup', 'configure_setup', null],
    ['open', 'configure_setup', 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.'],
    ['closed', 'configure_setup', 'Kỳ đánh giá đã kết thúc: không thể thay đổi.'],
    ['setup', 'set_non_submitted_scoring', null],
    ['open', 'set_non_submitted_scoring', 'Kỳ đánh giá đã mở: không thể đổi cách chấm đơn vị không nộp.'],
    ['setup', 'open', null],
    ['open', 'open', 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.'],
    ['setup', 'workflow', 'Kỳ đánh giá chưa mở hoặc đã kết thúc.'],
    ['open', 'workflow', null],
    ['closed', 'workflow', 'Kỳ đánh giá chưa mở hoặc đã kết thúc.'],
    ['setup', 'add_participant', 'Kỳ đánh giá đang thiết lập: hãy chọn đơn vị trong mục “Đơn vị tham gia”.'],
    ['open', 'add_participant', null],
    ['closed', 'add_participant', 'Kỳ đánh giá đã kết thúc: không bổ sung đơn vị được nữa.'],
    ['setup', 'correct_framework', 'Chỉ áp dụng phiên bản điều chỉnh cho kỳ đánh giá đang mở; khi đang thiết lập, hãy chọn lại phiên bản trong mục “Bộ tiêu chí”.'],
    ['open', 'correct_framework', null],
    ['closed', 'correct_framework', 'Kỳ đánh giá đã kết thúc: không áp dụng phiên bản điều chỉnh được nữa.'],
    ['open', 'advance_demo_calendar', null],
    ['closed', 'advance_demo_calendar', 'Chỉ dời lịch mẫu của kỳ đánh giá đang mở.'],
    ['setup', 'import_data_feeds', null],
    ['open', 'import_data_feeds', null],
    ['closed', 'import_data_feeds', 'Kỳ đánh giá đã kết thúc: không thể nhập số liệu'],
    ['closed', 'push_data_feeds', 'Kỳ đánh giá đã kết thúc: không nhận thêm số liệu.'],
    ['closed', 'pull_chiso_feeds', 'Kỳ đánh giá đã kết thúc: không thể lấy thêm số liệu.'],
    ['closed', 'import_supplied_points', 'Kỳ đánh giá đã kết thúc: không thể nhập điểm điều tra'],
    ['open', 'publish', null],
    ['closed', 'publish', 'Kỳ đánh giá đã kết thúc: không công bố thêm được.'],
    ['open', 'amend', null],
    ['closed', 'amend', 'Kỳ đánh giá đã kết thúc: không điều chỉnh kết quả đã công bố được nữa. Nếu vẫn cần đính chính, hãy mở lại kỳ đánh giá (có lý do).'],
    ['setup', 'close', 'Kỳ đánh giá chưa mở: chưa thể kết thúc.'],
    ['open', 'close', null],
    ['closed', 'close', 'Kỳ đánh giá đã kết thúc.'],
    ['setup', 'reopen', 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.'],
    ['open', 'reopen', 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.'],
    ['closed', 'reopen', null],
  ];
  it.each(cases)('%s, %s → %s', (status, activity, message) => {
    expect(refusal(status, activity)).toBe(message);
  });

  it('refuses with a message in every status it does not allow, and allows something in every status', () => {
    for (const status of CYCLE_STATUSES) {
      expect(CYCLE_ACTIVITIES.some((a) => refusal(status, a) === null)).toBe(true);
      for (const a of CYCLE_ACTIVITIES) {
        const r = a === 'close' ? cycleRefusal(status, 'close', ['published']) : cycleRefusal(status, a);
        if (r) expect(r).toMatchObject({ code: 'state', message: expect.stringMatching(/^Kỳ đánh giá|^Chỉ /) });
      }
    }
  });

  it('a closed cycle is read only: only reopening is allowed', () => {
    expect(CYCLE_ACTIVITIES.filter((a) => refusal('closed', a) === null)).toEqual(['reopen']);
  });

  it('closes an open cycle only once every participant is published', () => {
    expect(cycleRefusal('open', 'close', ['published', 'published'])).toBeNull();
    expect(cycleRefusal('open', 'close', ['published', 'approved', 'council_reviewed'])?.message).toBe(
      'Chưa thể kết thúc kỳ đánh giá: còn 2/3 đơn vị chưa được công bố kết quả. Hãy công bố kết quả của mọi nhóm trước khi kết thúc.',
    );
    expect(cycleRefusal('open', 'close', [])?.message).toBe('Kỳ đánh giá chưa có đơn vị nào được công bố kết quả: chưa thể kết thúc.');
    // The status is checked first: a closed cycle is not closed again, whatever its units.
    expect(cycleRefusal('closed', 'close', ['approved'])?.message).toBe('Kỳ đánh giá đã kết thúc.');
  });

  it('moves by opening, closing and reopening only', () => {
    expect(cycleStatusAfter('open')).toBe('open');
    expect(cycleStatusAfter('close')).toBe('closed');
    expect(cycleStatusAfter('reopen')).toBe('open');
    expect(CYCLE_ACTIVITIES.filter((a) => cycleStatusAfter(a) !== null)).toEqual(['open', 'close', 'reopen']);
  });
});
