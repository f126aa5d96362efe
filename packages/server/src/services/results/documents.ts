/**
 * The official documents of a published group (issue 11 §6): the appraisal report and the draft
 * publication decision (DOCX), the decision as PDF. Built from the published snapshot only, for
 * the cycle's administrators, council members and leaders (the readers of every unit's trace).
 * The issuing authority is the cycle's owner: a department for its own units, the province's
 * People's Committee (named at the root of the unit tree) for the province's cycles.
 */
import { parsePoints, pointsToString, sumPoints, type Points } from '@chiso/core';
import { localDate } from '../../auth/clock';
import type { Executor } from '../../db/client';
import { rootUnitName } from '../../db/repositories/assessment-repository';
import { findCycle } from '../../db/repositories/cycle-repository';
import { findSnapshotHead, listPublishedGroups, readSnapshotBody, readSnapshotLeaves } from '../../db/repositories/result-repository';
import { findUnitRefsByIds } from '../../db/repositories/unit-repository';
import { appraisalReportDocx, publicationDecisionDocx } from '../../documents/results-docx';
import { dateLine } from '../../documents/official-docx';
import { decisionSigner, type ResultsAuthority, type ResultsDocument, type ResultsDocumentField } from '../../documents/results-document';
import type { WorkbookSignature } from '../../documents/results-xlsx';
import { publicationDecisionPdf } from '../../documents/results-pdf';
import type { Actor } from '../actor';
import { placeOf } from '../assessments/report';
import { loadFrameworkVersion } from '../cycles/context';
import { forbidden, notFound } from '../errors';
import { readsEveryUnitOf } from '../policies/roles';
import { presentSnapshot } from '../publication/snapshot';

export type ResultDocumentKind = 'appraisal-report.docx' | 'publication-decision.docx' | 'publication-decision.pdf';

export const resultDocumentTypes: Record<ResultDocumentKind, string> = {
  'appraisal-report.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'publication-decision.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'publication-decision.pdf': 'application/pdf',
};

/** Self-assessed total per unit: the sum of its leaves' self points in the snapshot. */
async function selfTotals(db: Executor, snapshotId: string): Promise<Map<string, string>> {
  const byUnit = new Map<string, Points[]>();
  for (const leaf of await readSnapshotLeaves(db, snapshotId)) {
    if (leaf.selfPoints === null) continue;
    const list = byUnit.get(leaf.unitId) ?? [];
    list.push(parsePoints(leaf.selfPoints)!);
    byUnit.set(leaf.unitId, list);
  }
  return new Map([...byUnit].map(([unitId, points]) => [unitId, pointsToString(sumPoints(points))]));
}

async function authorityOf(db: Executor, ownerUnitId: string | null, anyUnitId: string | undefined): Promise<ResultsAuthority> {
  const from = ownerUnitId ?? anyUnitId;
  const root = (from ? await rootUnitName(db, from) : null) ?? 'UBND tỉnh';
  const province = placeOf(root);
  if (!ownerUnitId) return { kind: 'province', province, provinceAuthority: root, department: null };
  const owner = (await findUnitRefsByIds(db, [ownerUnitId])).get(ownerUnitId);
  return { kind: 'department', province, provinceAuthority: root, department: owner?.name ?? 'Đơn vị tổ chức đánh giá' };
}

/**
 * The block under the printed results table: the place and the publication's date, and the
 * signer of the publication decision (the cycle's owner).
 */
export async function workbookSignature(db: Executor, cycleId: string, anyUnitId: string | undefined, publishedAt: Date): Promise<WorkbookSignature> {
  const cycle = await findCycle(db, cycleId);
  const authority = await authorityOf(db, cycle?.ownerUnitId ?? null, anyUnitId);
  const [year, month, day] = localDate(publishedAt).split('-').map(Number) as [number, number, number];
  return { dateLine: dateLine(authority.province, { day, month, year }), signer: decisionSigner({ authority }) };
}

/** The view model of a published group's documents (the latest snapshot unless `number` is given). */
export async function resultsDocument(db: Executor, cycleId: string, groupId: string, actor: Actor, number?: number): Promise<ResultsDocument> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  if (!readsEveryUnitOf(actor, cycle.ownerUnitId)) {
    throw forbidden('Văn bản kết quả công bố chỉ quản trị viên, Hội đồng thẩm định và lãnh đạo của đơn vị tổ chức kỳ đánh giá (hoặc của tỉnh) mới tải được.');
  }
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound(number === undefined ? 'kết quả đã công bố của nhóm này' : `kết quả công bố lần ${number} của nhóm này`);
  const view = presentSnapshot(head, await readSnapshotBody(db, head.id));
  const [published] = (await listPublishedGroups(db, cycleId)).filter((g) => g.groupId === groupId);
  const framework = head.frameworkVersionId ? await loadFrameworkVersion(db, head.frameworkVersionId) : null;
  const authority = await authorityOf(db, cycle.ownerUnitId, view.rows[0]?.unitId);
  const self = await selfTotals(db, head.id);

  const seen = new Map<string, ResultsDocumentField>();
  for (const r of view.rows) for (const f of r.fields) if (!seen.has(f.fieldKey)) seen.set(f.fieldKey, { key: f.fieldKey, code: f.code, name: f.name });
  const order = new Map((framework?.nodes ?? []).map((n, i) => [n.key, i]));
  const fields = [...seen.values()].sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));

  return {
    authority,
    place: authority.province,
    programName: published?.programName ?? 'Chỉ số cải cách hành chính',
    year: cycle.year,
    cycleName: cycle.name,
    frameworkName: framework?.name ?? 'Bộ tiêu chí',
    groupName: view.groupName,
    number: view.number,
    decisionNumber: view.decisionNumber,
    publishedOn: localDate(head.createdAt),
    indexDecimals: head.indexDecimals,
    pointsDecimals: framework?.settings.rounding.pointsDecimals ?? 2,
    fields,
    rows: view.rows.map((r) => ({
      unitCode: r.unitCode,
      unitName: r.unitName,
      selfTotal: self.get(r.unitId) ?? null,
      achieved: r.achieved,
      bonus: r.bonus,
      applicableMax: r.applicableMax,
      index: r.index,
      rank: r.rank,
      classLabel: r.classLabel,
      fields: Object.fromEntries(r.fields.map((f) => [f.fieldKey, { achieved: f.achieved, applicableMax: f.applicableMax, index: f.componentIndex }])),
    })),
  };
}

const names: Record<ResultDocumentKind, string> = {
  'appraisal-report.docx': 'Báo cáo kết quả thẩm định',
  'publication-decision.docx': 'Dự thảo Quyết định công bố',
  'publication-decision.pdf': 'Quyết định công bố',
};

/** One document of a published group, with its Vietnamese file name. */
export async function resultDocument(
  db: Executor,
  kind: ResultDocumentKind,
  cycleId: string,
  groupId: string,
  actor: Actor,
  number?: number,
): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  const doc = await resultsDocument(db, cycleId, groupId, actor, number);
  const buffer =
    kind === 'appraisal-report.docx' ? await appraisalReportDocx(doc) : kind === 'publication-decision.docx' ? await publicationDecisionDocx(doc) : await publicationDecisionPdf(doc);
  const amended = doc.number > 1 ? ` (lần ${doc.number})` : '';
  const extension = kind.slice(kind.lastIndexOf('.'));
  return { buffer, filename: `${names[kind]} ${doc.year} - ${doc.groupName}${amended}${extension}`, contentType: resultDocumentTypes[kind] };
}
