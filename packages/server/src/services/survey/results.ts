/**
 * The survey's results (issue 13 §6): per questionnaire (one respondent group each) and question,
 * counts per choice with their share, the weighted mean (exact, shown rounded) and the same per
 * rated unit; the scores per unit × criterion. Counted in the database from the valid responses.
 * Readers: the owner's administrator, council and leaders; a unit's officers and head read their own
 * unit once the survey is closed. Also a unit's survey points in a cycle (its self-assessment page).
 */
import {
  type FrameworkNode, type Questionnaire, type Rational, type SurveyQuestion, addRational, formatPointsFigure, parseDecimal,
  parseRationalText, pointsToString, questionChoices, rationalFromDecimal, rationalToFixedString,
} from '@chiso/core';
import type { Executor } from '../../db/client';
import { findCycle } from '../../db/repositories/cycle-repository';
import {
  answerCounts, cycleParticipants, surveyScoresOf, surveyState, type SurveyState, unitScoresInCycle, unitsByIds, validResponseCounts,
} from '../../db/repositories/survey-results-repository';
import type { Actor } from '../actor';
import { forbidden, notFound } from '../errors';
import { maySeeUnitSurveyResults, readsAllSurveyResults } from '../policies/surveys';
import { isStaffOf } from '../policies/roles';
import { surveyFrameworks } from './scoring';
import { loadSurveyFacts, questionnairesOf, questionnaireVersionsOf, type QuestionnaireOfSurvey, type SurveyFacts } from './survey-access';

/** Counts of one question, overall or for one unit. */
interface Tally {
  n: number;
  choices: Map<string, number>;
  weightSum: Rational;
  weighted: number;
  numberSum: Rational;
  numbers: number;
}
const newTally = (): Tally => ({ n: 0, choices: new Map(), weightSum: { num: 0n, den: 1n }, weighted: 0, numberSum: { num: 0n, den: 1n }, numbers: 0 });

export interface QuestionAggregate {
  question: SurveyQuestion;
  /** The questionnaire version whose labels and choices are shown (the current one where it has the question). */
  document: Questionnaire;
  total: Tally;
  byUnit: Map<string, Tally>;
}

export interface QuestionnaireAggregate {
  questionnaire: QuestionnaireOfSurvey;
  responses: number;
  responsesByUnit: Map<string, number>;
  questions: QuestionAggregate[];
}

/** Questions answered with choices of a list (yes/no has the built-in one). */
export const isChoiceQuestion = (question: SurveyQuestion): boolean =>
  question.type === 'likert' || question.type === 'select_one' || question.type === 'select_multiple' || question.type === 'yes_no';

const times = (r: Rational, n: number): Rational => ({ num: r.num * BigInt(n), den: r.den });

function count(t: Tally, question: SurveyQuestion, document: Questionnaire, value: string, n: number) {
  t.n += n;
  if (isChoiceQuestion(question)) {
    const names = question.type === 'select_multiple' ? value.split(' ').filter(Boolean) : [value];
    for (const name of names) t.choices.set(name, (t.choices.get(name) ?? 0) + n);
    // A weighted mean only where one answer carries one weight (the scoring's rule).
    const weight = question.type === 'select_multiple' ? undefined : questionChoices(document, question).find((c) => c.name === value)?.weight;
    const w = weight === undefined ? null : parseDecimal(weight);
    if (w) {
      t.weightSum = addRational(t.weightSum, times(rationalFromDecimal(w), n));
      t.weighted += n;
    }
  } else if (question.type === 'integer' || question.type === 'decimal') {
    const d = parseDecimal(value);
    if (d) {
      t.numberSum = addRational(t.numberSum, times(rationalFromDecimal(d), n));
      t.numbers += n;
    }
  }
}

/** The mean of a tally: weighted questions in percent, numbers as they are; 2 decimals, half up. */
export function tallyMean(t: Tally): string | null {
  if (t.weighted > 0) return rationalToFixedString({ num: t.weightSum.num * 100n, den: t.weightSum.den * BigInt(t.weighted) }, 2);
  if (t.numbers > 0) return rationalToFixedString({ num: t.numberSum.num, den: t.numberSum.den * BigInt(t.numbers) }, 2);
  return null;
}

