// The demo's sociological survey (issue 13): the departments' 2025 survey, open, its two
// questionnaires uploaded from the committed workbooks, quotas, the citizens' list and sample,
// answers on links (flagged ones among them, the straight-lining one excluded), one paper batch with
// a difference left to reconcile, and the scores fed to the departments' survey criteria —
// checked against a score computed here by hand; loading again changes nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client';
import { rows } from '../src/db/repositories/unit-repository';
import { countSurveyResponses } from '../src/db/repositories/survey-response-repository';
import { loadDemoProvince } from '../src/demo/load-demo';
import { loadDemoFrameworks } from '../src/demo/load-demo-frameworks';
import { loadDemoCycle, type DemoCycleResult } from '../src/demo/load-demo-cycle';
import { demoActor } from '../src/demo/levels/shared';
import { DEMO_SURVEY, loadDemoSurvey } from '../src/demo/survey';
import { listPaperBatches } from '../src/services/survey/paper-entry';
import { surveyQuality } from '../src/services/survey/quality';
import { getSurvey, listSurveys } from '../src/services/survey/surveys';
import { createTestDatabase } from './support/database';

let database: DatabaseHandle;
let cycle: DemoCycleResult;
let firstLoad: { lines: string[] };
let loadSeconds = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoProvince(database.db);
  await loadDemoFrameworks(database.db);
  cycle = await loadDemoCycle(database.db);
  const started = performance.now();
  firstLoad = await loadDemoSurvey(database.db);
  loadSeconds = (performance.now() - started) / 1000;
}, 240_000);
afterAll(async () => database?.close());

const DEPARTMENTS = 15;

async function theSurvey() {
  const admin = await demoActor(database.db, DEMO_SURVEY.admin);
  const [summary] = (await listSurveys(database.db, admin, cycle.cycleId)).filter((s) => s.name === DEMO_SURVEY.name);
  return { admin, survey: await getSurvey(database.db, admin, summary!.id) };
}

/** The exact points of one unit and criterion, computed here: mean weight of the valid answers to its questions × its maximum, rounded half up to 2 decimals. */
async function handScore(surveyId: string, unitId: string, questions: string[], maxPoints: bigint): Promise<{ points: string; respondents: number }> {
  const weight: Record<string, bigint> = { a: 10n, b: 6n, c: 2n, d: 0n }; // tenths
  const answers = rows<{ response_id: string; value: string }>(await database.db.execute(sql`
    select a.response_id, a.value from survey_answers a join survey_responses r on r.id = a.response_id
    where r.survey_id = ${surveyId} and r.unit_id = ${unitId} and not r.excluded
      and a.question in (${sql.join(questions.map((q) => sql`${q}`), sql`, `)})`));
  // Per respondent: the mean of its weighted answers to the criterion's questions; then the mean over respondents.
  const perRespondent = new Map<string, bigint[]>();
  for (const a of answers) if (a.value in weight) perRespondent.set(String(a.response_id), [...(perRespondent.get(String(a.response_id)) ?? []), weight[a.value]!]);
  let num = 0n;
  let den = 1n;
  for (const ws of perRespondent.values()) {
    // num/den += (sum(ws) / (10 × len)) — kept as one fraction
    const n = ws.reduce((s, w) => s + w, 0n);
    const d = 10n * BigInt(ws.length);
    num = num * d + n * den;
    den *= d;
  }
  den *= BigInt(perRespondent.size);
  // × maxPoints, in hundredths, half up.
  const hundredths = (num * maxPoints * 100n * 2n + den) / (2n * den);
  return { points: `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`, respondents: perRespondent.size };
}

