/**
 * Mid-year risk (issue 12 §5), read-only: the follow-up tasks still to do that are linked to a
 * criterion of a program, for some responsible units. The risk itself is computed (core
 * follow-up/mid-year-risk.ts) from the cycle's records, data-feed values and these tasks.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { NodeInput } from '@chiso/core';
import type { Executor } from '../client';
import { criterionEvidence, criterionRecords } from '../schema/cycles';
import { followUpTaskLinks, followUpTasks } from '../schema/follow-up-tasks';
import { frameworks, frameworkVersions } from '../schema/frameworks';

export interface CriterionTaskRow {
  taskId: string;
  title: string;
  deadline: string;
  status: string;
  responsibleUnitId: string;
  nodeKey: string;
}

/** Open and in-progress tasks of the units linked to a criterion of a framework of `programCode`. */
export async function listCriterionTasks(executor: Executor, programCode: string, unitIds: readonly string[]): Promise<CriterionTaskRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await executor
    .selectDistinct({
      taskId: followUpTasks.id,
      title: followUpTasks.title,
      deadline: followUpTasks.deadline,
      status: followUpTasks.status,
      responsibleUnitId: followUpTasks.responsibleUnitId,
      nodeKey: followUpTaskLinks.nodeKey,
    })
    .from(followUpTasks)
    .innerJoin(followUpTaskLinks, and(eq(followUpTaskLinks.taskId, followUpTasks.id), eq(followUpTaskLinks.kind, 'criterion')))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, followUpTaskLinks.frameworkVersionId))
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(
      inArray(followUpTasks.responsibleUnitId, [...unitIds]),
      inArray(followUpTasks.status, ['open', 'in_progress']),
      eq(frameworks.programCode, programCode),
    ))
    .orderBy(asc(followUpTasks.deadline), asc(followUpTasks.id));
  return rows.flatMap((r) => (r.nodeKey === null ? [] : [{ ...r, nodeKey: r.nodeKey }]));
}

export interface RiskRecordRow {
  unitId: string;
  nodeKey: string;
  selfInput: NodeInput | null;
  selfExplanation: string | null;
  /** The appraisal or the council has decided the criterion. */
  decided: boolean;
  evidenceIds: string[];
}

/**
 * What the risk needs of the units' criterion records, in one query: the self entry, its evidence ids
 * and whether it is decided (the full records — requests, council, history — are not needed here, and
 * loading them for a province's communes takes seconds).
 */
export async function listRiskRecords(executor: Executor, cycleId: string, unitIds: readonly string[]): Promise<RiskRecordRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await executor
    .select({
      unitId: criterionRecords.unitId,
      nodeKey: criterionRecords.nodeKey,
      selfInput: criterionRecords.selfInput,
      selfExplanation: criterionRecords.selfExplanation,
      decided: sql<boolean>`(${criterionRecords.appraisalKind} IS NOT NULL OR ${criterionRecords.councilValue} IS NOT NULL)`,
      evidenceIds: sql<string[] | null>`array_agg(${criterionEvidence.evidenceDocumentId}::text ORDER BY ${criterionEvidence.position}) FILTER (WHERE ${criterionEvidence.evidenceDocumentId} IS NOT NULL)`,
    })
    .from(criterionRecords)
    .leftJoin(criterionEvidence, eq(criterionEvidence.criterionRecordId, criterionRecords.id))
    .where(and(eq(criterionRecords.cycleId, cycleId), inArray(criterionRecords.unitId, [...unitIds])))
    .groupBy(criterionRecords.id);
  return rows.map((r) => ({ ...r, selfInput: (r.selfInput ?? null) as NodeInput | null, evidenceIds: r.evidenceIds ?? [] }));
}
