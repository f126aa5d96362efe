/**
 * The sociological survey of the 2025 departments' cycle (issue 13), marked as sample data (DỮ LIỆU
 * MINH HỌA), played through the survey's services as the province's administrator runs it: the
 * survey with its two questionnaires uploaded from the committed workbooks (questionnaires.ts), a
 * quota per department, the citizens' list and its sample, shared and counter links; answers on
 * the links (seeded, answers.ts: a few too fast, one straight-lining, then excluded with a reason);
 * one batch of paper forms typed twice by two administrators, one difference left to reconcile;
 * the scores fed to the departments' survey criteria. The survey stays open.
 *
 * Each step is done only when the survey's state asks for it, so a run cut short is completed by
 * the next and a complete demo is left as it is.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkResponse, responseFlags, vietnamDay, type Questionnaire } from '@chiso/core';
import type { SurveyDetail } from '@chiso/contract';
import type { Database } from '../../db/client';
import { findCycleByName } from '../../db/repositories/cycle-repository';
import { findGroupByCode, findGroupSetByCode } from '../../db/repositories/group-set-repository';
import { invitationCounts, listInvitations, markInvitationUsed } from '../../db/repositories/survey-invitation-repository';
import { insertSurveyResponses, type NewSurveyResponse } from '../../db/repositories/survey-response-repository';
import { questionnairesOf } from '../../db/repositories/survey-repository';
import type { Actor } from '../../services/actor';
import { commandContext } from '../../services/context';
import { rescoreSurveyNow } from '../../services/survey/closing';
import { createInvitations } from '../../services/survey/invitations';
import { dayKept } from '../../services/survey/link-day';
import { createPaperBatch, enterPaperForm, listPaperBatches } from '../../services/survey/paper-entry';
import { setResponseExcluded, surveyQuality } from '../../services/survey/quality';
import { createQuestionnaire, getQuestionnaire, uploadQuestionnaireXlsx } from '../../services/survey/questionnaires';
import { setQuotas } from '../../services/survey/quotas';
import { importRespondents } from '../../services/survey/respondents';
import { drawQuestionnaireSample } from '../../services/survey/sample';
import { createSurvey, getSurvey, listSurveys, openSurvey } from '../../services/survey/surveys';
import { demoCycleName } from '../load-demo-cycle';
import { demoActor } from '../levels/shared';
import { demoAnswers, straightLined } from './answers';
import { questionnaireFile } from './generate';
import { DEMO_QUESTIONNAIRES, type DemoQuestionnaireSource } from './questionnaires';
import { demoRespondentTable } from './respondents';

const [DEPUTIES, CITIZENS] = DEMO_QUESTIONNAIRES as [DemoQuestionnaireSource, DemoQuestionnaireSource];

/** The names and figures of the demo's survey (its test, the README and the user guide refer to them). */
export const DEMO_SURVEY = {
  name: 'Điều tra xã hội học Chỉ số CCHC các sở, ban, ngành năm 2025 (DỮ LIỆU MINH HỌA)',
  admin: 'snv.quantri',
  /** The second administrator, who types the paper forms' second round. */
  secondTypist: 'snv.cchc',
  /** Per department: the quota, the links shared with deputies and commune leaders, how many answered. */
  deputies: { code: DEPUTIES.code, quota: 40, links: 35, answered: 30 },
  /** Per department: the quota, the people listed, answers from the sample's links and from the counter's. */
  citizens: { code: CITIZENS.code, quota: 10, listed: 16, answeredFromSample: 7, counterLinks: 4, answeredAtCounter: 2 },
  paper: { unit: 'SXD', forms: 6, label: 'Phiếu giấy hội nghị tiếp xúc cử tri tháng 10/2025 — Sở Xây dựng (DỮ LIỆU MINH HỌA)' },
  /** Deputies' answers (department, respondent number) given in under a minute. */
  tooFast: [['STP', 3], ['SCT', 11], ['SYT', 20]] as readonly (readonly [string, number])[],
  /** The deputy's answer that rates everything "Bình thường"; the administrator excludes it. */
  straightLining: ['SNNMT', 5] as const,
  exclusionReason: 'Chọn cùng một mức cho mọi câu, thời gian trả lời ngắn: không phản ánh đánh giá thực (DỮ LIỆU MINH HỌA).',
};

