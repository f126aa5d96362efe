/** A feed of the units a unit organises (`chiso.source: units_under`): the format, and the exact average as the leaf input. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chisoAggregateInput, compareRational, frameworkToJson, parseDecimal, parseFramework, pointsToString, rational, rationalFromDecimal, roundRational,
  scoreLeaf, type FrameworkNode,
} from '../src/index.ts';
import { framework, leaf } from './helpers.ts';

const averageLeaf = {
  type: 'data_feed', feed: 'chiso.tb-don-vi-thuoc', numeratorLabel: 'Tổng chỉ số đã công bố', denominatorLabel: '100 × số đơn vị',
  zeroDenominator: 'zero_points', scoring: { kind: 'proportional' },
  chiso: { program: 'cchc-don-vi-thuoc', figure: 'index', source: 'units_under', aggregate: 'average' },
};
const schema = JSON.parse(readFileSync(new URL('../../../docs/framework.schema.json', import.meta.url), 'utf8'));

describe('chiso.source units_under in the framework format', () => {
  it('reads, keeps and writes back source, aggregate and decimals; the average is the default aggregate', () => {
    const f = framework([leaf('tb', '1', '10', { ...averageLeaf, chiso: { program: 'cchc-don-vi-thuoc', figure: 'index', source: 'units_under', decimals: 2 } })]);
    const rule = f.nodes[0]!.rule;
    expect(rule?.type === 'data_feed' && rule.chiso).toEqual({ program: 'cchc-don-vi-thuoc', figure: 'index', source: 'units_under', aggregate: 'average', decimals: 2 });
    const json = frameworkToJson(f) as { nodes: { rule: Record<string, unknown> }[] };
    expect(json.nodes[0]!.rule.chiso).toEqual({ program: 'cchc-don-vi-thuoc', figure: 'index', source: 'units_under', aggregate: 'average', decimals: 2 });
    const feedSchema = schema.$defs.rule.oneOf.find((s: { properties: { type: { const?: string } } }) => s.properties.type.const === 'data_feed');
    expect(feedSchema.properties.chiso.properties.source.enum).toEqual(['same_unit', 'units_under']);
    expect(feedSchema.properties.chiso.properties.aggregate.enum).toEqual(['average']);
  });

  it('keeps the existing meaning: without source, or with same_unit, it is the unit\'s own figure and writes back as before', () => {
    for (const chiso of [{ program: 'par-index', figure: 'index' }, { program: 'par-index', figure: 'index', source: 'same_unit' }]) {
      const f = framework([leaf('par', '1', '10', { ...averageLeaf, chiso })]);
      const json = frameworkToJson(f) as { nodes: { rule: Record<string, unknown> }[] };
      expect(json.nodes[0]!.rule.chiso).toEqual({ program: 'par-index', figure: 'index' });
    }
  });

  it('refuses an aggregate or decimals on the unit\'s own figure, an unknown source or aggregate, decimals beyond 4', () => {
    const r = parseFramework({ formatVersion: 1, id: 'f', name: 'F', nodes: [
      leaf('a', '1', '10', { ...averageLeaf, chiso: { program: 'p', figure: 'index', aggregate: 'average' } }),
      leaf('b', '2', '10', { ...averageLeaf, chiso: { program: 'p', figure: 'index', source: 'units_above' } }),
      leaf('c', '3', '10', { ...averageLeaf, chiso: { program: 'p', figure: 'index', source: 'units_under', aggregate: 'median', decimals: 5 } }),
    ] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.nodes[0].rule.chiso.aggregate', 'format_chiso_own'],
      ['$.nodes[1].rule.chiso.source', 'format_enum'],
      ['$.nodes[2].rule.chiso.aggregate', 'format_enum'],
      ['$.nodes[2].rule.chiso.decimals', 'format_type'],
    ]);
  });
});

describe('the average of published indexes as the leaf input', () => {
  const f = framework([leaf('tb', '1', '10', averageLeaf)]);
  const node: FrameworkNode = f.nodes[0]!;
  const score = (input: ReturnType<typeof chisoAggregateInput>) => scoreLeaf(node, input!, f.settings.rounding);

  it('is the exact sum over 100 × n, never a float: 81.33, 79.5 and 90.01 give 250.84/300, 8.361 points of 10', () => {
    const input = chisoAggregateInput(['81.33', '79.5', '90.01'], 'average');
    expect(input).toEqual({ kind: 'rate', numerator: '250.84', denominator: '300' });
    const s = score(input);
    // 10 × 250.84/300 = 2508.4/300 exactly (8.36133…), shown to the thousandth.
    expect(compareRational(s.exact, rational(250_84n, 3_000n))).toBe(0);
    expect(pointsToString(s.points)).toBe('8.361');
    // 0.1 + 0.2 style: the figures add exactly.
    expect(chisoAggregateInput(['0.1', '0.2'], 'average')).toEqual({ kind: 'rate', numerator: '0.3', denominator: '200' });
  });

  it('rounds the average half-up only when the rule says: decimals 2 gives 83.61 over 100', () => {
    expect(chisoAggregateInput(['81.33', '79.5', '90.01'], 'average', 2)).toEqual({ kind: 'rate', numerator: '83.61', denominator: '100' });
    expect(chisoAggregateInput(['80.005', '80'], 'average', 3)).toEqual({ kind: 'rate', numerator: '80.003', denominator: '100' });
    expect(chisoAggregateInput(['70', '71'], 'average', 0)).toEqual({ kind: 'rate', numerator: '71', denominator: '100' });
  });

  it('gives nothing for no figure or a figure that is not a non-negative decimal', () => {
    expect(chisoAggregateInput([], 'average')).toBeNull();
    expect(chisoAggregateInput(['80', 'x'], 'average')).toBeNull();
    expect(chisoAggregateInput(['80', '-1'], 'average')).toBeNull();
  });

  const arbIndex = fc.integer({ min: 0, max: 1_000_000 }).map((n) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`);
  const exact = (text: string | number) => rationalFromDecimal(parseDecimal(String(text))!);

  it('property: the rate is exactly the mean of the figures ÷ 100, whatever their order', () => {
    fc.assert(fc.property(fc.array(arbIndex, { minLength: 1, maxLength: 12 }), (figures) => {
      const input = chisoAggregateInput(figures, 'average')!;
      const rate = rational(exact(input.numerator).num * exact(input.denominator).den, exact(input.numerator).den * exact(input.denominator).num);
      const sum = figures.reduce((acc, f) => acc + exact(f).num * (10_000n / exact(f).den), 0n);
      expect(compareRational(rate, rational(sum, 10_000n * 100n * BigInt(figures.length)))).toBe(0);
      expect(chisoAggregateInput([...figures].reverse(), 'average')).toEqual(input);
    }));
  });

  it('property: a rounded average is the exact mean rounded half-up, within half a unit of its last decimal', () => {
    fc.assert(fc.property(fc.array(arbIndex, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (figures, decimals) => {
      const input = chisoAggregateInput(figures, 'average', decimals)!;
      expect(input.denominator).toBe('100');
      const exactInput = chisoAggregateInput(figures, 'average')!;
      const mean = rational(exact(exactInput.numerator).num * 100n * exact(exactInput.denominator).den, exact(exactInput.numerator).den * exact(exactInput.denominator).num);
      expect(compareRational(exact(input.numerator), roundRational(mean, decimals))).toBe(0);
    }));
  });

  it('property: the average lies between the smallest and the largest figure, and so its points within the leaf\'s range', () => {
    fc.assert(fc.property(fc.array(arbIndex, { minLength: 1, maxLength: 12 }), (figures) => {
      const input = chisoAggregateInput(figures, 'average')!;
      const mean = rational(exact(input.numerator).num * 100n, exact(input.numerator).den * exact(input.denominator).num / exact(input.denominator).den);
      const sorted = [...figures].sort((a, b) => compareRational(exact(a), exact(b)));
      expect(compareRational(mean, exact(sorted[0]!))).toBeGreaterThanOrEqual(0);
      expect(compareRational(mean, exact(sorted.at(-1)!))).toBeLessThanOrEqual(0);
    }));
  });
});
