// Scoring the survey into the cycle (issue 13 §5): exact points per unit × criterion from the valid
// responses, rounded where the framework says, written to survey_scores and fed to the cycle's
// supplied points (and cleaned), within the cycle's rules; audited once per rescore; idempotent.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema/audit';
import { cycles, resultSnapshots, suppliedPoints } from '../src/db/schema/cycles';
import { surveyResponses, surveyScores, surveys } from '../src/db/schema/surveys';
import { upsertSuppliedPoints } from '../src/db/repositories/supplied-points-repository';
import { suppliedInputs } from '../src/services/appraisal/supplied-points';
import { systemActor } from '../src/services/actor';
import { rescoreSurvey, surveySource } from '../src/services/survey/scoring';
import { updateSurvey } from '../src/services/survey/surveys';
import type { DatabaseHandle } from '../src/db/client';

import { createTestDatabase } from './support/database';
import { addResponses, createSurveyFixture, q1, surveyFramework, type SurveyFixture } from './survey-results-fixtures';

let t: DatabaseHandle;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const rescore = (f: SurveyFixture, reason = 'Thử tính điểm') => t.db.transaction((tx) => rescoreSurvey(tx, systemActor, f.surveyId, reason));
const scoresOf = async (f: SurveyFixture) =>
  (await t.db.select().from(surveyScores).where(eq(surveyScores.surveyId, f.surveyId))).map((s) => ({
    unitId: s.unitId, num: s.pointsNum, den: s.pointsDen, points: s.points, respondents: s.respondents, belowMinimum: s.belowMinimum,
  }));
const supplied = async (f: SurveyFixture) => t.db.select().from(suppliedPoints).where(eq(suppliedPoints.cycleId, f.cycle.cycleId));

