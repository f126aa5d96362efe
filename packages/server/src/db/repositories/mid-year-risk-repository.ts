/**
 * Mid-year risk (issue 12 §5), read-only: the follow-up tasks still to do that are linked to a
 * criterion of a program, for some responsible units. The risk itself is computed (core
 * follow-up/mid-year-risk.ts) from the cycle's records, data-feed values and these tasks.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
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
