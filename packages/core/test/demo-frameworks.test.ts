/** The demo frameworks shipped with the server must load, validate and score. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Framework, type NodeInput, classifyScore, formatFixed, leaves, loadFramework, points, scoreUnit,
  serializeFramework, sumPoints,
} from '../src/index.ts';

const dir = new URL('../../server/src/demo/frameworks/', import.meta.url);

function load(name: string): { text: string; framework: Framework; warnings: readonly { code: string }[] } {
  const text = readFileSync(new URL(name, dir), 'utf8');
  const r = loadFramework(JSON.parse(text));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
  return { text, framework: r.framework, warnings: r.warnings };
}

/** Full marks on every leaf: the best option / yes / 100 % / max / no occurrences / max survey. */
function fullMarks(f: Framework): Record<string, NodeInput> {
  const out: Record<string, NodeInput> = {};
  for (const n of leaves(f)) {
    const r = n.rule!;
    switch (r.type) {
      case 'choice': out[n.key] = { kind: 'choice', option: r.options[0]!.key }; break;
      case 'yes_no': out[n.key] = { kind: 'yes_no', value: true }; break;
      case 'rate_tiers': case 'proportional': case 'data_feed': out[n.key] = { kind: 'rate', numerator: 100, denominator: 100 }; break;
      case 'manual': out[n.key] = { kind: 'manual', points: r.max / 1000 }; break;
      case 'deduction': case 'bonus': out[n.key] = { kind: 'count', occurrences: 0 }; break;
      case 'survey': out[n.key] = { kind: 'survey', points: n.maxPoints / 1000 }; break;
    }
  }
  return out;
}

describe.each(['departments-2025.json', 'communes-2025.json', 'task-performance-2025.json'])('%s', (file) => {
  const { text, framework, warnings } = load(file);

  it('validates without errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('is in canonical form (serializing gives the same text)', () => {
    expect(serializeFramework(framework)).toBe(text);
  });

  it('has 100 points and gives 100 for full marks', () => {
    const total = sumPoints(framework.nodes.filter((n) => n.rule?.type !== 'bonus').map((n) => n.maxPoints));
    expect(total).toBe(points(100));
    const s = scoreUnit(framework, { type: 'xa' }, fullMarks(framework));
    expect(formatFixed(s.publishedIndex!)).toBe('100,00');
    expect(classifyScore(framework, s)?.minPercent).toEqual({ units: 90n, scale: 0 });
  });
});

describe('departments-2025 keeps the illustrative framework', () => {
  const { framework } = load('departments-2025.json');
  it('has 8 fields, 30 survey points and 70 self-assessment points', () => {
    expect(framework.nodes.map((n) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const survey = sumPoints(leaves(framework).filter((n) => n.rule?.type === 'survey').map((n) => n.maxPoints));
    expect(survey).toBe(points(30));
  });
  it('scores 3.3 (on-time rate) at exactly 98 % in the 98–100 tier', () => {
    const s = scoreUnit(framework, {}, { 'ty-le-ho-so-tthc-giai': { kind: 'rate', numerator: 98, denominator: 100 } });
    expect(s.nodes.get('ty-le-ho-so-tthc-giai')!.achieved).toBe(points(3));
  });
});

describe('communes-2025', () => {
  const { framework } = load('communes-2025.json');
  it('has 8 fields and a type-specific criterion for communes and wards', () => {
    expect(framework.nodes.filter((n) => n.rule?.type !== 'bonus')).toHaveLength(8);
    const inputs = fullMarks(framework);
    const commune = scoreUnit(framework, { type: 'xa' }, inputs);
    const ward = scoreUnit(framework, { type: 'phuong' }, inputs);
    expect(commune.applicableMax).toBe(points(98));
    expect(ward.applicableMax).toBe(points(98));
    expect(commune.nodes.get('xay-dung-xa-nong-thon-moi')!.applicable).toBe(true);
    expect(ward.nodes.get('xay-dung-xa-nong-thon-moi')!.notApplicable).toEqual({ kind: 'unit_type' });
  });
  it('scores a commune without survey on its self-assessment part', () => {
    const inputs = Object.fromEntries(Object.entries(fullMarks(framework)).filter(([, v]) => v.kind !== 'survey'));
    const s = scoreUnit(framework, { type: 'xa' }, inputs);
    expect(s.surveyRescaled).toBe(true);
    expect(s.applicableMax).toBe(points(66)); // 68 self-assessment points minus 8.4 (wards only)
    expect(formatFixed(s.publishedIndex!)).toBe('100,00');
  });
});

describe('task-performance-2025', () => {
  const { framework } = load('task-performance-2025.json');
  it('uses the task-performance bands', () => {
    expect(framework.settings.classification.bands.map((b) => b.label))
      .toEqual(['Hoàn thành xuất sắc', 'Hoàn thành tốt', 'Hoàn thành', 'Không hoàn thành']);
  });
});
