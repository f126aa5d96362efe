import { describe, expect, it } from 'vitest';
import { diffFrameworkDocuments, diffFrameworks, valueChanges } from '../src/index.ts';
import { framework, group as g, leaf as l, yesNo } from './helpers.ts';

// Names fixed per key, so renumbering changes only codes.
const group = (key: string, code: string, max: string, children: Record<string, unknown>[]) => g(key, code, max, children, { name: key });
const leaf = (key: string, code: string, max: string, rule: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  l(key, code, max, rule, { name: key, ...more });

describe('diffFrameworks', () => {
  const v1 = framework([
    group('dir', '1', '3', [leaf('plan', '1.1', '2', yesNo('2')), leaf('report', '1.2', '1', yesNo('1'))]),
    group('tthc', '2', '2', [leaf('public', '2.1', '2', yesNo('2'))]),
  ]);

  it('reports nothing between identical versions', () => {
    expect(diffFrameworks(v1, v1)).toEqual({ added: [], removed: [], changed: [], frameworkChanges: [] });
  });

  it('matches by key across renumbering and reports which fields changed', () => {
    const v2 = framework([
      group('tthc', '1', '2', [leaf('public', '1.1', '2', yesNo('1.5'), { name: 'Công khai TTHC' }), leaf('petitions', '1.2', '0.5', yesNo('0.5'))]),
      group('dir', '2', '3', [leaf('plan', '2.1', '2', yesNo('2'))]),
    ], { rounding: { indexDecimals: 3 } });
    const d = diffFrameworks(v1, v2);
    expect(d.added.map((n) => n.key)).toEqual(['petitions']);
    expect(d.removed.map((n) => [n.key, n.code])).toEqual([['report', '1.2']]);
    const byKey = Object.fromEntries(d.changed.map((c) => [c.key, c.changes.map((x) => x.field)]));
    expect(byKey).toEqual({ tthc: ['code'], public: ['code', 'name', 'rule'], dir: ['code'], plan: ['code'] });
    const rule = d.changed.find((c) => c.key === 'public')!.changes.find((c) => c.field === 'rule')!;
    expect(rule.before).toEqual({ type: 'yes_no', yesPoints: '2', noPoints: '0' });
    expect(rule.after).toEqual({ type: 'yes_no', yesPoints: '1.5', noPoints: '0' });
    expect(d.frameworkChanges).toEqual(['settings.rounding']);
  });

  it('reports a node moved to another parent', () => {
    const v2 = framework([
      group('dir', '1', '2', [leaf('plan', '1.1', '2', yesNo('2'))]),
      group('tthc', '2', '3', [leaf('public', '2.1', '2', yesNo('2')), leaf('report', '1.2', '1', yesNo('1'))]),
    ]);
    const moved = diffFrameworks(v1, v2).changed.find((c) => c.key === 'report')!;
    expect(moved.changes).toEqual([{ field: 'parent', before: 'dir', after: 'tthc' }]);
  });
});

describe('diffFrameworkDocuments', () => {
  it('compares drafts that do not parse yet, as they are', () => {
    const a = { id: 'x', name: 'A', nodes: [{ key: 'k1', code: '1', name: 'Một', maxPoints: 'hai' }] };
    const b = { id: 'x', name: 'B', nodes: [{ key: 'k1', code: '1', name: 'Một', maxPoints: '2' }, { key: 'k2', code: '2', name: 'Hai' }] };
    const d = diffFrameworkDocuments(a, b);
    expect(d.added.map((n) => n.key)).toEqual(['k2']);
    expect(d.changed).toEqual([{ key: 'k1', code: '1', name: 'Một', parentKey: null, changes: [{ field: 'maxPoints', before: 'hai', after: '2' }] }]);
    expect(d.frameworkChanges).toEqual(['name']);
  });

  it('reports a settings part present in only one document', () => {
    expect(diffFrameworkDocuments({ nodes: [] }, { nodes: [], settings: { rounding: { pointsDecimals: 2 } } }).frameworkChanges)
      .toEqual(['settings.rounding']);
  });
});

describe('valueChanges', () => {
  it('lists the scalars that differ by path, absent ones as empty text', () => {
    const before = { type: 'rate_tiers', tiers: [{ lower: { percent: '80', inclusive: true }, points: '1' }] };
    const after = { type: 'rate_tiers', tiers: [{ lower: { percent: '85', inclusive: true }, points: '1' }, { lower: null, points: '0' }] };
    expect(valueChanges(before, after)).toEqual([
      { path: 'tiers[0].lower.percent', before: '80', after: '85' },
      { path: 'tiers[1].points', before: '', after: '0' },
    ]);
  });

  it('is empty for equal values and lists every scalar of a value that appears', () => {
    expect(valueChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(valueChanges(undefined, { mayDeclareNotApplicable: true })).toEqual([{ path: 'mayDeclareNotApplicable', before: '', after: 'true' }]);
  });
});
