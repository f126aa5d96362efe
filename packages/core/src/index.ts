/**
 * @chiso/core — the pure domain engine of chiso: exact decimals, criteria frameworks,
 * validation, scoring, index, ranking, classification, comparison. No I/O.
 */
export * from './decimal/index.ts';
export type { Issue } from './issues.ts';
export type * from './framework/types.ts';
export { isLeaf, isBonusNode, walkNodes, indexNodes, leaves, type NodeVisit } from './framework/tree.ts';
export {
  parseFramework, loadFramework, serializeFramework, frameworkToJson, FORMAT_VERSION, MAX_NODE_DEPTH, DEFAULT_SETTINGS, type ParseResult,
  NODE_SOURCES, ZERO_DENOMINATORS, CHISO_FIGURES, CHISO_SOURCES, CHISO_AGGREGATES, RULE_TYPES, SURVEY_BELOW_MINIMUM, MAX_SURVEY_MIN_RESPONDENTS,
} from './framework/format.ts';
export { validateFramework, checkTiers, hasErrors } from './framework/validate.ts';
export type * from './scoring/inputs.ts';
export { scoreLeaf, inTier, tierText, type LeafEvaluation, type LeafStatus } from './scoring/leaf.ts';
export {
  scoreUnit, traceUnit, scoreWithApplicableLeaves, percentOf, type UnitScore, type NodeScore, type ComponentIndex, type NotApplicableReason,
} from './scoring/score.ts';
export {
  rankUnits, rankByGroup, rankingComparator, type Rankable, type RankEntry, type RankedUnit, type RankingSettings,
} from './ranking/rank.ts';
export { classifyIndex, classifyScore, USUAL_CLASS_ORDER } from './ranking/classify.ts';
export {
  compareCycles, type CycleResult, type CycleComparison, type Lineage, type Derivation, type CompareOptions,
} from './ranking/compare.ts';
export {
  yearOverYear, classChange, decimalAverage, decimalDifference, type ComparisonBasis, type ClassChange, type YoyFieldResult, type YoyCurrentRow,
  type YoyEarlierResult, type YoyEarlierYear, type YoyUnitYear, type YoyFieldChange, type YoyUnit, type YoyClassCount, type YearOverYearInput,
  type YearOverYearFigures,
} from './results/year-over-year.ts';
export { earlierYears, lineageLink, type YoyAncestor, type YoyDatedResult, type YoyLineageInput } from './results/year-over-year-lineage.ts';
export {
  diffFrameworks, diffFrameworkDocuments, valueChanges, NODE_FIELDS, type FrameworkDiff, type ValueChange, type FieldChange, type NodeField, type NodeRef,
} from './framework/diff.ts';
export { unitScoreToJson, type UnitScoreJson, type NodeScoreJson } from './scoring/json.ts';
export * from './workflow/index.ts';
export { describeAuditEvent, describeAutosaves, groupAutosaves, type AuditFacts, type AuditLine } from './audit/sentence.ts';
export { detectTextEncoding, isValidUtf8, textEncodingNames, type TextEncoding } from './text/encoding.ts';
export { findUnsafeJson, showJsonPath, type UnsafeJson } from './text/unsafe-json.ts';
export * from './messages/index.ts';
export {
  replayFramework, replayInput, replayInputs, replayUnit, replayMatches, leafNodes, type PublishedLeaf, type PublishedUnit,
} from './results/replay.ts';
export {
  lostPoints, nextTierAbove, type LostPointsKind, type LostPointsLine, type LostPointsLedger, type LostCause, type BetterTier,
  type FieldLoss, type LedgerLeaf, type LedgerUnit,
} from './results/lost-points.ts';
export {
  replayGroup, standingWith, whatIf, sensitivity, type Standing, type WhatIfOption, type WhatIfTarget, type PublishedGroupScores,
  type ReplayedGroup, type UnitSensitivity, type CriterionSensitivity, type Sensitivity,
} from './results/what-if.ts';
export * from './follow-up/tasks.ts';
export * from './follow-up/remediation.ts';
export * from './follow-up/targets.ts';
export * from './follow-up/external-indices.ts';
export * from './follow-up/mid-year-risk.ts';
export * from './survey/index.ts';
