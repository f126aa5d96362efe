/**
 * Criterion records (one unit × leaf of a cycle) mapped to and from the core's `CriterionRecord`,
 * with their explanation requests and evidence links. Loading is set-based (four queries for any
 * number of units); saving follows a record produced by `applyCriterionCommand` with optimistic
 * versioning.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  pointsToString,
  selfValue,
  type AppraisalDecisionKind,
  type AppraisalRecord,
  type CouncilRecord,
  type CriterionRecord,
  type CriterionStatus,
  type EvidenceRef,
  type ExplanationRequest,
  type FrameworkNode,
  type NodeInput,
  type Points,
  type ResolvedValue,
  type RoundingSettings,
} from '@chiso/core';
import type { Executor } from '../client';
import { criterionEvidence, criterionRecords, explanationAnswerEvidence, explanationRequests } from '../schema/cycles';
import { staleVersion } from '../../services/errors';
import { inChunks } from './chunks';

export type CriterionRecordRow = typeof criterionRecords.$inferSelect;

/** A stored criterion record: the core record plus the row's identity, version and stored points. */
export interface StoredCriterionRecord {
  id: string;
  cycleId: string;
  unitId: string;
  nodeKey: string;
  version: number;
  record: CriterionRecord;
  /** Ids of `record.requests`, same order. */
  requestIds: string[];
  /** Stored points as decimal strings ("0.750"), null when none. */
  points: { self: string | null; appraised: string | null; council: string | null };
  /** Who did what, for views and the audit (not part of the core record). */
  meta: {
    appraisedBy: string | null;
    councilProposedBy: string | null;
    councilApprovedBy: string | null;
    updatedAt: Date;
    updatedBy: string | null;
    /** Per request (same order as `record.requests`): who asked and who answered. */
    requests: { requestedBy: string | null; answeredBy: string | null }[];
  };
}

const ms = (d: Date | null | undefined): number | undefined => (d ? d.getTime() : undefined);
const date = (t: number | undefined): Date | null => (t === undefined ? null : new Date(t));
const pointsText = (p: Points | undefined): string | null => (p === undefined ? null : pointsToString(p));

interface RequestRow {
  id: string;
  criterionRecordId: string;
  sequence: number;
  kind: string;
  message: string;
  deadline: Date;
  agency: string | null;
  requestedAt: Date;
  requestedBy: string | null;
  answerText: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
}

function toCore(row: CriterionRecordRow, evidence: EvidenceRef[], requests: RequestRow[], answerEvidence: Map<string, EvidenceRef[]>): StoredCriterionRecord {
  const self: { input?: NodeInput; explanation?: string; evidence?: readonly EvidenceRef[] } = {};
  if (row.selfInput !== null && row.selfInput !== undefined) self.input = row.selfInput as NodeInput;
  if (row.selfExplanation !== null) self.explanation = row.selfExplanation;
  if (evidence.length > 0) self.evidence = evidence;
  const reqs: ExplanationRequest[] = requests.map((r) => ({
    kind: r.kind as ExplanationRequest['kind'],
    message: r.message,
    deadline: r.deadline.getTime(),
    requestedAt: r.requestedAt.getTime(),
    ...(r.agency !== null ? { agency: r.agency } : {}),
    ...(r.answeredAt !== null ? { answer: { text: r.answerText ?? '', evidence: answerEvidence.get(r.id) ?? [], answeredAt: r.answeredAt.getTime() } } : {}),
  }));
  let appraisal: AppraisalRecord | undefined;
  if (row.appraisalKind !== null && row.appraisalValue !== null) {
    appraisal = {
      kind: row.appraisalKind as AppraisalDecisionKind,
      value: row.appraisalValue as ResolvedValue,
      decidedAt: ms(row.appraisedAt) ?? 0,
      ...(row.appraisalReason !== null ? { reason: row.appraisalReason } : {}),
      ...(row.appraisalAgency !== null ? { agency: row.appraisalAgency } : {}),
    };
  }
  let council: CouncilRecord | undefined;
  if (row.councilValue !== null && row.councilValue !== undefined) {
    council = {
      value: row.councilValue as ResolvedValue,
      reason: row.councilReason ?? '',
      proposedAt: ms(row.councilProposedAt) ?? 0,
      ...(row.councilProposedBy ? { proposedBy: row.councilProposedBy } : {}),
      approved: row.councilApproved,
      ...(row.councilApprovedAt ? { approvedAt: row.councilApprovedAt.getTime() } : {}),
    };
  }
  const record: CriterionRecord = {
    nodeKey: row.nodeKey,
    status: row.status as CriterionStatus,
    self,
    requests: reqs,
    ...(appraisal ? { appraisal } : {}),
    ...(council ? { council } : {}),
    ...(row.rejectedProposal !== null && row.rejectedProposal !== undefined
      ? { rejectedProposal: row.rejectedProposal as CouncilRecord & { rejectionReason: string } }
      : {}),
  };
  return {
    id: row.id,
    cycleId: row.cycleId,
    unitId: row.unitId,
    nodeKey: row.nodeKey,
    version: row.version,
    record,
    requestIds: requests.map((r) => r.id),
    points: { self: row.selfPoints, appraised: row.appraisedPoints, council: row.councilPoints },
    meta: {
      appraisedBy: row.appraisedBy,
      councilProposedBy: row.councilProposedBy,
      councilApprovedBy: row.councilApprovedBy,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
      requests: requests.map((r) => ({ requestedBy: r.requestedBy, answeredBy: r.answeredBy })),
    },
  };
}