/** Counts per questionnaire, question and choice, overall and per unit, from the valid responses. */
export async function aggregateAnswers(db: Executor, surveyId: string, filter: { unitId?: string; group?: string } = {}): Promise<QuestionnaireAggregate[]> {
  const questionnaires = (await questionnairesOf(db, surveyId)).filter((q) => !filter.group || q.respondentGroup === filter.group);
  const versions = [...(await questionnaireVersionsOf(db, surveyId))].filter(([, v]) => questionnaires.some((q) => q.id === v.questionnaireId));
  const versionIds = versions.map(([id]) => id);
  const byQuestionnaire = new Map<string, QuestionnaireAggregate>(questionnaires.map((q) => [q.id, { questionnaire: q, responses: 0, responsesByUnit: new Map(), questions: [] }]));
  // The questions of the current version first, then any only older versions asked.
  const questionOf = new Map<string, QuestionAggregate>();
  const addQuestions = (questionnaireId: string, document: Questionnaire) => {
    for (const question of document.questions) {
      const key = `${questionnaireId}\u0000${question.name}`;
      if (question.type === 'note' || questionOf.has(key)) continue;
      const agg: QuestionAggregate = { question, document, total: newTally(), byUnit: new Map() };
      questionOf.set(key, agg);
      byQuestionnaire.get(questionnaireId)!.questions.push(agg);
    }
  };
  for (const q of questionnaires) if (q.document) addQuestions(q.id, q.document);
  for (const [, v] of versions) addQuestions(v.questionnaireId, v.document);
  const versionOf = new Map(versions.map(([id, v]) => [id, { questionnaireId: v.questionnaireId, questions: new Map(v.document.questions.map((x) => [x.name, x])), document: v.document }]));

  for (const c of await answerCounts(db, surveyId, { ...(filter.unitId ? { unitId: filter.unitId } : {}), versionIds })) {
    const version = versionOf.get(c.versionId);
    const question = version?.questions.get(c.question);
    const agg = version && questionOf.get(`${version.questionnaireId}\u0000${c.question}`);
    if (!version || !question || !agg) continue;
    count(agg.total, question, version.document, c.value, c.count);
    let unit = agg.byUnit.get(c.unitId);
    if (!unit) agg.byUnit.set(c.unitId, (unit = newTally()));
    count(unit, question, version.document, c.value, c.count);
  }
  for (const r of await validResponseCounts(db, surveyId, { ...(filter.unitId ? { unitId: filter.unitId } : {}), versionIds })) {
    const agg = byQuestionnaire.get(versionOf.get(r.versionId)?.questionnaireId ?? '');
    if (!agg) continue;
    agg.responses += r.count;
    agg.responsesByUnit.set(r.unitId, (agg.responsesByUnit.get(r.unitId) ?? 0) + r.count);
  }
  return [...byQuestionnaire.values()];
}

/** The choices of a question with their counts: the list's order, then any answer the list lacks. */
export function choiceRows(agg: QuestionAggregate, tally: Tally) {
  const listed = isChoiceQuestion(agg.question) ? questionChoices(agg.document, agg.question) : [];
  const extra = [...tally.choices.keys()].filter((name) => !listed.some((c) => c.name === name)).map((name) => ({ name, label: name, weight: undefined }));
  return [...listed, ...extra].map((c) => ({ name: c.name, label: c.label, weight: c.weight ?? null, count: tally.choices.get(c.name) ?? 0 }));
}

const share = (n: number, of: number) => (of > 0 ? rationalToFixedString({ num: BigInt(n) * 100n, den: BigInt(of) }, 1) : '0.0');

/** A stored decimal ("8.500000") or fraction as its plain exact text ("8.5"). */
export function plainFigure(text: string | null): string | null {
  const r = text === null ? null : parseRationalText(text);
  return r ? formatPointsFigure(r, 0, 'plain') : null;
}

export interface ScoreView {
  unitId: string;
  unitCode: string;
  unitName: string;
  nodeKey: string;
  criterionCode: string;
  criterionName: string;
  maxPoints: string;
  points: string | null;
  exact: string | null;
  respondents: number;
  belowMinimum: boolean;
}

/** The survey's scores per unit × criterion, with the criteria's codes and names, by unit code then criterion code. */
export async function scoreViews(db: Executor, survey: SurveyFacts, unitId?: string): Promise<ScoreView[]> {
  const nodes = new Map<string, FrameworkNode>();
  for (const f of await surveyFrameworks(db, survey.id)) for (const [key, node] of f.criteria) nodes.set(key, node);
  const scores = await surveyScoresOf(db, survey.id, unitId);
  const units = await unitsByIds(db, [...new Set(scores.map((s) => s.unitId))]);
  return scores
    .map((s) => {
      const node = nodes.get(s.nodeKey);
      return {
        unitId: s.unitId, unitCode: units.get(s.unitId)?.code ?? '', unitName: units.get(s.unitId)?.name ?? '', nodeKey: s.nodeKey,
        criterionCode: node?.code ?? s.nodeKey, criterionName: node?.name ?? '', maxPoints: node ? pointsToString(node.maxPoints) : '',
        points: plainFigure(s.points), exact: s.pointsNum && s.pointsDen ? plainFigure(`${s.pointsNum}/${s.pointsDen}`) : null,
        respondents: s.respondents, belowMinimum: s.belowMinimum,
      };
    })
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.criterionCode.localeCompare(b.criterionCode, 'vi', { numeric: true }));
}

