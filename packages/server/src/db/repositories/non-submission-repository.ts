/**
 * The cascade of recording a unit as not submitted under the cycle's 'nothing' policy (core
 * `cascadeUnitTransition` with a `notSubmitted` cause): the same appraisal — 0 points, with the
 * reason — stored on every given criterion record in one statement, council values dropped.
 */
import { inArray, sql } from 'drizzle-orm';
import { pointsToString, type AppraisalRecord } from '@chiso/core';
import type { Executor } from '../client';
import { criterionRecords } from '../schema/cycles';

export async function appraiseRecords(tx: Executor, ids: readonly string[], appraisal: AppraisalRecord, userId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .update(criterionRecords)
    .set({
      status: 'appraised',
      appraisalKind: appraisal.kind,
      appraisalValue: appraisal.value,
      appraisedPoints: pointsToString(appraisal.value.points),
      appraisalReason: appraisal.reason ?? null,
      appraisalAgency: appraisal.agency ?? null,
      appraisedAt: new Date(appraisal.decidedAt),
      appraisedBy: userId || null,
      councilValue: null,
      councilPoints: null,
      councilReason: null,
      councilProposedAt: null,
      councilProposedBy: null,
      councilApproved: false,
      councilApprovedAt: null,
      councilApprovedBy: null,
      version: sql`${criterionRecords.version} + 1`,
      updatedAt: now,
      updatedBy: userId || null,
    })
    .where(inArray(criterionRecords.id, [...ids]))
    .returning({ id: criterionRecords.id });
  return rows.length;
}
