/** A rule's defaults when its type is chosen, and the source each type requires. Pure (no React). */
import { type RuleType, parsePoints } from '@chiso/core';
import { type DocRule, SOURCES } from './document';

const rateDefaults = { numeratorLabel: 'Số đã thực hiện', denominatorLabel: 'Tổng số phải thực hiện', zeroDenominator: 'not_applicable' };

export function defaultRule(type: RuleType, maxPoints: string): DocRule {
  const max = parsePoints(maxPoints) === null ? '0' : maxPoints;
  switch (type) {
    case 'choice':
      return { type, options: [
        { key: 'dat', label: 'Đạt', points: max },
        { key: 'khong-dat', label: 'Không đạt', points: '0' },
      ] };
    case 'yes_no':
      return { type, yesPoints: max, noPoints: '0' };
    case 'rate_tiers':
      return { type, ...rateDefaults, tiers: [
        { lower: { percent: '90', inclusive: true }, upper: null, points: max },
        { lower: null, upper: { percent: '90', inclusive: false }, points: '0' },
      ] };
    case 'proportional':
      return { type, ...rateDefaults };
    case 'manual':
      return { type, min: '0', max, step: '0.25' };
    case 'deduction':
      return { type, start: max, perOccurrence: '0.5', floor: '0', occurrenceLabel: 'Số trường hợp vi phạm' };
    case 'bonus':
      return { type, mode: 'fixed', points: max, cap: max };
    case 'survey':
      return { type };
    case 'data_feed':
      return { type, feed: '', ...rateDefaults, scoring: { kind: 'proportional' } };
  }
}

/** The source a rule requires (format: survey ⇔ survey, data_feed ⇔ data_feed, otherwise self-assessment). */
export function sourceFor(type: RuleType): (typeof SOURCES)[number] {
  return type === 'survey' ? 'survey' : type === 'data_feed' ? 'data_feed' : 'self_assessment';
}
