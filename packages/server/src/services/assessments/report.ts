/**
 * The view model of the self-assessment report (Báo cáo tự đánh giá) of one unit in a cycle, built
 * from the cycle context, the unit's records and core `scoreUnit`; the DOCX is drawn by
 * `documents/self-assessment-docx.ts`.
 */
import { entriesToInputs, formatFixed, traceUnit, walkNodes, type NotApplicableReason } from '@chiso/core';
import { localDate } from '../../auth/clock';
import type { Database } from '../../db/client';
import { evidenceOfRecords, parentUnitName, rootUnitName } from '../../db/repositories/assessment-repository';
import { coreRecords, loadUnitCriterionRecords } from '../../db/repositories/criterion-record-repository';
import type { ReportEvidence, ReportRow, SelfAssessmentReport } from '../../documents/self-assessment-docx';
import type { Actor } from '../actor';
import { loadCycleContext, participant, profileOf, selfEntries } from '../cycles/context';
import { mayViewAssessment, visibleLeafKeys } from '../policies/cycle-facts';
import { pointsText } from '../cycles/summary';
import { forbidden } from '../errors';

function notApplicableText(reason: NotApplicableReason | undefined): string | null {
  switch (reason?.kind) {
    case undefined:
      return null;
    case 'declared':
      return reason.reason;
    case 'unit_group':
      return 'Không áp dụng cho nhóm đơn vị này';
    case 'unit_type':
      return 'Không áp dụng cho loại đơn vị này';
    case 'survey_absent':
      return 'Không có kết quả điều tra xã hội học';
    case 'zero_denominator':
      return 'Mẫu số bằng 0';
    case 'ancestor':
      return 'Thuộc mục không áp dụng';
    case 'all_children':
      return 'Mọi tiêu chí thành phần không áp dụng';
  }
}

/**
 * The place a document is dated from ("Lạng Sơn, ngày … tháng … năm …"): the locality in the name
 * of the province's People's Committee — "UBND tỉnh Lạng Sơn" → "Lạng Sơn".
 */
export function placeOf(authorityName: string): string {
  const match = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(authorityName.normalize('NFC').trim());
  return match?.[1]?.trim() || authorityName.trim();
}

export async function selfAssessmentReport(
  db: Database,
  cycleId: string,
  unitId: string,
  actor: Actor,
  options: { now?: Date; place?: string } = {},
): Promise<{ report: SelfAssessmentReport; fileName: string }> {
  const now = options.now ?? new Date();
  const ctx = await loadCycleContext(db, cycleId);
  const { unit, group } = participant(ctx, unitId);
  if (!mayViewAssessment(actor, ctx, unitId) || visibleLeafKeys(ctx, unitId, actor) !== 'all') {
    throw forbidden('Chỉ đơn vị, lãnh đạo, Hội đồng thẩm định và Sở Nội vụ được xuất báo cáo tự đánh giá của đơn vị.');
  }
  const stored = await loadUnitCriterionRecords(db, cycleId, unitId);
  const records = coreRecords(stored);
  const score = traceUnit(group.framework, profileOf(ctx, unitId), entriesToInputs(selfEntries(records)));

  const rows: ReportRow[] = [];
  const notApplicable: SelfAssessmentReport['notApplicable'] = [];
  const codeOf = new Map<string, string>();
  for (const { node, depth } of walkNodes(group.framework.nodes)) {
    const ns = score.nodes.get(node.key);
    const leaf = node.children.length === 0;
    const record = records.get(node.key);
    const reason = ns && !ns.applicable ? notApplicableText(ns.notApplicable) : null;
    if (reason && ns?.notApplicable?.kind === 'declared') notApplicable.push({ code: node.code, name: node.name, reason });
    const filled = !leaf || record?.self.input !== undefined;
    rows.push({
      code: node.code,
      name: node.name,
      depth,
      leaf,
      maxPoints: pointsText(node.maxPoints),
      selfPoints: ns && filled ? pointsText(ns.achieved) : null,
      explanation: leaf ? (record?.self.explanation ?? null) : null,
      notApplicableReason: reason,
    });
  }
  for (const [key, s] of stored) codeOf.set(s.id, group.nodes.get(key)?.code ?? key);

  const evidence = new Map<string, ReportEvidence>();
  for (const row of await evidenceOfRecords(db, [...stored.values()].map((s) => s.id))) {
    const code = codeOf.get(row.criterionRecordId)!;
    const known = evidence.get(row.id);
    if (known) {
      if (!known.criteria.includes(code)) known.criteria.push(code);
      continue;
    }
    evidence.set(row.id, { documentNumber: row.documentNumber, documentDate: row.documentDate, issuer: row.issuer, title: row.title, fileName: row.originalName, criteria: [code] });
  }
  const ordered = [...evidence.values()].sort((a, b) => (a.documentDate ?? '').localeCompare(b.documentDate ?? '') || (a.documentNumber ?? '').localeCompare(b.documentNumber ?? ''));

  const superior = await parentUnitName(db, unitId);
  const root = await rootUnitName(db, unitId);
  const [y, m, d] = localDate(now).split('-').map(Number) as [number, number, number];
  const report: SelfAssessmentReport = {
    superior,
    unitName: unit.name,
    place: options.place ?? placeOf(root ?? unit.name),
    date: { day: d, month: m, year: y },
    year: ctx.cycle.year,
    cycleName: ctx.cycle.name,
    frameworkName: group.framework.name,
    rows,
    totals: {
      achieved: pointsText(score.achieved),
      applicableMax: pointsText(score.applicableMax),
      index: score.publishedIndex ? formatFixed(score.publishedIndex, 'plain') : null,
    },
    notApplicable,
    evidence: ordered,
  };
  return { report, fileName: `Bao-cao-tu-danh-gia-${ctx.cycle.year}-${unit.code}.docx` };
}
