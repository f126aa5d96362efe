/** A rule's defaults when its type is chosen, the source each type requires, and the edits of the rule form. Pure (no React). */
import { type RuleType, parsePoints } from '@chiso/core';
import { type DocRule, type DocTier, SOURCES } from './document';

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

// ---------- rule edits from the rule form ----------

/** A computed rule's own rounding as the form shows it: "exact" (none declared) or its number of decimals. */
export function roundingChoice(rule: DocRule): string {
  const decimals = (rule.rounding as { decimals?: number } | undefined)?.decimals;
  return decimals === undefined ? 'exact' : String(decimals);
}

/** The rule with its own rounding set ("0"…"3" decimals) or removed ("exact": follow the framework, or stay exact). */
export function withRounding(rule: DocRule, choice: string): DocRule {
  const { rounding: _old, ...rest } = rule;
  return choice === 'exact' ? (rest as DocRule) : { ...rest, type: rule.type, rounding: { decimals: Number(choice) } };
}

export interface DocOption {
  key: string;
  label: string;
  points: string;
}

/** A choice rule's options (none while the list is not one yet). */
export function optionsOf(rule: DocRule): DocOption[] {
  return (Array.isArray(rule.options) ? rule.options : []) as DocOption[];
}

/** One more option, worth 0, keyed by its position ("muc-3"). */
export function withNewOption(options: readonly DocOption[]): DocOption[] {
  return [...options, { key: `muc-${options.length + 1}`, label: '', points: '0' }];
}

export type DataFeedScoring = { kind: 'tiers' | 'proportional'; tiers?: DocTier[] };

/** How a data-feed rule scores its rate (proportional unless it says otherwise). */
export function scoringOf(rule: DocRule): DataFeedScoring {
  return (rule.scoring ?? { kind: 'proportional' }) as DataFeedScoring;
}

/** The scoring of another kind: tiers keep the ones already typed. */
export function scoringOfKind(current: DataFeedScoring, kind: DataFeedScoring['kind']): DataFeedScoring {
  return kind === 'tiers' ? { kind, tiers: current.tiers ?? [] } : { kind };
}

/** A tier bound as the form offers it: inclusive, exclusive, or unbounded. */
export type BoundKind = 'incl' | 'excl' | 'none';

export function boundKind(bound: DocTier['lower']): BoundKind {
  return bound ? (bound.inclusive ? 'incl' : 'excl') : 'none';
}

/** A bound of this kind; its percentage is the one typed, else the current one, else 0. */
export function boundOf(current: DocTier['lower'], kind: BoundKind, percent?: string): DocTier['lower'] {
  return kind === 'none' ? null : { percent: percent ?? current?.percent ?? '0', inclusive: kind === 'incl' };
}

/** A new tier: from 0 % up, worth 0. */
export const NEW_TIER: DocTier = { lower: { percent: '0', inclusive: true }, upper: null, points: '0' };
