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
import { findCycle } from '../../db/repositories/cycle-repository';
import { findSnapshotHead, listPublishedGroups, readSnapshotBody, readSnapshotLeaves } from '../../db/repositories/result-repository';
import { findChildrenExistingFrom, findUnitById, type UnitRow } from '../../db/repositories/unit-repository';
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

/**
 * The appraising body under the issuer, found in the unit tree where it is recorded there, else
 * named by convention (the tree holds the units assessed, rarely the owner's own offices): the
 * province's Sở Nội vụ and a district's Phòng Nội vụ (the home-affairs bodies that run and
 * appraise the index for their People's Committee), a department's Văn phòng (or its Phòng Tổ chức) that
 * runs the department's own index. Unit types carry no "home affairs" kind, so the body is known by
 * its name among the issuer's children.
 */
async function appraiserOf(db: Executor, issuerId: string | null, kind: ResultsAuthority['kind'], day: string): Promise<string> {
  const pattern = kind === 'department' ? /^(Văn phòng|Phòng Tổ chức)/iu : kind === 'district' ? /^Phòng Nội vụ/iu : /^Sở Nội vụ/iu;
  const children = issuerId ? await findChildrenExistingFrom(db, [issuerId], day) : [];
  const found = children.find((u) => pattern.test(u.shortName ?? '') || pattern.test(u.name));
  if (found) return pattern.test(found.shortName ?? '') ? found.shortName! : found.name;
  return kind === 'department' ? 'Văn phòng' : kind === 'district' ? 'Phòng Nội vụ' : 'Sở Nội vụ';
}

/** The root of the unit tree above `unitId` (the province's People's Committee). */
async function rootOf(db: Executor, unitId: string): Promise<UnitRow | undefined> {
  let unit = await findUnitById(db, unitId);
  for (let depth = 0; unit?.parentId && depth < 50; depth++) unit = await findUnitById(db, unit.parentId);
  return unit;
}

/**
 * The issuer of a cycle's documents: the province's People's Committee when the cycle has no
 * owner; a district's People's Committee (unit type "district") or a department otherwise. The
 * place is the province's short name, a district's own locality ("Đình Lập").
 */
async function authorityOf(db: Executor, ownerUnitId: string | null, anyUnitId: string | undefined, day: string): Promise<ResultsAuthority> {
  const from = ownerUnitId ?? anyUnitId;
  const root = from ? await rootOf(db, from) : undefined;
  const provinceAuthority = root?.name ?? 'UBND tỉnh';
  const province = root?.shortName ?? placeOf(provinceAuthority);
  const owner = ownerUnitId ? await findUnitById(db, ownerUnitId) : undefined;
  if (!owner) return { kind: 'province', province, provinceAuthority, owner: null, place: province, appraiser: await appraiserOf(db, root?.id ?? null, 'province', day) };
  if (owner.typeCode === 'district') {
    return { kind: 'district', province, provinceAuthority, owner: owner.name, place: placeOf(owner.name), appraiser: await appraiserOf(db, owner.id, 'district', day) };
  }
  return { kind: 'department', province, provinceAuthority, owner: owner.shortName ?? owner.name, place: province, appraiser: await appraiserOf(db, owner.id, 'department', day) };
}

/**
 * The block under the printed results table: the place and the publication's date, and the
 * signer of the publication decision (the cycle's owner).
 */
export async function workbookSignature(db: Executor, cycleId: string, anyUnitId: string | undefined, publishedAt: Date): Promise<WorkbookSignature> {
  const cycle = await findCycle(db, cycleId);
  const authority = await authorityOf(db, cycle?.ownerUnitId ?? null, anyUnitId, localDate(publishedAt));
  const [year, month, day] = localDate(publishedAt).split('-').map(Number) as [number, number, number];
  return { dateLine: dateLine(authority.place, { day, month, year }), signer: decisionSigner({ authority }) };
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
  const authority = await authorityOf(db, cycle.ownerUnitId, view.rows[0]?.unitId, localDate(head.createdAt));
  const self = await selfTotals(db, head.id);

  const seen = new Map<string, ResultsDocumentField>();
  for (const r of view.rows) for (const f of r.fields) if (!seen.has(f.fieldKey)) seen.set(f.fieldKey, { key: f.fieldKey, code: f.code, name: f.name });
  const order = new Map((framework?.nodes ?? []).map((n, i) => [n.key, i]));
  const fields = [...seen.values()].sort((a, b) => (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9));

  return {
    authority,
    place: authority.place,
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