const DAY = 86_400_000;

interface Demo {
  db: Database;
  admin: Actor;
  now: Date;
  survey: SurveyDetail;
}

const questionnaireId = (survey: SurveyDetail, code: string) => survey.questionnaires.find((q) => q.code === code)!.id;

async function findOrCreateSurvey(db: Database, admin: Actor, now: Date): Promise<SurveyDetail | null> {
  const cycle = await findCycleByName(db, { ownerUnitId: null, programCode: 'par-index', year: 2025, name: demoCycleName });
  if (!cycle) return null;
  const existing = (await listSurveys(db, admin, cycle.id)).find((s) => s.name === DEMO_SURVEY.name);
  if (existing) return getSurvey(db, admin, existing.id);
  return createSurvey(db, admin, {
    cycleId: cycle.id, name: DEMO_SURVEY.name, opensOn: vietnamDay(now.getTime() - 21 * DAY), closesOn: vietnamDay(now.getTime() + 14 * DAY),
  });
}

/** The questionnaire (created if missing), its version uploaded from the committed workbook, the same quota for every department. */
async function setUpQuestionnaire({ db, admin, survey }: Demo, source: DemoQuestionnaireSource, groupId: string, quota: number): Promise<void> {
  const existing = survey.questionnaires.find((q) => q.code === source.code);
  const id = existing?.id ?? (await createQuestionnaire(db, admin, survey.id, {
    code: source.code, title: source.title, respondentGroup: source.respondentGroup, respondentGroupLabel: source.respondentGroupLabel, ratedGroupId: groupId,
  })).id;
  let detail = await getQuestionnaire(db, admin, survey.id, id);
  if (!detail.current) detail = await uploadQuestionnaireXlsx(db, admin, survey.id, id, readFileSync(questionnaireFile(source)), source.file);
  if (detail.units.every((u) => u.quota === 0)) await setQuotas(db, admin, survey.id, id, { version: detail.version, every: quota });
}

/** While a draft: questionnaires, quotas, the citizens' list and its sample; then open. */
async function setUp(demo: Demo): Promise<string[]> {
  const { db, admin } = demo;
  if (demo.survey.status !== 'draft') return [];
  const set = await findGroupSetByCode(db, 'par-2025');
  const group = set ? await findGroupByCode(db, set.id, 'so-ban-nganh') : undefined;
  if (!group) return [];
  await setUpQuestionnaire(demo, DEPUTIES, group.id, DEMO_SURVEY.deputies.quota);
  await setUpQuestionnaire(demo, CITIZENS, group.id, DEMO_SURVEY.citizens.quota);
  let survey = await getSurvey(db, admin, demo.survey.id);
  const citizens = await getQuestionnaire(db, admin, survey.id, questionnaireId(survey, CITIZENS.code));
  if (citizens.units.every((u) => u.respondents === 0)) {
    const list = demoRespondentTable(citizens.units.map((u) => u.code), DEMO_SURVEY.citizens.listed);
    await importRespondents(db, admin, survey.id, citizens.id, list, { fileName: 'danh-sach-nguoi-dan-quy-3-2025.xlsx' });
  }
  if (citizens.units.every((u) => u.sampled === 0)) await drawQuestionnaireSample(db, admin, survey.id, citizens.id);
  survey = await getSurvey(db, admin, survey.id);
  demo.survey = await openSurvey(db, admin, survey.id, survey.version);
  return [`${DEMO_QUESTIONNAIRES.length} phiếu hỏi, mẫu ${survey.counts.sampled} người dân`];
}