describe('rescoreSurvey', () => {
  it('scores exactly on a hand-computed example: 6 A, 6 B, 3 C, 17 D over 32 respondents = 10,2/32 × 10 = 3,1875, fed rounded to 2 decimals (3,19)', async () => {
    const f = await createSurveyFixture(t.db);
    const [u0] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, [...q1('A', 6), ...q1('B', 6), ...q1('C', 3), ...q1('D', 17)]);
    const result = await rescore(f);
    expect(result).toMatchObject({ units: 1, scores: 1, belowMinimum: 0, changed: 1, fed: 1, removed: 0, skipped: [] });
    expect(await scoresOf(f)).toEqual([{ unitId: u0!.id, num: '51', den: '16', points: '3.190000', respondents: 32, belowMinimum: false }]);
    const [row] = await supplied(f);
    expect(row).toMatchObject({ unitId: u0!.id, nodeKey: 'dieu-tra', points: '3.190000', source: surveySource((await t.db.select().from(surveys).where(eq(surveys.id, f.surveyId)))[0]!.name) });
    expect((await suppliedInputs(t.db, f.cycle.cycleId)).get(u0!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '3.19' } });
  });

  it('keeps the exact figure when the framework declares no rounding (3,1875 fed as it is)', async () => {
    const f = await createSurveyFixture(t.db, { document: surveyFramework({}, null) });
    const [u0] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, [...q1('A', 6), ...q1('B', 6), ...q1('C', 3), ...q1('D', 17)]);
    await rescore(f);
    expect((await suppliedInputs(t.db, f.cycle.cycleId)).get(u0!.id)).toEqual({ 'dieu-tra': { kind: 'survey', points: '3.1875' } });
  });

  it('averages a respondent over the criterion’s two questions (unweighted "Không biết" left out), then over respondents: (0,6 + 0,6 + 0) / 3 × 10 = 4', async () => {
    const f = await createSurveyFixture(t.db);
    const [, u1] = f.cycle.units;
    await addResponses(t.db, f, u1!.id, [{ q1: 'A', q2: 'C' }, { q1: 'B', q2: 'X' }, { q1: 'D' }, { q1: 'X' }]);
    await rescore(f);
    expect(await scoresOf(f)).toEqual([{ unitId: u1!.id, num: '4', den: '1', points: '4.000000', respondents: 3, belowMinimum: false }]);
  });

  it('leaves excluded responses out; feeds every scored unit and removes what the survey no longer scores, not other sources', async () => {
    const f = await createSurveyFixture(t.db);
    const [u0, u1, u2] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, [...q1('A', 2), ...q1('D', 2)]);
    const [gone] = await addResponses(t.db, f, u1!.id, q1('B', 1));
    // A figure of u2 from a file stays: it is not this survey's.
    await upsertSuppliedPoints(t.db, [{ cycleId: f.cycle.cycleId, unitId: u2!.id, nodeKey: 'dieu-tra', points: '7', source: 'diem-dieu-tra.xlsx' }]);
    await rescore(f);
    expect((await supplied(f)).map((r) => [r.unitId, r.points]).sort()).toEqual([[u0!.id, '5.000000'], [u1!.id, '6.000000'], [u2!.id, '7.000000']].sort());

    await t.db.update(surveyResponses).set({ excluded: true, excludedReason: 'Phiếu thử' }).where(eq(surveyResponses.id, gone!));
    const [excludedOne] = await addResponses(t.db, f, u0!.id, q1('A', 1));
    await t.db.update(surveyResponses).set({ excluded: true, excludedReason: 'Trùng' }).where(eq(surveyResponses.id, excludedOne!));
    const result = await rescore(f, 'Loại phiếu');
    expect(result).toMatchObject({ units: 1, scores: 1, changed: 1, fed: 0, removed: 1 });
    expect((await supplied(f)).map((r) => [r.unitId, r.points, r.source.startsWith('Điều tra XHH: ')]).sort()).toEqual(
      [[u0!.id, '5.000000', true], [u2!.id, '7.000000', false]].sort(),
    );
  });

  it('a renamed survey keeps its supplied points under its new name and still removes them when it no longer scores', async () => {
    const f = await createSurveyFixture(t.db);
    const [u0, , u2] = f.cycle.units;
    const [only] = await addResponses(t.db, f, u0!.id, q1('B', 1));
    await upsertSuppliedPoints(t.db, [{ cycleId: f.cycle.cycleId, unitId: u2!.id, nodeKey: 'dieu-tra', points: '7', source: 'diem-dieu-tra.xlsx' }]);
    await rescore(f);
    const [row] = await t.db.select().from(surveys).where(eq(surveys.id, f.surveyId));
    await updateSurvey(t.db, systemActor, f.surveyId, { version: row!.version, name: `${row!.name} (đổi tên)` });
    expect((await supplied(f)).map((r) => [r.unitId, r.source]).sort()).toEqual(
      [[u0!.id, surveySource(`${row!.name} (đổi tên)`)], [u2!.id, 'diem-dieu-tra.xlsx']].sort(),
    );
    const [renamed] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, f.surveyId), eq(auditEvents.action, 'update')));
    expect(renamed!.after).toMatchObject({ name: `${row!.name} (đổi tên)`, suppliedPointsRenamed: 1 });

    await t.db.update(surveyResponses).set({ excluded: true, excludedReason: 'Phiếu thử' }).where(eq(surveyResponses.id, only!));
    expect(await rescore(f, 'Loại phiếu')).toMatchObject({ scores: 0, removed: 1 });
    expect((await supplied(f)).map((r) => r.unitId)).toEqual([u2!.id]);
  });

  it('is idempotent: a second rescore changes nothing and writes nothing to the cycle', async () => {
    const f = await createSurveyFixture(t.db);
    await addResponses(t.db, f, f.cycle.units[0]!.id, [...q1('A', 3), ...q1('C', 1)]);
    await rescore(f);
    const first = { scores: await scoresOf(f), supplied: (await supplied(f)).map((r) => [r.unitId, r.points, r.source]) };
    const again = await rescore(f);
    expect(again).toMatchObject({ changed: 0, fed: 0, removed: 0, skipped: [] });
    expect({ scores: await scoresOf(f), supplied: (await supplied(f)).map((r) => [r.unitId, r.points, r.source]) }).toEqual(first);
  });

  it('records one audit event per rescore with the reason and the changed scores', async () => {
    const f = await createSurveyFixture(t.db);
    await addResponses(t.db, f, f.cycle.units[0]!.id, q1('B', 2));
    await rescore(f, 'Nhập tệp phieu.csv');
    await rescore(f, 'Tính lại điểm');
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'survey'), eq(auditEvents.entityId, f.surveyId))).orderBy(auditEvents.id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([['rescore', 'Nhập tệp phieu.csv'], ['rescore', 'Tính lại điểm']]);
    expect(events[0]!.before).toEqual({ scores: 0, belowMinimum: 0, withPoints: 0 });
    expect(events[0]!.after).toMatchObject({ scores: 1, changed: 1, fed: 1, changes: [{ unitId: f.cycle.units[0]!.id, criterion: '2.1', before: null, after: '6' }] });
    expect(events[1]!.after).toMatchObject({ changed: 0, fed: 0, changes: [] });
  });
});

