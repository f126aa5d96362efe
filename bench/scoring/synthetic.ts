/**
 * A synthetic commune framework (8 fields, 150 leaves, 100 points, every normal rule type)
 * and seeded random inputs, for the scoring benchmark. Deterministic for a given seed.
 */
import { type Framework, type NodeInput, type UnitInputs, type UnitProfile, loadFramework } from '../../packages/core/src/index.ts';

/** mulberry32: small, fast, seeded PRNG (Math.random cannot be seeded). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type J = Record<string, unknown>;
const RULES = ['choice', 'yes_no', 'rate_tiers', 'proportional', 'manual', 'deduction', 'survey', 'data_feed'] as const;
const LEAVES_PER_FIELD = [19, 19, 19, 19, 19, 19, 18, 18]; // 150 leaves

/** Points as canonical strings from thousandths. */
const s = (milli: number) => (milli / 1000).toString();

function tiers(maxMilli: number): J[] {
  return [
    { lower: { percent: '90', inclusive: true }, upper: null, points: s(maxMilli) },
    { lower: { percent: '70', inclusive: true }, upper: { percent: '90', inclusive: false }, points: s(maxMilli / 2) },
    { lower: null, upper: { percent: '70', inclusive: false }, points: '0' },
  ];
}

function rule(type: (typeof RULES)[number], m: number): J {
  const rate = { numeratorLabel: 'Số đạt', denominatorLabel: 'Tổng số', zeroDenominator: 'not_applicable' };
  switch (type) {
    case 'choice': return { type, options: [{ key: 'a', label: 'Tốt', points: s(m) }, { key: 'b', label: 'Đạt', points: s(m / 2) }, { key: 'c', label: 'Không đạt', points: '0' }] };
    case 'yes_no': return { type, yesPoints: s(m), noPoints: '0' };
    case 'rate_tiers': return { type, ...rate, tiers: tiers(m) };
    case 'proportional': return { type, ...rate };
    case 'manual': return { type, min: '0', max: s(m), step: '0.25' };
    case 'deduction': return { type, start: s(m), perOccurrence: '0.25', floor: '0', occurrenceLabel: 'Số lần vi phạm' };
    case 'survey': return { type };
    case 'data_feed': return { type, feed: 'feed', ...rate, scoring: { kind: 'tiers', tiers: tiers(m) } };
  }
}

export function syntheticFramework(): Framework {
  let leafNo = 0;
  const fields: J[] = LEAVES_PER_FIELD.map((count, f) => {
    const criteria: J[] = [];
    let fieldMax = 0;
    for (let c = 0; c * 5 < count; c++) {
      const leaves: J[] = [];
      let critMax = 0;
      for (let l = c * 5; l < Math.min(count, c * 5 + 5); l++) {
        // 100 leaves of 0,75 and 50 of 0,5: exactly 100 points.
        const m = leafNo % 3 === 2 ? 500 : 750;
        const type = RULES[leafNo % RULES.length]!;
        const code = `${f + 1}.${c + 1}.${l - c * 5 + 1}`;
        const applicability: J | undefined = leafNo % 10 === 3 ? { mayDeclareNotApplicable: true, condition: 'Không phát sinh' }
          : leafNo === 40 ? { unitTypes: ['xa'] } : leafNo === 41 ? { unitTypes: ['phuong'] } : undefined;
        leaves.push({
          key: `leaf-${leafNo}`, code, name: `Tiêu chí ${code}`, maxPoints: s(m),
          source: type === 'survey' ? 'survey' : type === 'data_feed' ? 'data_feed' : 'self_assessment',
          ...(applicability ? { applicability } : {}), rule: rule(type, m),
        });
        critMax += m;
        leafNo++;
      }
      criteria.push({ key: `crit-${f + 1}-${c + 1}`, code: `${f + 1}.${c + 1}`, name: `Tiêu chí ${f + 1}.${c + 1}`, maxPoints: s(critMax), children: leaves });
      fieldMax += critMax;
    }
    return { key: `field-${f + 1}`, code: `${f + 1}`, name: `Lĩnh vực ${f + 1}`, maxPoints: s(fieldMax), appraisingAgency: 'SNV', children: criteria };
  });
  const r = loadFramework({
    formatVersion: 1, id: 'bench', name: 'Bộ tiêu chí tổng hợp cho đo hiệu năng',
    agencies: [{ code: 'SNV', name: 'Sở Nội vụ' }],
    settings: {
      classification: { bands: [
        { key: 'xs', label: 'Xuất sắc', minPercent: '90' }, { key: 'tot', label: 'Tốt', minPercent: '80' },
        { key: 'kha', label: 'Khá', minPercent: '70' }, { key: 'tb', label: 'Trung bình', minPercent: '50' },
        { key: 'yeu', label: 'Yếu', minPercent: '0' }] },
      ranking: { basis: 'published', tieBreaks: [{ kind: 'component_index', fieldKey: 'field-3' }] },
    },
    nodes: fields,
  });
  if (!r.ok) throw new Error('synthetic framework invalid: ' + r.errors.map((e) => e.message).join('; '));
  return r.framework;
}