/** Loads the children of the given record rows (evidence, requests, answer evidence) and maps them. */
async function hydrate(executor: Executor, rows: CriterionRecordRow[]): Promise<StoredCriterionRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [evidenceRows, requestRows] = await Promise.all([
    inChunks(ids, (part) => executor
      .select({ recordId: criterionEvidence.criterionRecordId, id: criterionEvidence.evidenceDocumentId })
      .from(criterionEvidence)
      .where(inArray(criterionEvidence.criterionRecordId, part))
      .orderBy(asc(criterionEvidence.criterionRecordId), asc(criterionEvidence.position))),
    inChunks(ids, (part) => executor
      .select()
      .from(explanationRequests)
      .where(inArray(explanationRequests.criterionRecordId, part))
      .orderBy(asc(explanationRequests.criterionRecordId), asc(explanationRequests.sequence))),
  ]);
  const answerEvidence = new Map<string, EvidenceRef[]>();
  const answered = requestRows.filter((r) => r.answeredAt !== null).map((r) => r.id);
  if (answered.length > 0) {
    const links = await inChunks(answered, (part) => executor
      .select({ requestId: explanationAnswerEvidence.requestId, id: explanationAnswerEvidence.evidenceDocumentId })
      .from(explanationAnswerEvidence)
      .where(inArray(explanationAnswerEvidence.requestId, part))
      .orderBy(asc(explanationAnswerEvidence.requestId), asc(explanationAnswerEvidence.evidenceDocumentId)));
    for (const l of links) push(answerEvidence, l.requestId, { id: l.id });
  }
  const evidence = new Map<string, EvidenceRef[]>();
  for (const e of evidenceRows) push(evidence, e.recordId, { id: e.id });
  const requests = new Map<string, RequestRow[]>();
  for (const r of requestRows) push(requests, r.criterionRecordId, r);
  return rows.map((row) => toCore(row, evidence.get(row.id) ?? [], requests.get(row.id) ?? [], answerEvidence));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Criterion records of some units of a cycle (all participating units when `unitIds` is omitted),
 * as unit id → node key → stored record. Optionally only some node keys.
 */
export async function loadCriterionRecords(
  executor: Executor,
  cycleId: string,
  options: { unitIds?: readonly string[]; nodeKeys?: readonly string[] } = {},
): Promise<Map<string, Map<string, StoredCriterionRecord>>> {
  const conditions = [eq(criterionRecords.cycleId, cycleId)];
  if (options.unitIds) {
    if (options.unitIds.length === 0) return new Map();
    conditions.push(inArray(criterionRecords.unitId, [...options.unitIds]));
  }
  if (options.nodeKeys) {
    if (options.nodeKeys.length === 0) return new Map();
    conditions.push(inArray(criterionRecords.nodeKey, [...options.nodeKeys]));
  }
  const rows = await executor.select().from(criterionRecords).where(and(...conditions));
  const out = new Map<string, Map<string, StoredCriterionRecord>>();
  for (const stored of await hydrate(executor, rows)) {
    let byNode = out.get(stored.unitId);
    if (!byNode) {
      byNode = new Map();
      out.set(stored.unitId, byNode);
    }
    byNode.set(stored.nodeKey, stored);
  }
  return out;
}

