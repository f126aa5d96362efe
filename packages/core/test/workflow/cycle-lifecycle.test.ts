import { describe, expect, it } from 'vitest';
import { type CycleActivity, type CycleStatus, cycleRefusal, cycleStatusAfter } from '../../src/index.ts';

describe('cycle lifecycle', () => {
  const cases: [CycleStatus, CycleActivity, string | null][] = [
    ['setup', 'configure', null],
    ['open', 'configure', null],
    ['closed', 'configure', 'Kỳ đánh giá đã kết thúc: không thể thay đổi.'],
    ['setup', 'configure_setup', null],
    ['open', 'configure_setup', 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.'],
    ['closed', 'configure_setup', 'Kỳ đánh giá đã kết thúc: không thể thay đổi.'],
    ['setup', 'open', null],
    ['open', 'open', 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.'],
    ['setup', 'workflow', 'Kỳ đánh giá chưa mở hoặc đã kết thúc.'],
    ['open', 'workflow', null],
    ['closed', 'workflow', 'Kỳ đánh giá chưa mở hoặc đã kết thúc.'],
  ];
  it.each(cases)('%s, %s → %s', (status, activity, message) => {
    expect(cycleRefusal(status, activity)?.message ?? null).toBe(message);
  });

  it('moves only by opening', () => {
    expect(cycleStatusAfter('open')).toBe('open');
    expect(cycleStatusAfter('configure')).toBeNull();
  });
});
