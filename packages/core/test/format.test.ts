import { describe, expect, it } from 'vitest';
import { loadFramework, parseFramework, points, serializeFramework } from '../src/index.ts';
import { framework, group, leaf, primerTiers, yesNo } from './helpers.ts';

describe('parseFramework', () => {
  it('reports every structural error with its JSON path', () => {
    const r = parseFramework({
      formatVersion: 2,
      id: 'x y',
      name: 'N',
      nodes: [{ key: 'a', code: '1', name: 'A', maxPoints: '1,5', rule: { type: 'magic' } }, { key: 'b', code: '2', maxPoints: '0.0001' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.formatVersion', 'format_version'],
      ['$.id', 'format_key'],
      ['$.nodes[0].maxPoints', 'format_decimal'],
      ['$.nodes[0].rule.type', 'format_enum'],
      ['$.nodes[1].name', 'format_required'],
      ['$.nodes[1].maxPoints', 'format_points_decimals'],
    ]);
  });

  it('accepts JSON text and numbers for points, with defaults for settings', () => {
    const r = parseFramework(JSON.stringify({ formatVersion: 1, id: 'f', name: 'F', nodes: [
      { key: 'a', code: '1', name: 'A', maxPoints: 0.25, source: 'self_assessment', rule: { type: 'yes_no', yesPoints: 0.25, noPoints: 0 } },
    ] }));
    expect(r.ok && r.framework.nodes[0]!.maxPoints).toBe(points('0.25'));
    expect(r.ok && r.framework.settings.ranking.basis).toBe('published');
  });

  it('rejects broken JSON text', () => {
    const r = parseFramework('{');
    expect(!r.ok && r.errors[0]!.code).toBe('format_json');
  });
});

describe('serializeFramework', () => {
  it('round-trips and writes points as decimal strings', () => {
    const f = framework([group('g', '1', '3', [
      leaf('a', '1.1', '2', primerTiers, { guidance: 'Hướng dẫn', evidenceExpected: 'Báo cáo', appraisingAgency: 'SNV' }),
      leaf('b', '1.2', '1', yesNo('1'), { applicability: { mayDeclareNotApplicable: true, condition: 'Không có TTHC' } }),
    ])], { rounding: { pointsDecimals: 2, indexDecimals: 3 }, classification: { bands: [{ key: 'a', label: 'A', minPercent: '0' }] } },
    { agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }], year: 2025 });
    const text = serializeFramework(f);
    expect(text).toContain('"maxPoints": "3"');
    expect(text).toContain('"percent": "90"');
    const again = parseFramework(text);
    expect(again.ok && again.framework).toEqual(f);
    expect(again.ok && serializeFramework(again.framework)).toBe(text);
  });
});

describe('rounding declarations', () => {
  const prop = (more: Record<string, unknown> = {}) => ({ type: 'proportional', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points', ...more });
  const feed = { type: 'data_feed', feed: 'f', numeratorLabel: 'n', denominatorLabel: 'd', zeroDenominator: 'zero_points', scoring: { kind: 'proportional' } };

  it("reads and writes back a rule's own rounding and keeps an absent pointsDecimals absent", () => {
    const f = framework([group('g', '1', '3', [
      leaf('a', '1.1', '1', prop({ rounding: { decimals: 2 } })),
      leaf('b', '1.2', '1', { type: 'survey', rounding: { decimals: 1 } }),
      leaf('c', '1.3', '1', { ...feed, rounding: { decimals: 0 } }),
    ])]);
    expect(f.settings.rounding.pointsDecimals).toBeUndefined();
    expect(f.nodes[0]!.children.map((n) => (n.rule as { rounding?: unknown }).rounding)).toEqual([{ decimals: 2 }, { decimals: 1 }, { decimals: 0 }]);
    const text = serializeFramework(f);
    expect(text).not.toContain('pointsDecimals');
    const again = parseFramework(text);
    expect(again.ok && again.framework).toEqual(f);
  });

  it("keeps an old document's pointsDecimals", () => {
    const f = framework([leaf('a', '1', '1', prop())], { rounding: { pointsDecimals: 2, indexDecimals: 2 } });
    expect(f.settings.rounding.pointsDecimals).toBe(2);
    expect(serializeFramework(f)).toContain('"pointsDecimals": 2');
  });

  it('refuses a rounding outside 0..3 decimals, with its path', () => {
    const r = parseFramework({ formatVersion: 1, id: 'f', name: 'F', nodes: [
      { key: 'a', code: '1', name: 'A', maxPoints: '1', rule: prop({ rounding: { decimals: 4 } }) },
      { key: 'b', code: '2', name: 'B', maxPoints: '1', rule: { type: 'survey', rounding: 2 } },
    ] });
    expect(!r.ok && r.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.nodes[0].rule.rounding.decimals', 'format_type'],
      ['$.nodes[1].rule.rounding', 'format_type'],
    ]);
  });
});

describe('loadFramework', () => {
  it('runs validation after parsing', () => {
    const r = loadFramework({ formatVersion: 1, id: 'f', name: 'F', nodes: [
      { key: 'g', code: '1', name: 'G', maxPoints: '2', children: [
        { key: 'a', code: '1.1', name: 'A', maxPoints: '1', source: 'self_assessment', rule: { type: 'yes_no', yesPoints: '1', noPoints: '0' } }] },
    ] });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['children_sum', 'no_agency']);
  });
});