/** One unit's records, node key → stored record. */
export async function loadUnitCriterionRecords(executor: Executor, cycleId: string, unitId: string): Promise<Map<string, StoredCriterionRecord>> {
  return (await loadCriterionRecords(executor, cycleId, { unitIds: [unitId] })).get(unitId) ?? new Map();
}

/** One record; with `lock`, the row is locked (`FOR UPDATE`) until the transaction ends. */
export async function loadCriterionRecord(
  executor: Executor,
  cycleId: string,
  unitId: string,
  nodeKey: string,
  options: { lock?: boolean } = {},
): Promise<StoredCriterionRecord | undefined> {
  const query = executor
    .select()
    .from(criterionRecords)
    .where(and(eq(criterionRecords.cycleId, cycleId), eq(criterionRecords.unitId, unitId), eq(criterionRecords.nodeKey, nodeKey)));
  const rows = options.lock ? await query.for('update') : await query;
  const [stored] = await hydrate(executor, rows);
  return stored;
}

/** Just the core records of a unit (for `unitFacts`, `consolidateUnit`, `checkSubmission`…). */
export function coreRecords(stored: ReadonlyMap<string, StoredCriterionRecord>): Map<string, CriterionRecord> {
  return new Map([...stored].map(([k, s]) => [k, s.record]));
}

export interface SaveCriterionOptions {
  /** The leaf and the framework's rounding: the self points are computed from the entry. */
  node: FrameworkNode;
  rounding: RoundingSettings;
  /** The acting user (empty for the system). */
  userId: string;
  now?: Date;
  /** What the 409 carries as `current` (default: the stored record as it is now). */
  presentCurrent?: (current: StoredCriterionRecord) => unknown;
}

