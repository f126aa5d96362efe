/**
 * Drawing the sample (chọn mẫu, issue 13 §2): per rated unit, as many people of its list as its
 * quota (all of them when fewer), uniformly and reproducibly from the survey's seed — the same seed
 * and the same list draw the same people. Each person drawn gets a single-use link (an invitation
 * of channel `sample`); sending it is the collection part's. Drawn once per list.
 */
import { createHash } from 'node:crypto';
import { drawSample } from '@chiso/core';
import type { SampleDrawn } from '@chiso/contract';
import type { Database } from '../../db/client';
import { bumpQuestionnaire, insertInvitations, markSampled, quotasOf, respondentFrame, sampledCount } from '../../db/repositories/survey-setup-repository';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { ruleViolation } from '../errors';
import { questionnaireOf, surveyInSetup } from './questionnaires';
import { invitationToken } from './tokens';

type Listed = Awaited<ReturnType<typeof respondentFrame>>[number];

/**
 * Each listed person's key in the draw: made of what the list says (unit, name, phone, e-mail, file
 * number) and, for people listed twice alike, their rank — not of the row's id, which a new import
 * changes. So the same list, even re-sorted, with the same seed draws the same people.
 */
export function stableKeys(frame: readonly Listed[]): { id: string; respondentId: string; unitId: string; line: number }[] {
  const seen = new Map<string, number>();
  return [...frame].sort((a, b) => a.line - b.line).map((r) => {
    const content = createHash('sha256').update(JSON.stringify([r.unitId, r.fullName, r.phone, r.email, r.reference])).digest('hex');
    const rank = seen.get(content) ?? 0;
    seen.set(content, rank + 1);
    return { id: `${content}#${rank}`, respondentId: r.id, unitId: r.unitId, line: r.line };
  });
}

export async function drawQuestionnaireSample(db: Database, actor: Actor, surveyId: string, questionnaireId: string): Promise<SampleDrawn> {
  return db.transaction(async (tx) => {
    const survey = await surveyInSetup(tx, actor, surveyId);
    const q = await questionnaireOf(tx, surveyId, questionnaireId, true);
    const already = await sampledCount(tx, q.id);
    if (already > 0) throw ruleViolation(`Mẫu của phiếu ${q.code} đã được chọn (${already} người).`);
    const frame = await respondentFrame(tx, q.id);
    if (frame.length === 0) throw ruleViolation(`Phiếu ${q.code} chưa có danh sách người được khảo sát: hãy nhập danh sách trước khi chọn mẫu.`);
    const quotas = await quotasOf(tx, q.id);
    if ([...quotas.values()].every((n) => n === 0)) throw ruleViolation(`Phiếu ${q.code} chưa có chỉ tiêu mẫu của đơn vị nào.`);
    const keyed = stableKeys(frame);
    const idOf = new Map(keyed.map((k) => [k.id, k.respondentId]));
    const drawn = drawSample(keyed, quotas, survey.seed).map((key) => idOf.get(key)!);
    const unitOf = new Map(frame.map((f) => [f.id, f.unitId]));
    await markSampled(tx, drawn);
    await insertInvitations(tx, drawn.map((respondentId) => ({ questionnaireId: q.id, unitId: unitOf.get(respondentId)!, respondentId, token: invitationToken(), channel: 'sample' })));
    await bumpQuestionnaire(tx, q.id, q.version);
    const perUnit: Record<string, number> = {};
    for (const id of drawn) perUnit[unitOf.get(id)!] = (perUnit[unitOf.get(id)!] ?? 0) + 1;
    await recordAudit(tx, actor, {
      entityType: 'survey_questionnaire', entityId: q.id, action: 'draw_sample',
      after: { seed: survey.seed, frame: frame.length, sampled: drawn.length, perUnit },
    });
    return { sampled: drawn.length, invitations: drawn.length };
  });
}