/** Links shared with the deputies and commune leaders, and a few printed at each department's counter. */
async function shareLinks({ db, admin, survey }: Demo): Promise<void> {
  const counts = await invitationCounts(db, survey.id);
  const ctx = commandContext(db, admin);
  const made = (code: string) => counts.filter((c) => c.questionnaireCode === code).reduce((n, c) => n + c.created, 0);
  if (made(DEPUTIES.code) === 0) {
    await createInvitations(ctx, survey.id, { questionnaireId: questionnaireId(survey, DEPUTIES.code), allUnits: true, count: DEMO_SURVEY.deputies.links, channel: 'shared' });
  }
  const sampled = survey.counts.sampled;
  if (made(CITIZENS.code) <= sampled) {
    await createInvitations(ctx, survey.id, { questionnaireId: questionnaireId(survey, CITIZENS.code), allUnits: true, count: DEMO_SURVEY.citizens.counterLinks, channel: 'counter' });
  }
}

/** The answer's moment in the last three weeks and how long it took: 3 to 15 minutes, the too-fast ones under a minute. */
function timing(now: Date, unitCode: string, respondent: number, fast: boolean): { startedAt: Date; at: Date; seconds: number } {
  const at = new Date(now.getTime() - (1 + ((respondent * 7 + unitCode.length) % 20)) * DAY - (respondent % 9) * 3_600_000);
  const seconds = fast ? 25 + (respondent % 4) * 5 : (3 + ((respondent * 5 + unitCode.charCodeAt(0)) % 13)) * 60;
  return { startedAt: new Date(at.getTime() - seconds * 1000), at, seconds };
}

/**
 * Answers through unused links until each department has `target` used links of the channel: each
 * answer checked and flagged by the core as the public form does (checkResponse, responseFlags),
 * then stored in one batch and the links marked used — the form's one request per answer would
 * make the demo load seconds longer.
 */
async function answerLinks({ db, survey, now }: Demo, code: string, channel: string, target: number, seed: string): Promise<number> {
  const qId = questionnaireId(survey, code);
  const version = (await questionnairesOf(db, survey.id)).find((q) => q.id === qId)!;
  const document = version.document!;
  const { items } = await listInvitations(db, { questionnaireId: qId, channel });
  const byUnit = new Map<string, typeof items>();
  for (const link of items) byUnit.set(link.unitCode, [...(byUnit.get(link.unitCode) ?? []), link]);
  const answered: { link: string; response: NewSurveyResponse; day: Date }[] = [];
  for (const [unitCode, links] of byUnit) {
    const unused = links.filter((l) => l.usedAt === null && l.revokedAt === null);
    for (let n = links.length - unused.length; n < target && unused.length > 0; n++) {
      const link = unused.shift()!;
      const fast = code === DEPUTIES.code && DEMO_SURVEY.tooFast.some(([u, r]) => u === unitCode && r === n);
      const lined = code === DEPUTIES.code && DEMO_SURVEY.straightLining[0] === unitCode && DEMO_SURVEY.straightLining[1] === n;
      const given = demoAnswers(document, unitCode, `${seed}-${n}`);
      const checked = checkResponse(document, lined ? straightLined(document, given) : given);
      if ('errors' in checked) throw new Error(`Câu trả lời mẫu không hợp lệ: ${checked.errors.map((e) => e.message).join('; ')}`);
      const { startedAt, at, seconds } = timing(now, unitCode, n, fast || lined);
      answered.push({
        link: link.id, day: dayKept(at),
        response: {
          questionnaireVersionId: version.versionId!, unitId: link.unitId, channel: 'link', clientKey: randomUUID(), startedAt: dayKept(startedAt), submittedAt: dayKept(at), durationSeconds: seconds,
          flags: responseFlags(document, checked.answers, { durationSeconds: seconds, minSeconds: survey.minSeconds }), answers: checked.answers,
        },
      });
    }
  }
  await db.transaction(async (tx) => {
    await insertSurveyResponses(tx, survey.id, answered.map((a) => a.response));
    for (const a of answered) await markInvitationUsed(tx, a.link, a.day);
  });
  return answered.length;
}