const sameRefs = (a: readonly EvidenceRef[] | undefined, b: readonly EvidenceRef[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((r, i) => r.id === b![i]!.id);

/**
 * Stores `next` (the result of `applyCriterionCommand` on `previous.record`) if the row is still
 * at `previous.version` — otherwise throws `staleVersion` with the current record. New requests
 * are inserted, newly answered ones updated, evidence links replaced when they changed.
 * Returns the stored record as it now is.
 */
export async function saveCriterionRecord(
  tx: Executor,
  previous: StoredCriterionRecord,
  next: CriterionRecord,
  options: SaveCriterionOptions,
): Promise<StoredCriterionRecord> {
  const now = options.now ?? new Date();
  const by = options.userId || null;
  const prev = previous.record;
  const self = selfValue(options.node, next.self, options.rounding);
  const appraisalChanged = prev.appraisal !== next.appraisal;
  const councilChanged = prev.council !== next.council;
  const updated = await tx
    .update(criterionRecords)
    .set({
      status: next.status,
      selfInput: next.self.input ?? null,
      selfPoints: pointsText(self?.points),
      selfExplanation: next.self.explanation ?? null,
      appraisalKind: next.appraisal?.kind ?? null,
      appraisalValue: next.appraisal?.value ?? null,
      appraisedPoints: pointsText(next.appraisal?.value.points),
      appraisalReason: next.appraisal?.reason ?? null,
      appraisalAgency: next.appraisal?.agency ?? null,
      appraisedAt: date(next.appraisal?.decidedAt),
      ...(appraisalChanged ? { appraisedBy: next.appraisal ? by : null } : {}),
      councilValue: next.council?.value ?? null,
      councilPoints: pointsText(next.council?.value.points),
      councilReason: next.council?.reason ?? null,
      councilProposedAt: date(next.council?.proposedAt),
      councilApproved: next.council?.approved ?? false,
      councilApprovedAt: date(next.council?.approvedAt),
      ...(councilChanged
        ? {
            // The core stamps the proposer; a proposal replaced within the same millisecond is another one.
            councilProposedBy: next.council ? (next.council.proposedBy || (prev.council?.proposedAt === next.council.proposedAt ? previous.meta.councilProposedBy : by)) : null,
            councilApprovedBy: next.council?.approved ? (prev.council?.approved ? previous.meta.councilApprovedBy : by) : null,
          }
        : {}),
      rejectedProposal: next.rejectedProposal ?? null,
      version: sql`${criterionRecords.version} + 1`,
      updatedAt: now,
      updatedBy: by,
    })
    .where(and(eq(criterionRecords.id, previous.id), eq(criterionRecords.version, previous.version)))
    .returning({ id: criterionRecords.id });
  if (updated.length === 0) {
    const current = await loadCriterionRecord(tx, previous.cycleId, previous.unitId, previous.nodeKey);
    throw staleVersion(current && options.presentCurrent ? options.presentCurrent(current) : current);
  }

  if (!sameRefs(prev.self.evidence, next.self.evidence)) {
    await tx.delete(criterionEvidence).where(eq(criterionEvidence.criterionRecordId, previous.id));
    const refs = dedupe(next.self.evidence ?? []);
    if (refs.length > 0) {
      await tx.insert(criterionEvidence).values(refs.map((r, position) => ({ criterionRecordId: previous.id, evidenceDocumentId: r.id, position })));
    }
  }

  // Requests: the core only appends requests and answers the last one.
  const ids = [...previous.requestIds];
  const added = next.requests.slice(prev.requests.length);
  if (added.length > 0) {
    const inserted = await tx
      .insert(explanationRequests)
      .values(
        added.map((r, i) => ({
          criterionRecordId: previous.id,
          sequence: prev.requests.length + i + 1,
          kind: r.kind,
          message: r.message,
          deadline: new Date(r.deadline),
          agency: r.agency ?? null,
          requestedAt: new Date(r.requestedAt),
          requestedBy: by,
          answerText: r.answer?.text ?? null,
          answeredAt: date(r.answer?.answeredAt),
          answeredBy: r.answer ? by : null,
        })),
      )
      .returning({ id: explanationRequests.id, sequence: explanationRequests.sequence });
    inserted.sort((a, b) => a.sequence - b.sequence);
    ids.push(...inserted.map((r) => r.id));
    const answerLinks = added.flatMap((r, i) => dedupe(r.answer?.evidence ?? []).map((e) => ({ requestId: inserted[i]!.id, evidenceDocumentId: e.id })));
    if (answerLinks.length > 0) await tx.insert(explanationAnswerEvidence).values(answerLinks);
  }
  for (let i = 0; i < Math.min(prev.requests.length, next.requests.length); i++) {
    const before = prev.requests[i]!;
    const after = next.requests[i]!;
    if (before.answer === after.answer) continue;
    const requestId = ids[i]!;
    await tx
      .update(explanationRequests)
      .set({ answerText: after.answer?.text ?? null, answeredAt: date(after.answer?.answeredAt), answeredBy: after.answer ? by : null })
      .where(eq(explanationRequests.id, requestId));
    await tx.delete(explanationAnswerEvidence).where(eq(explanationAnswerEvidence.requestId, requestId));
    const refs = dedupe(after.answer?.evidence ?? []);
    if (refs.length > 0) await tx.insert(explanationAnswerEvidence).values(refs.map((e) => ({ requestId, evidenceDocumentId: e.id })));
  }

  const saved = await loadCriterionRecord(tx, previous.cycleId, previous.unitId, previous.nodeKey);
  return saved!;
}

function dedupe(refs: readonly EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Creates draft records (cycle open), in multi-row inserts of up to 2 000 rows. Existing ones are kept. */
export async function insertCriterionRecords(tx: Executor, rows: readonly { cycleId: string; unitId: string; nodeKey: string; status?: 'draft' | 'pending' }[], userId?: string): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({ ...r, updatedBy: userId || null }));
    const result = await tx.insert(criterionRecords).values(chunk).onConflictDoNothing().returning({ id: criterionRecords.id });
    created += result.length;
  }
  return created;
}

/**
 * Applies a unit transition's cascade (core `cascadeUnitTransition`) to the given records in one
 * statement: `submitted` sends drafts to `pending`; `draft` / `returned_for_revision` bring them
 * back to draft and drop appraisal and council values. Returns how many rows changed.
 */
export async function cascadeRecords(tx: Executor, ids: readonly string[], to: 'pending' | 'draft', userId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const base = { version: sql`${criterionRecords.version} + 1`, updatedAt: now, updatedBy: userId || null };
  const set =
    to === 'pending'
      ? { ...base, status: 'pending' }
      : {
          ...base,
          status: 'draft',
          appraisalKind: null,
          appraisalValue: null,
          appraisedPoints: null,
          appraisalReason: null,
          appraisalAgency: null,
          appraisedAt: null,
          appraisedBy: null,
          councilValue: null,
          councilPoints: null,
          councilReason: null,
          councilProposedAt: null,
          councilProposedBy: null,
          councilApproved: false,
          councilApprovedAt: null,
          councilApprovedBy: null,
        };
  const result = await tx.update(criterionRecords).set(set).where(inArray(criterionRecords.id, [...ids])).returning({ id: criterionRecords.id });
  return result.length;
}
