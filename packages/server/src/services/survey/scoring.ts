/**
 * Scoring the survey into the cycle (issue 13 §5): per rated unit and survey criterion, exact, from
 * the valid responses (streamed page by page into the core's SurveyScorer); written to
 * survey_scores and fed to the cycle's supplied points (source "Điều tra XHH: <name>"), which
 * consolidation reads; audited once per rescore. Called by the import, the closing, an exclusion
 * and the "Tính lại điểm" action, always inside the caller's transaction.
 *
 * The cycle's rules hold: a closed cycle takes no survey points, and a published group's figures
 * are never changed here (a correction is an amendment) — those unit × criterion pairs are left as
 * they are and reported as skipped, while the survey's own scores are still recorded. Nor does a
 * survey overwrite points another survey of the cycle fed (the last rescore would silently win):
 * those pairs are skipped too, naming the other survey.
 */
import {
  type CycleStatus, type Framework, compareRational, type FrameworkNode, type SurveyScore, SurveyScorer, cycleRefusal, loadFramework, parseRationalText,
  rationalToText, surveyCriteriaOf, surveyMinimumOf, walkNodes,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { findCycle } from '../../db/repositories/cycle-repository';
import { listPublishedGroups } from '../../db/repositories/result-repository';
import { frameworkDocuments, listSuppliedPoints, upsertSuppliedPoints } from '../../db/repositories/supplied-points-repository';
import {
  type CycleParticipant, cycleParticipants, deleteSuppliedPointsOf, replaceSurveyScores, responsePages, scoredQuestionnaires, surveyScoresOf,
} from '../../db/repositories/survey-results-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { loadSurveyFacts, questionnaireVersionsOf, type SurveyFacts } from './survey-access';

export interface RescoreSkip {
  unitCode: string;
  unitName: string;
  criterionCode: string;
  reason: string;
}

export interface RescoreResult {
  /** Rated units with at least one scored criterion. */
  units: number;
  /** Unit × criterion scores written. */
  scores: number;
  /** Unit × criterion scores withheld or flagged for too few respondents. */
  belowMinimum: number;
  /** Unit × criterion scores whose points differ from the survey's earlier ones. */
  changed: number;
  /** Supplied points written to the cycle, and earlier ones of this survey removed. */
  fed: number;
  removed: number;
  /** What the cycle's rules kept from being fed or removed. */
  skipped: RescoreSkip[];
}

/** Changed scores and skips listed in the audit event (the counts are always whole). */
const AUDIT_LIST = 200;

/** The source the survey's supplied points carry: it names the survey (and tells its rows from imported files). */
export const surveySource = (surveyName: string): string => `Điều tra XHH: ${surveyName}`;

export interface SurveyFramework {
  frameworkVersionId: string;
  framework: Framework;
  /** The framework's survey leaves by key. */
  criteria: Map<string, FrameworkNode>;
  /** The survey's questionnaires whose rated group uses this framework version in the cycle. */
  questionnaireIds: Set<string>;
}

/** The frameworks of the groups the survey's questionnaires rate, with their survey criteria. */
export async function surveyFrameworks(db: Executor, surveyId: string): Promise<SurveyFramework[]> {
  const questionnaires = await scoredQuestionnaires(db, surveyId);
  const docs = await frameworkDocuments(db, [...new Set(questionnaires.flatMap((q) => (q.frameworkVersionId ? [q.frameworkVersionId] : [])))]);
  return [...docs].map(([frameworkVersionId, doc]) => {
    const loaded = loadFramework(doc);
    if (!loaded.ok) throw new Error('a published framework version failed to load');
    const criteria = new Map<string, FrameworkNode>();
    for (const { node } of walkNodes(loaded.framework.nodes)) if (node.children.length === 0 && node.rule?.type === 'survey') criteria.set(node.key, node);
    const questionnaireIds = new Set(questionnaires.filter((q) => q.frameworkVersionId === frameworkVersionId).map((q) => q.id));
    return { frameworkVersionId, framework: loaded.framework, criteria, questionnaireIds };
  });
}

/** One scorer per framework version the rated groups use (criteria and minimum respondents differ between frameworks). */
async function scorers(db: Executor, survey: SurveyFacts) {
  const versions = await questionnaireVersionsOf(db, survey.id);
  const scorerOfVersion = new Map<string, SurveyScorer>();
  const byFramework = (await surveyFrameworks(db, survey.id)).map(({ framework, criteria, questionnaireIds }) => {
    const own = new Map([...versions].filter(([, v]) => questionnaireIds.has(v.questionnaireId)).map(([versionId, v]) => [versionId, v.document] as const));
    const scorer = new SurveyScorer({
      questionnaires: own,
      criteria: surveyCriteriaOf(framework),
      ...surveyMinimumOf(framework),
    });
    for (const versionId of own.keys()) scorerOfVersion.set(versionId, scorer);
    return { scorer, criteria };
  });
  return { byFramework, scorerOfVersion };
}

interface Scored { score: SurveyScore; node: FrameworkNode }

/** Every score of the survey, from its valid responses read page by page. */
async function scoreResponses(db: Executor, survey: SurveyFacts): Promise<Scored[]> {
  const { byFramework, scorerOfVersion } = await scorers(db, survey);
  for await (const page of responsePages(db, survey.id, { validOnly: true })) {
    for (const r of page) scorerOfVersion.get(r.versionId)?.add(r.unitId, r.versionId, r.answers);
  }
  return byFramework.flatMap(({ scorer, criteria }) => scorer.results().map((score) => ({ score, node: criteria.get(score.nodeKey)! })));
}

const pairKey = (unitId: string, nodeKey: string) => `${unitId}\u0000${nodeKey}`;
/** Two decimal texts (or nulls) equal as numbers ("8.500000" = "8.5"). */
function samePoints(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = parseRationalText(a);
  const y = parseRationalText(b);
  return x !== null && y !== null && compareRational(x, y) === 0;
}

const SURVEY_SOURCE_PREFIX = surveySource('');
/** The name of the other survey whose points a stored source carries, or undefined (this survey's own, a file's, none). */
function otherSurveyOf(storedSource: string | undefined, ownSource: string): string | undefined {
  if (storedSource === undefined || storedSource === ownSource || !storedSource.startsWith(SURVEY_SOURCE_PREFIX)) return undefined;
  return storedSource.slice(SURVEY_SOURCE_PREFIX.length);
}

/** Writes the supplied points the survey now gives and removes the ones it no longer gives, within the cycle's rules. */
async function feedCycle(db: Executor, actor: Actor, survey: SurveyFacts, scored: readonly Scored[], earlierFed: ReadonlySet<string>, nodes: ReadonlyMap<string, FrameworkNode>) {
  const skipped: RescoreSkip[] = [];
  const cycle = await findCycle(db, survey.cycleId);
  const participants = new Map((await cycleParticipants(db, survey.cycleId)).map((p) => [p.unitId, p]));
  const source = surveySource(survey.name);
  const skip = (unit: CycleParticipant | undefined, unitId: string, nodeKey: string, reason: string) =>
    skipped.push({ unitCode: unit?.code ?? unitId, unitName: unit?.name ?? '', criterionCode: nodes.get(nodeKey)?.code ?? nodeKey, reason });

  const closed = cycleRefusal(cycle!.status as CycleStatus, 'import_supplied_points');
  const published = new Map((await listPublishedGroups(db, survey.cycleId)).map((g) => [g.groupId, g.groupName]));
  const stored = new Map((await listSuppliedPoints(db, survey.cycleId)).map((r) => [pairKey(r.unitId, r.nodeKey), r]));
  /** Why a pair may not change now, or undefined. */
  const refusal = (unit: CycleParticipant, key: string, figure: string | null): string | undefined => {
    if (closed) return closed.message;
    const group = published.get(unit.groupId);
    if (group === undefined) return undefined;
    if (samePoints(stored.get(key)?.points, figure)) return undefined;
    return `Nhóm “${group}” đã công bố kết quả: điểm điều tra không được thay đổi (chỉ sửa bằng đính chính có lý do).`;
  };

  const now = new Date();
  const feed: Parameters<typeof upsertSuppliedPoints>[1] = [];
  const fedNow = new Set<string>();
  for (const { score } of scored) {
    const figure = score.points;
    if (figure === null) continue;
    const key = pairKey(score.unitId, score.nodeKey);
    const unit = participants.get(score.unitId);
    if (!unit) {
      skip(unit, score.unitId, score.nodeKey, 'Đơn vị không tham gia kỳ đánh giá.');
      continue;
    }
    fedNow.add(key);
    const owner = otherSurveyOf(stored.get(key)?.source, source);
    const refused = owner !== undefined ? `Điểm tiêu chí này do cuộc điều tra “${owner}” cung cấp.` : refusal(unit, key, figure);
    if (refused) skip(unit, score.unitId, score.nodeKey, refused);
    else if (!(stored.get(key)?.source === source && samePoints(stored.get(key)?.points, figure))) {
      feed.push({ cycleId: survey.cycleId, unitId: score.unitId, nodeKey: score.nodeKey, points: figure, source, importedAt: now, importedBy: actor.userId || null });
    }
  }
  await upsertSuppliedPoints(db, feed);

  const gone: { unitId: string; nodeKey: string }[] = [];
  for (const key of earlierFed) {
    if (fedNow.has(key) || stored.get(key)?.source !== source) continue;
    const [unitId, nodeKey] = key.split('\u0000') as [string, string];
    const unit = participants.get(unitId);
    const refused = unit ? refusal(unit, key, null) : undefined;
    if (refused) skip(unit, unitId, nodeKey, refused);
    else gone.push({ unitId, nodeKey });
  }
  const removed = await deleteSuppliedPointsOf(db, survey.cycleId, source, gone);
  return { fed: feed.length, removed, skipped };
}

/** Recomputes every score of the survey inside the caller's transaction; `reason` goes to the audit ("Nhập tệp …", "Đóng cuộc điều tra"). */
export async function rescoreSurvey(tx: Executor, actor: Actor, surveyId: string, reason: string): Promise<RescoreResult> {
  // One rescore of a survey at a time: the second waits for the first's scores.
  const survey = await loadSurveyFacts(tx, surveyId, { forUpdate: true });
  const scored = await scoreResponses(tx, survey);
  const nodes = new Map(scored.map((c) => [c.score.nodeKey, c.node]));

  const before = await surveyScoresOf(tx, surveyId);
  const beforeOf = new Map(before.map((b) => [pairKey(b.unitId, b.nodeKey), b]));
  await replaceSurveyScores(tx, surveyId, scored.map(({ score }) => ({
    surveyId, unitId: score.unitId, nodeKey: score.nodeKey,
    pointsNum: score.exact ? score.exact.num.toString() : null, pointsDen: score.exact ? score.exact.den.toString() : null,
    points: score.points, respondents: score.respondents, belowMinimum: score.belowMinimum,
  })));
  const earlierFed = new Set(before.filter((b) => b.points !== null).map((b) => pairKey(b.unitId, b.nodeKey)));
  const feed = await feedCycle(tx, actor, survey, scored, earlierFed, nodes);

  const changes = scored.flatMap(({ score, node }) => {
    const b = beforeOf.get(pairKey(score.unitId, score.nodeKey));
    return samePoints(b?.points ?? null, score.points) ? [] : [{ unitId: score.unitId, criterion: node.code, before: b?.points ?? null, after: score.points }];
  });
  const scoredNow = new Set(scored.map((s) => pairKey(s.score.unitId, s.score.nodeKey)));
  const vanished = before.filter((b) => b.points !== null && !scoredNow.has(pairKey(b.unitId, b.nodeKey)));
  const changed = changes.length + vanished.length;
  const result: RescoreResult = {
    units: new Set(scored.filter((s) => s.score.points !== null).map((s) => s.score.unitId)).size,
    scores: scored.length,
    belowMinimum: scored.filter((s) => s.score.belowMinimum).length,
    changed,
    ...feed,
  };
  await recordAudit(tx, actor, {
    entityType: 'survey',
    entityId: surveyId,
    action: 'rescore',
    reason,
    before: { scores: before.length, belowMinimum: before.filter((b) => b.belowMinimum).length, withPoints: earlierFed.size },
    after: {
      scores: result.scores, belowMinimum: result.belowMinimum, units: result.units, changed, fed: result.fed, removed: result.removed,
      changes: [...changes, ...vanished.map((b) => ({ unitId: b.unitId, criterion: b.nodeKey, before: b.points, after: null }))].slice(0, AUDIT_LIST),
      exact: scored.slice(0, AUDIT_LIST).map(({ score, node }) => ({ unitId: score.unitId, criterion: node.code, exact: score.exact ? rationalToText(score.exact) : null, respondents: score.respondents })),
      skipped: result.skipped.slice(0, AUDIT_LIST),
    },
  });
  return result;
}
