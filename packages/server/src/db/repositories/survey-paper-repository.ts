/**
 * Paper batches and their double entries (issue 13 §3): the rows behind services/survey/paper-entry.ts.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ratedUnits } from './survey-setup-repository';
import { users } from '../schema/accounts';
import { cycleUnits } from '../schema/cycles';
import { surveyPaperBatches, surveyPaperEntries, surveyQuestionnaires, surveyResponses } from '../schema/surveys';
import { units } from '../schema/units';

export interface PaperBatchRow {
  id: string;
  surveyId: string;
  questionnaireId: string;
  questionnaireCode: string;
  questionnaireTitle: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  label: string;
  status: string;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
}

const batchColumns = {
  id: surveyPaperBatches.id, surveyId: surveyQuestionnaires.surveyId, questionnaireId: surveyPaperBatches.questionnaireId,
  questionnaireCode: surveyQuestionnaires.code, questionnaireTitle: surveyQuestionnaires.title,
  unitId: surveyPaperBatches.unitId, unitCode: units.code, unitName: units.name, label: surveyPaperBatches.label, status: surveyPaperBatches.status,
  createdAt: surveyPaperBatches.createdAt, createdById: surveyPaperBatches.createdBy, createdByName: users.fullName,
};

const batchQuery = (db: Executor) =>
  db.select(batchColumns).from(surveyPaperBatches)
    .innerJoin(surveyQuestionnaires, eq(surveyQuestionnaires.id, surveyPaperBatches.questionnaireId))
    .innerJoin(units, eq(units.id, surveyPaperBatches.unitId))
    .leftJoin(users, eq(users.id, surveyPaperBatches.createdBy));

export async function listPaperBatchRows(db: Executor, surveyId: string): Promise<PaperBatchRow[]> {
  return batchQuery(db).where(eq(surveyQuestionnaires.surveyId, surveyId)).orderBy(desc(surveyPaperBatches.createdAt));
}

/** The batch of the survey, or undefined; `forUpdate` locks it (entries of one batch are typed one at a time). */
export async function findPaperBatchRow(db: Executor, surveyId: string, batchId: string, options: { forUpdate?: boolean } = {}): Promise<PaperBatchRow | undefined> {
  const query = batchQuery(db).where(and(eq(surveyPaperBatches.id, batchId), eq(surveyQuestionnaires.surveyId, surveyId)));
  const [row] = options.forUpdate ? await query.for('update', { of: surveyPaperBatches }) : await query;
  return row;
}

export async function insertPaperBatchRow(tx: Executor, values: { questionnaireId: string; unitId: string; label: string; createdBy: string | null }): Promise<string> {
  const [row] = await tx.insert(surveyPaperBatches).values(values).returning({ id: surveyPaperBatches.id });
  return row!.id;
}

export async function setPaperBatchStatus(tx: Executor, batchId: string, status: string): Promise<void> {
  await tx.update(surveyPaperBatches).set({ status }).where(eq(surveyPaperBatches.id, batchId));
}

/** Whether the unit is rated by the questionnaire: it takes part in the survey's cycle in the questionnaire's rated group. */
export async function isRatedUnit(db: Executor, cycleId: string, ratedGroupId: string, unitId: string): Promise<boolean> {
  const [row] = await db.select({ unitId: cycleUnits.unitId }).from(cycleUnits)
    .where(and(eq(cycleUnits.cycleId, cycleId), eq(cycleUnits.groupId, ratedGroupId), eq(cycleUnits.unitId, unitId)));
  return row !== undefined;
}

/** The units rated by the questionnaire (the cycle's units of its rated group), by code. */
/** The rated units' ids by lower-cased code (imports look rows' units up here). */
export async function ratedUnitsByCode(db: Executor, cycleId: string, ratedGroupId: string): Promise<Map<string, string>> {
  return new Map((await ratedUnits(db, cycleId, ratedGroupId)).map((u) => [u.code.toLowerCase(), u.id]));
}

/** Whether a unit with this code exists at all (to tell "unknown unit" from "not rated by this questionnaire"). */
export async function unitCodeExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(sql`lower(${units.code}) = ${code.toLowerCase()}`).limit(1);
  return row !== undefined;
}

export interface PaperEntryRow {
  batchId: string;
  formNumber: string;
  round: number;
  answers: Record<string, string>;
  enteredAt: Date;
  enteredById: string;
  enteredByName: string;
}

export async function paperEntryRows(db: Executor, batchIds: readonly string[], formNumber?: string): Promise<PaperEntryRow[]> {
  if (batchIds.length === 0) return [];
  const list = await db
    .select({
      batchId: surveyPaperEntries.batchId, formNumber: surveyPaperEntries.formNumber, round: surveyPaperEntries.round, answers: surveyPaperEntries.answers,
      enteredAt: surveyPaperEntries.enteredAt, enteredById: surveyPaperEntries.enteredBy, enteredByName: users.fullName,
    })
    .from(surveyPaperEntries)
    .innerJoin(users, eq(users.id, surveyPaperEntries.enteredBy))
    .where(and(inArray(surveyPaperEntries.batchId, [...batchIds]), formNumber === undefined ? undefined : eq(surveyPaperEntries.formNumber, formNumber)))
    .orderBy(asc(surveyPaperEntries.formNumber), asc(surveyPaperEntries.round));
  return list.map((r) => ({ ...r, answers: r.answers as Record<string, string> }));
}

/** Writes one round of one form (a correction by the same typist replaces it). */
export async function upsertPaperEntry(tx: Executor, entry: { batchId: string; formNumber: string; round: number; answers: Record<string, string>; enteredBy: string }): Promise<void> {
  await tx.insert(surveyPaperEntries).values({ ...entry, enteredAt: new Date() })
    .onConflictDoUpdate({ target: [surveyPaperEntries.batchId, surveyPaperEntries.formNumber, surveyPaperEntries.round], set: { answers: entry.answers, enteredAt: new Date(), enteredBy: entry.enteredBy } });
}

/** The responses made from the batches' forms: client key (`batch:form`) → response id. */
export async function paperResponseIds(db: Executor, surveyId: string, batchIds: readonly string[]): Promise<Map<string, number>> {
  if (batchIds.length === 0) return new Map();
  const list = await db.select({ id: surveyResponses.id, clientKey: surveyResponses.clientKey }).from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.channel, 'paper'), inArray(surveyResponses.batchId, [...batchIds])));
  return new Map(list.map((r) => [r.clientKey, Number(r.id)]));
}
