/** Test helpers: build frameworks from the canonical JSON form, failing loudly. */
import { type Framework, parseFramework } from '../src/index.ts';

type J = Record<string, unknown>;

export function framework(nodes: J[], settings: J = {}, extra: J = {}): Framework {
  const r = parseFramework({ formatVersion: 1, id: 'test', name: 'Bộ tiêu chí thử', settings, nodes, ...extra });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.framework;
}

export function leaf(key: string, code: string, maxPoints: string, rule: J, more: J = {}): J {
  const source = rule.type === 'survey' ? 'survey' : rule.type === 'data_feed' ? 'data_feed' : 'self_assessment';
  return { key, code, name: `Tiêu chí ${code}`, maxPoints, source, rule, ...more };
}

export function group(key: string, code: string, maxPoints: string, children: J[], more: J = {}): J {
  return { key, code, name: `Nhóm ${code}`, maxPoints, children, ...more };
}

export const yesNo = (yes: string, no = '0'): J => ({ type: 'yes_no', yesPoints: yes, noPoints: no });

export const manual = (max: string, step = '0.25'): J => ({ type: 'manual', min: '0', max, step });

export function bound(percent: string, inclusive: boolean): J {
  return { percent, inclusive };
}

/** The primer's example: > 90 % → 2; 70–90 % → 1 (90 inclusive); < 70 % → 0. */
export const primerTiers: J = {
  type: 'rate_tiers',
  numeratorLabel: 'số việc hoàn thành',
  denominatorLabel: 'số việc theo kế hoạch',
  zeroDenominator: 'not_applicable',
  tiers: [
    { lower: bound('90', false), upper: null, points: '2' },
    { lower: bound('70', true), upper: bound('90', true), points: '1' },
    { lower: null, upper: bound('70', false), points: '0' },
  ],
};
