import { and, eq, inArray, not, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { criterionEvidence, criterionRecords, cycleAgencies, cycles, cycleUnits, explanationAnswerEvidence, explanationRequests } from '../schema/cycles';
import { evidenceDocuments, evidenceFiles } from '../schema/evidence';
import { units } from '../schema/units';
import { rows } from './unit-repository';
import { inChunks } from './chunks';

/**
 * Queries of the self-assessment and evidence area that are not the criterion record itself
 * (the record mapping and its optimistic save live in criterion-record-repository).
 */

/** Whether the agency unit `agencyUnitId` appraises in an open cycle that `unitId` takes part in. */
export async function appraisesUnitInOpenCycle(executor: Executor, agencyUnitId: string, unitId: string): Promise<boolean> {
  const [row] = await executor
    .select({ cycleId: cycles.id })
    .from(cycleUnits)
    .innerJoin(cycles, eq(cycles.id, cycleUnits.cycleId))
    .innerJoin(cycleAgencies, eq(cycleAgencies.cycleId, cycles.id))
    .where(and(eq(cycleUnits.unitId, unitId), eq(cycles.status, 'open'), eq(cycleAgencies.unitId, agencyUnitId)))
    .limit(1);
  return row !== undefined;
}

export interface EvidenceUse {
  documentId: string;
  cycleId: string;
  unitId: string;
  nodeKey: string;
}

/**
 * Where the unit's documents back a criterion (attached to its self-assessment or to an answer to
 * a request), in open cycles in which `agencyUnitId` appraises: the candidates for an appraiser's
 * reading; whether the criterion is really its agency's is the cycle context's business.
 */
export async function evidenceUsesForAgency(executor: Executor, ownerUnitId: string, agencyUnitId: string, documentIds?: readonly string[]): Promise<EvidenceUse[]> {
  if (documentIds?.length === 0) return [];
  const attached = executor
    .select({ recordId: criterionEvidence.criterionRecordId, documentId: criterionEvidence.evidenceDocumentId })
    .from(criterionEvidence);
  const answered = executor
    .select({ recordId: explanationRequests.criterionRecordId, documentId: explanationAnswerEvidence.evidenceDocumentId })
    .from(explanationAnswerEvidence)
    .innerJoin(explanationRequests, eq(explanationRequests.id, explanationAnswerEvidence.requestId));
  const links = attached.unionAll(answered).as('links');
  return executor
    .selectDistinct({ documentId: links.documentId, cycleId: criterionRecords.cycleId, unitId: criterionRecords.unitId, nodeKey: criterionRecords.nodeKey })
    .from(links)
    .innerJoin(criterionRecords, eq(criterionRecords.id, links.recordId))
    .innerJoin(cycles, eq(cycles.id, criterionRecords.cycleId))
    .innerJoin(cycleAgencies, eq(cycleAgencies.cycleId, cycles.id))
    .where(
      and(
        eq(criterionRecords.unitId, ownerUnitId),
        eq(cycles.status, 'open'),
        eq(cycleAgencies.unitId, agencyUnitId),
        documentIds ? inArray(links.documentId, [...documentIds]) : undefined,
      ),
    );
}

/**
 * The first record the document backs that its unit can no longer change, if any: an answer
 * already given, a cycle no longer open, or a self-assessment the unit has submitted — unless it
 * is back with the unit (returned for revision) or its criterion awaits the unit's answer.
 */
export async function frozenUseOfEvidence(executor: Executor, documentId: string): Promise<{ cycleName: string; nodeKey: string } | undefined> {
  const attached = executor
    .select({ recordId: criterionEvidence.criterionRecordId, answer: sql<boolean>`false`.as('answer') })
    .from(criterionEvidence)
    .where(eq(criterionEvidence.evidenceDocumentId, documentId));
  const answered = executor
    .select({ recordId: explanationRequests.criterionRecordId, answer: sql<boolean>`true`.as('answer') })
    .from(explanationAnswerEvidence)
    .innerJoin(explanationRequests, eq(explanationRequests.id, explanationAnswerEvidence.requestId))
    .where(eq(explanationAnswerEvidence.evidenceDocumentId, documentId));
  const links = attached.unionAll(answered).as('links');
  const [row] = await executor
    .select({ cycleName: cycles.name, nodeKey: criterionRecords.nodeKey })
    .from(links)
    .innerJoin(criterionRecords, eq(criterionRecords.id, links.recordId))
    .innerJoin(cycles, eq(cycles.id, criterionRecords.cycleId))
    .innerJoin(cycleUnits, and(eq(cycleUnits.cycleId, criterionRecords.cycleId), eq(cycleUnits.unitId, criterionRecords.unitId)))
    .where(
      or(
        eq(links.answer, true),
        not(eq(cycles.status, 'open')),
        and(
          notInArray(cycleUnits.state, ['draft', 'returned_for_revision']),
          not(and(eq(cycleUnits.state, 'explanation_requested'), eq(criterionRecords.status, 'explanation_requested'))!),
        ),
      ),
    )
    .limit(1);
  return row;
}

/** The agency codes an organisation unit acts as, in one cycle. */
export async function agencyCodesOfUnit(executor: Executor, cycleId: string, agencyUnitId: string): Promise<string[]> {
  const rows = await executor
    .select({ code: cycleAgencies.agencyCode })
    .from(cycleAgencies)
    .where(and(eq(cycleAgencies.cycleId, cycleId), eq(cycleAgencies.unitId, agencyUnitId)));
  return rows.map((row) => row.code);
}

/** Of these document ids, the ones owned by `unitId`. */
export async function documentsOwnedBy(executor: Executor, unitId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await executor
    .select({ id: evidenceDocuments.id })
    .from(evidenceDocuments)
    .where(and(eq(evidenceDocuments.ownerUnitId, unitId), inArray(evidenceDocuments.id, [...ids])));
  return new Set(rows.map((row) => row.id));
}

export interface LinkedEvidence {
  criterionRecordId: string;
  id: string;
  originalName: string;
  size: number;
  mimeType: string;
  documentNumber: string | null;
  documentDate: string | null;
  issuer: string | null;
  title: string | null;
  uploadedAt: Date;
  version: number;
  ownerUnitId: string;
}

const linkedColumns = {
  id: evidenceDocuments.id,
  originalName: evidenceDocuments.originalName,
  size: evidenceFiles.size,
  mimeType: evidenceFiles.mimeType,
  documentNumber: evidenceDocuments.documentNumber,
  documentDate: evidenceDocuments.documentDate,
  issuer: evidenceDocuments.issuer,
  title: evidenceDocuments.title,
  uploadedAt: evidenceDocuments.uploadedAt,
  version: evidenceDocuments.version,
  ownerUnitId: evidenceDocuments.ownerUnitId,
};

/** The documents attached to the self-assessment of these criterion records, in the unit's order. */
export async function evidenceOfRecords(executor: Executor, recordIds: readonly string[]): Promise<LinkedEvidence[]> {
  if (recordIds.length === 0) return [];
  return inChunks(recordIds, (part) => executor
    .select({ criterionRecordId: criterionEvidence.criterionRecordId, ...linkedColumns })
    .from(criterionEvidence)
    .innerJoin(evidenceDocuments, eq(evidenceDocuments.id, criterionEvidence.evidenceDocumentId))
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(inArray(criterionEvidence.criterionRecordId, part))
    .orderBy(criterionEvidence.criterionRecordId, criterionEvidence.position));
}

/** The documents attached to answers of these requests. */
export async function evidenceOfAnswers(executor: Executor, requestIds: readonly string[]): Promise<(Omit<LinkedEvidence, 'criterionRecordId'> & { requestId: string })[]> {
  if (requestIds.length === 0) return [];
  return inChunks(requestIds, (part) => executor
    .select({ requestId: explanationAnswerEvidence.requestId, ...linkedColumns })
    .from(explanationAnswerEvidence)
    .innerJoin(evidenceDocuments, eq(evidenceDocuments.id, explanationAnswerEvidence.evidenceDocumentId))
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, evidenceDocuments.fileId))
    .where(inArray(explanationAnswerEvidence.requestId, part)));
}