export interface SyntheticUnit {
  readonly unitId: string;
  readonly group: string;
  readonly profile: UnitProfile;
  readonly inputs: UnitInputs;
}

/** Units with random but plausible inputs (mostly good, some gaps and NA claims). */
export function syntheticUnits(framework: Framework, count: number, seed: number): SyntheticUnit[] {
  const rand = rng(seed);
  const leaves: { key: string; type: string; max: number; mayNa: boolean }[] = [];
  const walk = (nodes: Framework['nodes']) => nodes.forEach((n) => {
    if (n.rule) leaves.push({ key: n.key, type: n.rule.type, max: n.maxPoints, mayNa: n.applicability?.mayDeclareNotApplicable ?? false });
    walk(n.children);
  });
  walk(framework.nodes);
  const types = ['xa', 'phuong', 'dac-khu'];
  return Array.from({ length: count }, (_, u) => {
    const type = types[u % 20 === 0 ? 2 : u % 3 === 0 ? 1 : 0]!;
    const inputs: Record<string, NodeInput> = {};
    // Each unit has a skill level, so indexes (and classes) spread like a real cohort.
    const skill = 0.45 + 0.55 * rand();
    for (const l of leaves) {
      if (l.mayNa && rand() < 0.05) {
        inputs[l.key] = { kind: 'not_applicable', reason: 'Không phát sinh trong năm' };
        continue;
      }
      const ok = rand() < skill;
      const x = rand();
      switch (l.type) {
        case 'choice': inputs[l.key] = { kind: 'choice', option: ok ? 'a' : x < 0.5 ? 'b' : 'c' }; break;
        case 'yes_no': inputs[l.key] = { kind: 'yes_no', value: ok }; break;
        case 'rate_tiers': case 'proportional': case 'data_feed': {
          const den = 1 + Math.floor(rand() * 500);
          const share = ok ? 0.9 + 0.1 * x : 0.5 + 0.4 * x;
          inputs[l.key] = { kind: 'rate', numerator: Math.floor(den * share), denominator: den };
          break;
        }
        case 'manual': {
          const steps = l.max / 250; // quarter-point steps up to the maximum
          inputs[l.key] = { kind: 'manual', points: ((ok ? steps : Math.floor(x * steps)) * 0.25).toString() };
          break;
        }
        case 'deduction': inputs[l.key] = { kind: 'count', occurrences: ok ? 0 : 1 + Math.floor(x * 3) }; break;
        case 'survey': inputs[l.key] = { kind: 'survey', points: (Math.floor(l.max * (ok ? 0.85 + 0.15 * x : 0.4 + 0.4 * x)) / 1000).toString() }; break;
      }
    }
    return { unitId: `u${String(u).padStart(4, '0')}`, group: type === 'phuong' ? 'phuong' : 'xa', profile: { type }, inputs };
  });
}
