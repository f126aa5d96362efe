import { describe, expect, it } from 'vitest';
import { diffFrameworks } from '../src/index.ts';
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
