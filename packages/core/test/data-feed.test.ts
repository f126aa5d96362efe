/** Data-feed leaves: the `chiso` feed in the format, the final-appraisal refusal, a published figure as input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chisoFigureInput, dataFeedRefusal, frameworkToJson, isAppraisalFinal, parseFramework, points, scoreLeaf, UNIT_STATES, type FrameworkNode,
} from '../src/index.ts';
import { bound, framework, group, leaf } from './helpers.ts';

const parIndexLeaf = {
  type: 'data_feed', feed: 'chiso.chi-so-cchc', numeratorLabel: 'Chỉ số CCHC đã công bố (%)', denominatorLabel: 'Thang điểm (100)',
  zeroDenominator: 'zero_points',
  scoring: { kind: 'tiers', tiers: [
    { lower: bound('90', true), upper: null, points: '10' },
    { lower: bound('80', true), upper: bound('90', false), points: '8' },
    { lower: null, upper: bound('80', false), points: '0' },
  ] },
  chiso: { program: 'par-index', figure: 'index' },
};
const schema = JSON.parse(readFileSync(new URL('../../../docs/framework.schema.json', import.meta.url), 'utf8'));

describe('a feed from chiso itself in the framework format', () => {
  it('reads, keeps and writes back the program and figure', () => {
    const f = framework([group('g', '1', '10', [leaf('par', '1.1', '10', parIndexLeaf)])]);
    const rule = f.nodes[0]!.children[0]!.rule;
    expect(rule?.type === 'data_feed' && rule.chiso).toEqual({ program: 'par-index', figure: 'index' });
    const json = frameworkToJson(f) as { nodes: { children: { rule: Record<string, unknown> }[] }[] };
    expect(json.nodes[0]!.children[0]!.rule.chiso).toEqual({ program: 'par-index', figure: 'index' });
    // Declared in the JSON schema, with the same figures.
    const feedSchema = schema.$defs.rule.oneOf.find((s: { properties: { type: { const?: string } } }) => s.properties.type.const === 'data_feed');
    expect(feedSchema.properties.chiso.properties.figure.enum).toEqual(['index']);
  });

  it('is optional: a data feed without it has no chiso field', () => {
    const { chiso: _omit, ...plain } = parIndexLeaf;
    const f = framework([group('g', '1', '10', [leaf('par', '1.1', '10', plain)])]);
    const rule = f.nodes[0]!.children[0]!.rule;
    expect(rule?.type === 'data_feed' && 'chiso' in rule).toBe(false);
  });

  it('refuses an unknown figure and a bad program key, with their paths', () => {
    const r = parseFramework({ formatVersion: 1, id: 'f', name: 'F', nodes: [
      leaf('a', '1', '10', { ...parIndexLeaf, chiso: { program: 'par index', figure: 'rank' } }),
      leaf('b', '2', '10', { ...parIndexLeaf, chiso: 'par-index' }),
    ] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['$.nodes[0].rule.chiso.program', 'format_key'],
      ['$.nodes[0].rule.chiso.figure', 'format_enum'],
      ['$.nodes[1].rule.chiso', 'format_type'],
    ]);
  });

  it('the demo task-performance framework takes the published PAR index', () => {
    const doc = JSON.parse(readFileSync(new URL('../../server/src/demo/frameworks/task-performance-2025.json', import.meta.url), 'utf8'));
    const r = parseFramework(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const feeds = [...r.framework.nodes.flatMap((n) => n.children)].filter((n) => n.rule?.type === 'data_feed' && n.rule.chiso);
    expect(feeds.map((n) => n.key)).toEqual(['chi-so-cchc-nam-cua-don']);
  });
});

describe('a published chiso figure as the leaf input', () => {
  const f = framework([leaf('par', '1', '10', parIndexLeaf)]);
  const node: FrameworkNode = f.nodes[0]!;
  const rounding = f.settings.rounding;
  it('is the index over 100, scored by the tiers', () => {
    const input = chisoFigureInput('85.37');
    expect(input).toEqual({ kind: 'rate', numerator: '85.37', denominator: '100' });
    expect(scoreLeaf(node, input!, rounding).points).toBe(points('8'));
    expect(scoreLeaf(node, chisoFigureInput('90')!, rounding).points).toBe(points('10'));
  });
  it('refuses a figure that is not a non-negative decimal', () => {
    expect(chisoFigureInput('abc')).toBeNull();
    expect(chisoFigureInput('-1')).toBeNull();
  });
});

describe('a data-feed value after the appraisal is final', () => {
  it('is refused from "appraised" on, asking for an amendment; accepted before', () => {
    const final = UNIT_STATES.filter(isAppraisalFinal);
    expect(final).toEqual(['appraised', 'council_reviewed', 'approved', 'published']);
    for (const s of UNIT_STATES) {
      const refusal = dataFeedRefusal(s, 'SNV');
      if (final.includes(s)) expect(refusal).toMatch(/đính chính/);
      else expect(refusal).toBeNull();
    }
    expect(dataFeedRefusal('published', 'SNV')).toMatch(/đã công bố/);
  });
});