describe('demo survey', () => {
  it('loads the departments\' 2025 survey, open, marked as sample data, in a few seconds', async () => {
    expect(firstLoad.lines).toHaveLength(1);
    expect(firstLoad.lines[0]).toContain('DỮ LIỆU MINH HỌA');
    const { survey } = await theSurvey();
    expect(survey.status).toBe('open');
    expect(survey.questionnaires.map((q) => [q.code, q.currentVersion?.number])).toEqual([[DEMO_SURVEY.deputies.code, 1], [DEMO_SURVEY.citizens.code, 1]]);
    expect(survey.counts).toMatchObject({
      quota: DEPARTMENTS * (DEMO_SURVEY.deputies.quota + DEMO_SURVEY.citizens.quota),
      respondents: DEPARTMENTS * DEMO_SURVEY.citizens.listed,
      sampled: DEPARTMENTS * DEMO_SURVEY.citizens.quota,
    });
    console.info(`loadDemoSurvey: ${loadSeconds.toFixed(1)} s`);
  });

  it('has answers from links and paper: flags, one exclusion, one form to reconcile', async () => {
    const { admin, survey } = await theSurvey();
    const online = DEPARTMENTS * (DEMO_SURVEY.deputies.answered + DEMO_SURVEY.citizens.answeredFromSample + DEMO_SURVEY.citizens.answeredAtCounter);
    expect(await countSurveyResponses(database.db, survey.id)).toEqual({ link: online, paper: DEMO_SURVEY.paper.forms - 1 });

    const quality = await surveyQuality(database.db, admin, survey.id);
    expect(quality.totals.excluded).toBe(1);
    // The three too fast and the straight-lining one (also too fast); a few enthusiasts rate every question alike on their own.
    expect(quality.totals.flags.too_fast).toBe(DEMO_SURVEY.tooFast.length + 1);
    expect(quality.totals.flags.straight_lining).toBeGreaterThanOrEqual(1);
    const excluded = quality.flagged.find((r) => r.excluded)!;
    expect(excluded).toMatchObject({ flags: ['too_fast', 'straight_lining'], excludedReason: DEMO_SURVEY.exclusionReason, unitName: expect.stringContaining('Nông nghiệp') });
    expect(excluded.answers.filter((a) => a.value === 'c').length).toBeGreaterThanOrEqual(5);

    const [batch] = await listPaperBatches(database.db, admin, survey.id);
    expect(batch!.unit.code).toBe(DEMO_SURVEY.paper.unit);
    expect(batch!.progress).toMatchObject({ forms: DEMO_SURVEY.paper.forms, agreed: DEMO_SURVEY.paper.forms - 1, differences: 1 });
  });

  it('feeds the departments\' survey criteria: Sở Tư pháp\'s 1.6 (two questions) and 6.5 as computed by hand', async () => {
    const { survey } = await theSurvey();
    const stp = (await database.db.execute(sql`select id from units where code = 'STP'`));
    const unitId = String(rows<{ id: string }>(stp)[0]!.id);
    const fed = rows<{ node_key: string; points: string; source: string }>(await database.db.execute(sql`
      select node_key, points::text, source from supplied_points where cycle_id = ${cycle.cycleId} and unit_id = ${unitId}`));
    expect(fed).toHaveLength(8);
    expect(new Set(fed.map((f) => f.source))).toEqual(new Set([`Điều tra XHH: ${DEMO_SURVEY.name}`]));
    const pointsOf = (key: string) => Number(fed.find((f) => f.node_key === key)!.points).toFixed(2);

    const finance = await handScore(survey.id, unitId, ['tai_chinh'], 2n);
    expect(pointsOf('cong-tac-quan-ly-tai-chinh')).toBe(finance.points);
    const leadership = await handScore(survey.id, unitId, ['lanh_dao_nang_dong', 'lanh_dao_trach_nhiem'], 3n);
    expect(pointsOf('su-nang-dong-quyet-tam-cua')).toBe(leadership.points);
    // Sở Tư pháp is among the better departments of the demo, never full marks.
    expect(Number(leadership.points)).toBeGreaterThan(0);
    expect(Number(leadership.points)).toBeLessThan(3);
    const stored = rows<{ respondents: number }>(await database.db.execute(sql`
      select respondents from survey_scores where survey_id = ${survey.id} and unit_id = ${unitId} and node_key = 'cong-tac-quan-ly-tai-chinh'`));
    expect(Number(stored[0]!.respondents)).toBe(finance.respondents);
  });

  it('loads nothing the second time', async () => {
    const { survey } = await theSurvey();
    const before = await countSurveyResponses(database.db, survey.id);
    expect((await loadDemoSurvey(database.db)).lines).toEqual([]);
    expect(await countSurveyResponses(database.db, survey.id)).toEqual(before);
    const admin = await demoActor(database.db, DEMO_SURVEY.admin);
    expect((await listSurveys(database.db, admin, cycle.cycleId)).filter((s) => s.name === DEMO_SURVEY.name)).toHaveLength(1);
  });
});