/**
 * Who reads what: everything for those who read all of the owner's results; else only the reader's
 * own unit once the survey is closed. Returns the unit the reader is held to, or undefined for all.
 */
export function readableUnit(actor: Actor, survey: SurveyFacts, unitId: string | undefined): string | undefined {
  if (readsAllSurveyResults(actor, survey.ownerUnitId)) return unitId;
  const own = unitId ?? actor.unitId;
  if (maySeeUnitSurveyResults(actor, survey, own)) return own;
  throw forbidden(isStaffOf(actor, own)
    ? 'Kết quả điều tra của đơn vị được xem sau khi cuộc điều tra kết thúc.'
    : 'Bạn chỉ xem được kết quả điều tra xã hội học của đơn vị mình.');
}

export interface SurveyResultsView {
  survey: SurveyState;
  units: { id: string; code: string; name: string }[];
  groups: { key: string; label: string }[];
  questionnaires: {
    id: string; code: string; title: string; respondentGroup: string; respondentGroupLabel: string; responses: number;
    questions: {
      name: string; label: string; type: string; criterionKey: string | null; n: number; mean: string | null;
      choices: { name: string; label: string; weight: string | null; count: number; share: string }[];
      byUnit: { unitId: string; n: number; mean: string | null }[];
    }[];
  }[];
  scores: ScoreView[];
  mayExport: boolean;
}

export async function surveyResults(db: Executor, actor: Actor, surveyId: string, query: { unitId?: string; group?: string } = {}): Promise<SurveyResultsView> {
  const survey = await loadSurveyFacts(db, surveyId);
  const unitId = readableUnit(actor, survey, query.unitId);
  const readsAll = readsAllSurveyResults(actor, survey.ownerUnitId);
  const all = await questionnairesOf(db, surveyId);
  const ratedGroups = new Set(all.map((q) => q.ratedGroupId));
  const participants = (await cycleParticipants(db, survey.cycleId)).filter((p) => ratedGroups.has(p.groupId) && (readsAll || p.unitId === unitId));
  const groups = [...new Map(all.map((q) => [q.respondentGroup, q.respondentGroupLabel])).entries()].map(([key, label]) => ({ key, label }));
  const aggregates = await aggregateAnswers(db, surveyId, { ...(unitId ? { unitId } : {}), ...(query.group ? { group: query.group } : {}) });
  return {
    survey: await surveyState(db, surveyId),
    units: participants.map((p) => ({ id: p.unitId, code: p.code, name: p.name })),
    groups,
    questionnaires: aggregates.map((a) => ({
      id: a.questionnaire.id, code: a.questionnaire.code, title: a.questionnaire.title, respondentGroup: a.questionnaire.respondentGroup,
      respondentGroupLabel: a.questionnaire.respondentGroupLabel, responses: a.responses,
      questions: a.questions.map((q) => ({
        name: q.question.name, label: q.question.label, type: q.question.type, criterionKey: q.question.criterionKey ?? null, n: q.total.n, mean: tallyMean(q.total),
        choices: choiceRows(q, q.total).map((c) => ({ ...c, share: share(c.count, q.total.n) })),
        byUnit: [...q.byUnit].map(([id, t]) => ({ unitId: id, n: t.n, mean: tallyMean(t) })),
      })),
    })),
    scores: await scoreViews(db, survey, unitId),
    mayExport: readsAll,
  };
}

export interface UnitSurveyPointsView {
  surveyId: string;
  surveyName: string;
  status: SurveyFacts['status'];
  nodeKey: string;
  points: string | null;
  respondents: number;
  belowMinimum: boolean;
  mayOpenResults: boolean;
}

/**
 * A unit's survey points in a cycle, per survey and criterion: for those who read the owner's
 * results, and for the unit's own staff (closed surveys only).
 */
export async function unitSurveyPoints(db: Executor, actor: Actor, cycleId: string, unitId: string): Promise<UnitSurveyPointsView[]> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  const readsAll = readsAllSurveyResults(actor, cycle.ownerUnitId);
  if (!readsAll && !isStaffOf(actor, unitId)) throw forbidden('Bạn chỉ xem được điểm điều tra xã hội học của đơn vị mình.');
  return (await unitScoresInCycle(db, cycleId, unitId))
    .filter((r) => readsAll || r.status === 'closed')
    .map((r) => {
      const status = r.status as SurveyFacts['status'];
      return {
        surveyId: r.surveyId, surveyName: r.surveyName, status, nodeKey: r.nodeKey, points: plainFigure(r.points), respondents: r.respondents,
        belowMinimum: r.belowMinimum, mayOpenResults: maySeeUnitSurveyResults(actor, { ownerUnitId: r.ownerUnitId, status }, unitId),
      };
    });
}