describe('below the framework’s minimum of respondents', () => {
  it('withhold: no points fed, the score flagged; at the minimum the points are fed', async () => {
    const f = await createSurveyFixture(t.db, { document: surveyFramework({ minRespondents: 3, belowMinimum: 'withhold' }) });
    const [u0, u1] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, q1('A', 2));
    await addResponses(t.db, f, u1!.id, q1('A', 3));
    const result = await rescore(f);
    expect(result).toMatchObject({ units: 1, scores: 2, belowMinimum: 1, fed: 1 });
    const scores = await scoresOf(f);
    expect(scores.find((s) => s.unitId === u0!.id)).toEqual({ unitId: u0!.id, num: '10', den: '1', points: null, respondents: 2, belowMinimum: true });
    expect((await supplied(f)).map((r) => r.unitId)).toEqual([u1!.id]);
  });

  it('score: the points are fed and the score flagged', async () => {
    const f = await createSurveyFixture(t.db, { document: surveyFramework({ minRespondents: 3, belowMinimum: 'score' }) });
    const [u0] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, q1('B', 2));
    expect(await rescore(f)).toMatchObject({ scores: 1, belowMinimum: 1, fed: 1 });
    expect(await scoresOf(f)).toEqual([{ unitId: u0!.id, num: '6', den: '1', points: '6.000000', respondents: 2, belowMinimum: true }]);
    expect((await supplied(f)).map((r) => r.points)).toEqual(['6.000000']);
  });
});

describe('the cycle’s rules', () => {
  it('a published group’s figures are not changed (skipped and reported); the survey’s own scores are still recorded', async () => {
    const f = await createSurveyFixture(t.db);
    const [u0] = f.cycle.units;
    await addResponses(t.db, f, u0!.id, q1('A', 1));
    await rescore(f);
    await t.db.insert(resultSnapshots).values({ cycleId: f.cycle.cycleId, groupId: f.cycle.groupId, frameworkVersionId: f.cycle.frameworkVersionId, number: 1 });
    // The same figure again passes silently; a different one is skipped.
    expect(await rescore(f)).toMatchObject({ skipped: [] });
    await addResponses(t.db, f, u0!.id, q1('D', 1));
    const result = await rescore(f);
    expect(result.skipped).toEqual([{ unitCode: u0!.code, unitName: u0!.name, criterionCode: '2.1', reason: expect.stringContaining('đã công bố kết quả') }]);
    expect((await supplied(f)).map((r) => r.points)).toEqual(['10.000000']);
    expect((await scoresOf(f))[0]).toMatchObject({ points: '5.000000', respondents: 2 });
  });

  it('a second survey of the cycle leaves the points another survey fed and reports them, naming that survey; its own pairs are fed', async () => {
    const first = await createSurveyFixture(t.db);
    const second = await createSurveyFixture(t.db, { cycle: first.cycle });
    const [u0, u1] = first.cycle.units;
    await addResponses(t.db, first, u0!.id, q1('A', 1));
    await rescore(first);
    await addResponses(t.db, second, u0!.id, q1('D', 1));
    await addResponses(t.db, second, u1!.id, q1('B', 1));
    const result = await rescore(second, 'Đóng cuộc điều tra');
    const [firstRow] = await t.db.select().from(surveys).where(eq(surveys.id, first.surveyId));
    expect(result).toMatchObject({ scores: 2, fed: 1 });
    expect(result.skipped).toEqual([{ unitCode: u0!.code, unitName: u0!.name, criterionCode: '2.1', reason: `Điểm tiêu chí này do cuộc điều tra “${firstRow!.name}” cung cấp.` }]);
    const [secondRow] = await t.db.select().from(surveys).where(eq(surveys.id, second.surveyId));
    expect((await supplied(first)).map((r) => [r.unitId, r.points, r.source]).sort()).toEqual(
      [[u0!.id, '10.000000', surveySource(firstRow!.name)], [u1!.id, '6.000000', surveySource(secondRow!.name)]].sort(),
    );
    // Nor does the second survey remove the first's points when it no longer scores the unit.
    await t.db.update(surveyResponses).set({ excluded: true, excludedReason: 'Phiếu thử' }).where(eq(surveyResponses.surveyId, second.surveyId));
    expect(await rescore(second)).toMatchObject({ removed: 1 });
    expect((await supplied(first)).map((r) => [r.unitId, r.source])).toEqual([[u0!.id, surveySource(firstRow!.name)]]);
  });

  it('a closed cycle takes no survey points: everything is skipped with the cycle’s message', async () => {
    const f = await createSurveyFixture(t.db);
    await addResponses(t.db, f, f.cycle.units[0]!.id, q1('A', 1));
    await t.db.update(cycles).set({ status: 'closed' }).where(eq(cycles.id, f.cycle.cycleId));
    const result = await rescore(f);
    expect(result).toMatchObject({ scores: 1, fed: 0, skipped: [{ criterionCode: '2.1', reason: 'Kỳ đánh giá đã kết thúc: không thể nhập điểm điều tra' }] });
    expect(await supplied(f)).toEqual([]);
  });
});