/** Six paper forms from a meeting with voters, typed by one administrator and again by another; form 6's two typings differ in one answer. */
async function typePaperForms({ db, admin, survey }: Demo): Promise<number> {
  if ((await listPaperBatches(db, admin, survey.id)).length > 0) return 0;
  const qId = questionnaireId(survey, DEPUTIES.code);
  const detail = await getQuestionnaire(db, admin, survey.id, qId);
  const unit = detail.units.find((u) => u.code === DEMO_SURVEY.paper.unit)!;
  const document = detail.current!.document as Questionnaire;
  const second = await demoActor(db, DEMO_SURVEY.secondTypist);
  const batch = await createPaperBatch(db, admin, survey.id, { questionnaireId: qId, unitId: unit.id, label: DEMO_SURVEY.paper.label });
  for (let i = 1; i <= DEMO_SURVEY.paper.forms; i++) {
    const formNumber = String(i).padStart(3, '0');
    const answers = demoAnswers(document, unit.code, `giay-${i}`);
    await enterPaperForm(db, admin, survey.id, batch.id, { formNumber, round: 1, answers });
    // The last form: the second typist read "Tốt" where the first typed the paper's "Bình thường" (or the reverse).
    const misread = i === DEMO_SURVEY.paper.forms ? { ...answers, vbqppl: answers.vbqppl === 'b' ? 'c' : 'b' } : answers;
    await enterPaperForm(db, second, survey.id, batch.id, { formNumber, round: 2, answers: misread });
  }
  return DEMO_SURVEY.paper.forms;
}

/**
 * The administrator reviews the flags: the answer that rates everything alike in under a minute is
 * excluded with a reason (which rescores); an enthusiast's straight "Rất tốt" given over minutes is
 * kept. Otherwise a plain rescore.
 */
async function reviewAndScore({ db, admin, survey }: Demo): Promise<void> {
  const flagged = (await surveyQuality(db, admin, survey.id, { flag: 'straight_lining' })).flagged;
  const lined = flagged.find((r) => !r.excluded && r.flags.includes('too_fast'));
  if (lined) await setResponseExcluded(db, admin, survey.id, lined.id, { excluded: true, reason: DEMO_SURVEY.exclusionReason });
  else await rescoreSurveyNow(db, admin, survey.id, 'Tính điểm dữ liệu mẫu');
}

export async function loadDemoSurvey(db: Database, now: Date = new Date()): Promise<{ lines: string[] }> {
  const admin = await demoActor(db, DEMO_SURVEY.admin);
  const survey = await findOrCreateSurvey(db, admin, now);
  if (!survey || survey.status === 'closed') return { lines: [] };
  const demo: Demo = { db, admin, now, survey };
  const lines = await setUp(demo);
  await shareLinks(demo);
  const online = await answerLinks(demo, DEPUTIES.code, 'shared', DEMO_SURVEY.deputies.answered, 'dai-bieu')
    + await answerLinks(demo, CITIZENS.code, 'sample', DEMO_SURVEY.citizens.answeredFromSample, 'mau')
    + await answerLinks(demo, CITIZENS.code, 'counter', DEMO_SURVEY.citizens.answeredAtCounter, 'quay');
  const paper = await typePaperForms(demo);
  if (online + paper === 0 && lines.length === 0) return { lines: [] };
  await reviewAndScore(demo);
  const detail = await getSurvey(db, admin, survey.id);
  const typed = paper > 0 ? `; ${paper} phiếu giấy nhập hai lượt, 1 phiếu chờ đối chiếu` : '';
  return { lines: [`Điều tra XHH mẫu: ${DEMO_SURVEY.name}, ${[...lines, `${detail.counts.responses} phiếu trả lời (${online} trực tuyến)`].join(', ')}${typed}`] };
}
