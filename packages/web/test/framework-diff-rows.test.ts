// The diff page shows the server's comparison: one row per changed field, or per scalar changed
// inside a rule, and a moved node's parents by their codes in each version.
import { describe, expect, it } from 'vitest';
import type { VersionDiff } from '../src/api/frameworks';
import { diffRows, sameCriteria } from '../src/pages/frameworks/diff-rows';
import { toDoc } from '../src/pages/frameworks/model';

const doc = (nodes: unknown[]) => toDoc({ id: 'fw', name: 'Bộ', nodes }, { id: '', name: '' });
const from = doc([
  { key: 'a', code: '1', name: 'Chỉ đạo', maxPoints: '3', children: [{ key: 'x', code: '1.1', name: 'Kế hoạch', maxPoints: '1' }] },
  { key: 'b', code: '2', name: 'Thủ tục', maxPoints: '2' },
]);
const to = doc([
  { key: 'b', code: '1', name: 'Thủ tục', maxPoints: '2', children: [{ key: 'x', code: '1.1', name: 'Kế hoạch', maxPoints: '1' }] },
  { key: 'a', code: '2', name: 'Chỉ đạo', maxPoints: '3' },
]);
const ref = { key: 'x', code: '1.1', name: 'Kế hoạch năm', parentKey: 'b' };

describe('rows of the framework diff', () => {
  it('gives one row per scalar field, the first carrying the node over all its rows', () => {
    const rows = diffRows([{ ...ref, fields: [
      { field: 'name', before: 'Kế hoạch', after: 'Kế hoạch năm' },
      { field: 'guidance', before: undefined, after: 'Xem văn bản' },
    ] }], from, to);
    expect(rows).toEqual([
      { key: 'x', code: '1.1', name: 'Kế hoạch năm', field: 'name', from: 'Kế hoạch', to: 'Kế hoạch năm', first: true, span: 2 },
      { key: 'x', code: '1.1', name: 'Kế hoạch năm', field: 'guidance', from: '', to: 'Xem văn bản', first: false, span: 2 },
    ]);
  });

  it('splits a changed rule into the scalars the server lists as changed', () => {
    const rows = diffRows([{ ...ref, fields: [{
      field: 'rule', before: { type: 'yes_no' }, after: { type: 'yes_no' },
      parts: [{ path: 'yesPoints', before: '1', after: '0.5' }, { path: 'tiers[1].points', before: '', after: '0' }],
    }] }], from, to);
    expect(rows.map((r) => [r.field, r.sub, r.from, r.to, r.span])).toEqual([
      ['rule', 'yesPoints', '1', '0.5', 2],
      ['rule', 'tiers[1].points', '', '0', 2],
    ]);
  });

  it('names a moved node\'s parents by their code in each version and their key', () => {
    const [row] = diffRows([{ ...ref, fields: [{ field: 'parent', before: 'a', after: 'b' }] }], from, to);
    expect(row).toMatchObject({ field: 'parent', from: '1 (a)', to: '1 (b)' });
    const [gone] = diffRows([{ ...ref, fields: [{ field: 'parent', before: 'zz', after: null }] }], from, to);
    expect(gone).toMatchObject({ from: 'zz', to: '' });
  });

  it('knows two versions with the same criteria', () => {
    const none: Pick<VersionDiff, 'added' | 'removed' | 'changed'> = { added: [], removed: [], changed: [] };
    expect(sameCriteria(none)).toBe(true);
    expect(sameCriteria({ ...none, added: [ref] })).toBe(false);
    expect(sameCriteria({ ...none, changed: [{ ...ref, fields: [] }] })).toBe(false);
  });
});
