/**
 * Quotas (chỉ tiêu mẫu, issue 13 §2): how many answers each rated unit should get from a
 * questionnaire — the sample drawn per unit and the response rates are measured against them. Set
 * as a list per unit or the same for every unit; each change replaces them all and is audited.
 */
import type { QuestionnaireDetail } from '@chiso/contract';
import type { Database } from '../../db/client';
import { bumpQuestionnaire, quotasOf, ratedUnits, replaceQuotas } from '../../db/repositories/survey-setup-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { ErrorDetail } from '../errors';
import { staleVersion } from '../errors';
import { invalidMany } from '../units/errors';
import { questionnaireDetail, questionnaireOf, surveyInSetup } from './questionnaires';

export interface QuotasInput {
  version: number;
  /** The same quota for every rated unit. */
  every?: number;
  quotas?: { unitId: string; quota: number }[];
}

export async function setQuotas(db: Database, actor: Actor, surveyId: string, questionnaireId: string, input: QuotasInput): Promise<QuestionnaireDetail> {
  return db.transaction(async (tx) => {
    const survey = await surveyInSetup(tx, actor, surveyId);
    const q = await questionnaireOf(tx, surveyId, questionnaireId, true);
    if (q.version !== input.version) throw staleVersion(await questionnaireDetail(tx, survey, q.id));
    const rated = await ratedUnits(tx, survey.cycleId, q.ratedGroupId);
    const codeOf = new Map(rated.map((u) => [u.id, u.code]));
    const problems: ErrorDetail[] = [];
    const seen = new Set<string>();
    const given = input.every !== undefined ? rated.map((u) => ({ unitId: u.id, quota: input.every! })) : (input.quotas ?? []);
    given.forEach((row, i) => {
      if (!codeOf.has(row.unitId)) problems.push({ path: `quotas.${i}.unitId`, message: 'Đơn vị này không thuộc nhóm được phiếu đánh giá.' });
      else if (seen.has(row.unitId)) problems.push({ path: `quotas.${i}.unitId`, message: `Đơn vị ${codeOf.get(row.unitId)} có hai chỉ tiêu.` });
      seen.add(row.unitId);
    });
    if (problems.length > 0) throw invalidMany(problems);
    const before = await quotasOf(tx, q.id);
    const rows = given.filter((r) => r.quota > 0);
    await replaceQuotas(tx, q.id, rows);
    await bumpQuestionnaire(tx, q.id, q.version);
    const byCode = (entries: Iterable<[string, number]>) => Object.fromEntries([...entries].map(([unitId, quota]) => [codeOf.get(unitId) ?? unitId, quota]));
    await recordAudit(tx, actor, {
      entityType: 'survey_questionnaire', entityId: q.id, action: 'set_quotas',
      before: { quotas: byCode(before) }, after: { quotas: byCode(rows.map((r) => [r.unitId, r.quota])), ...(input.every !== undefined ? { every: input.every } : {}) },
    });
    return questionnaireDetail(tx, survey, q.id);
  });
}
