import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type RemediationSourceLine, compareRational, draftRemediationItems, parseRationalText, pointsAtStake, rationalToText, remediationCause, remediationCompletion, sumRational,
} from '../src/index.ts';

const line = (code: string, lostExact: string, extra: Partial<RemediationSourceLine> = {}): RemediationSourceLine => ({
  source: 'criterion', key: `k-${code}`, fieldKey: `f-${code.split('.')[0]}`, code, name: `Tiêu chí ${code}`, lostExact, kind: 'not_achieved', reason: null, ...extra,
});
const r = (text: string) => parseRationalText(text)!;

describe('draftRemediationItems', () => {
  it('makes one item per criterion that lost points, biggest loss first, and keeps the cause and reason', () => {
    const items = draftRemediationItems([
      line('1.1', '4'),
      line('2.1', '11/4', { kind: 'survey' }),
      line('1.2', '3', { kind: 'appraisal_change', reason: 'Báo cáo nộp trễ hạn' }),
      line('1.3', '0'),
    ]);
    expect(items.map((i) => [i.position, i.code, rationalToText(i.pointsLost), i.nodeKey])).toEqual([
      [1, '1.1', '4', 'k-1.1'], [2, '1.2', '3', 'k-1.2'], [3, '2.1', '11/4', 'k-2.1'],
    ]);
    expect(items[1]!.cause).toBe('Thẩm định giảm điểm; lý do: Báo cáo nộp trễ hạn');
    expect(rationalToText(pointsAtStake(items))).toBe('39/4');
  });

  it('orders equal losses by code as people number them (1.2 before 1.10)', () => {
    expect(draftRemediationItems([line('1.10', '1'), line('1.2', '1')]).map((i) => i.code)).toEqual(['1.2', '1.10']);
  });

  it('drafts a field of an imported result as such, with the field key and no criterion', () => {
    const [item] = draftRemediationItems([{ source: 'field', key: 'cai-cach-the-che', fieldKey: null, code: '2', name: 'Cải cách thể chế', lostExact: '2.5', kind: null, reason: null }]);
    expect(item).toMatchObject({ source: 'field', nodeKey: null, fieldKey: 'cai-cach-the-che', code: '2' });
    expect(item!.cause).toMatch(/không có chi tiết theo tiêu chí/);
  });

  it('names the next tier of a rate below it', () => {
    expect(remediationCause(line('3.1', '1', { kind: 'below_tier', nextTier: 'từ 80% đến dưới 100%' }))).toBe('Chưa đạt mức cao hơn; mức cao hơn từ 80% đến dưới 100%');
  });

  it('gives items whose points at stake are exactly the unit’s total loss (property)', () => {
    const lost = fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 999 })).map(([n, d]) => `${n}/${d}`);
    fc.assert(fc.property(fc.array(lost, { maxLength: 30 }), (losses) => {
      const items = draftRemediationItems(losses.map((l, i) => line(`1.${i + 1}`, l)));
      const total = sumRational(losses.map(r));
      expect(rationalToText(pointsAtStake(items))).toBe(rationalToText(total));
      expect(items.every((it, i) => i === 0 || compareRational(items[i - 1]!.pointsLost, it.pointsLost) >= 0)).toBe(true);
    }));
  });
});

describe('remediationCompletion', () => {
  const items = [{ id: 'a', pointsLost: r('2.5') }, { id: 'b', pointsLost: r('1/3') }, { id: 'c', pointsLost: null }];

  it('counts each quarter’s statuses; an item done stays done later; points recovered are exact', () => {
    const c = remediationCompletion(items, [
      { itemId: 'a', quarter: 1, status: 'done' },
      { itemId: 'b', quarter: 1, status: 'in_progress' },
      { itemId: 'b', quarter: 2, status: 'done' },
      { itemId: 'c', quarter: 3, status: 'in_progress' },
    ]);
    expect(rationalToText(c.pointsAtStake)).toBe('17/6');
    expect(c.quarters.map((q) => [q.quarter, q.done, q.inProgress, q.notStarted, rationalToText(q.pointsRecovered)])).toEqual([
      [1, 1, 1, 1, '5/2'], [2, 2, 0, 1, '17/6'], [3, 2, 1, 0, '17/6'], [4, 2, 0, 1, '17/6'],
    ]);
  });

  it('a later report overrides a done item', () => {
    const c = remediationCompletion(items, [{ itemId: 'a', quarter: 1, status: 'done' }, { itemId: 'a', quarter: 2, status: 'in_progress' }]);
    expect(c.quarters.map((q) => q.done)).toEqual([1, 0, 0, 0]);
  });
});