/** Cycles (open ones, newest first) a unit takes part in, with its state. */
export async function openCyclesOfUnit(executor: Executor, unitId: string) {
  return executor
    .select({ cycleId: cycles.id, name: cycles.name, year: cycles.year, state: cycleUnits.state })
    .from(cycleUnits)
    .innerJoin(cycles, eq(cycles.id, cycleUnits.cycleId))
    .where(and(eq(cycleUnits.unitId, unitId), eq(cycles.status, 'open')))
    .orderBy(cycles.year);
}

/** Open cycles in which the organisation unit acts as an appraising agency, with its codes. */
export async function openCyclesOfAgencyUnit(executor: Executor, agencyUnitId: string) {
  return executor
    .select({ cycleId: cycles.id, name: cycles.name, year: cycles.year, agencyCode: cycleAgencies.agencyCode })
    .from(cycleAgencies)
    .innerJoin(cycles, eq(cycles.id, cycleAgencies.cycleId))
    .where(and(eq(cycleAgencies.unitId, agencyUnitId), eq(cycles.status, 'open')))
    .orderBy(cycles.year);
}

/** The name of the root of the unit's tree (the province's People's Committee, usually). */
export async function rootUnitName(executor: Executor, unitId: string): Promise<string | null> {
  const result = await executor.execute<{ name: string }>(sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, name, 0 AS depth FROM units WHERE id = ${unitId}::uuid
      UNION ALL
      SELECT u.id, u.parent_id, u.name, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 50
    )
    SELECT name FROM up WHERE parent_id IS NULL LIMIT 1`);
  return rows<{ name: string }>(result)[0]?.name ?? null;
}

/** The name of the unit's parent (the body above it), for document headers. */
export async function parentUnitName(executor: Executor, unitId: string): Promise<string | null> {
  const [own] = await executor.select({ parentId: units.parentId }).from(units).where(eq(units.id, unitId));
  if (!own?.parentId) return null;
  const [parent] = await executor.select({ name: units.name }).from(units).where(eq(units.id, own.parentId));
  return parent?.name ?? null;
}
