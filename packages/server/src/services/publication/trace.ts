/**
 * The trace of a published figure (truy vết điểm công bố): for one unit of one snapshot, every
 * leaf's published points and where they came from (self-assessment, appraisal, council), the
 * evidence behind it and the decisions on it up to the publication — read from the snapshot, the
 * criterion records it names, and the audit trail.
 */
import { pointsToString, walkNodes } from '@chiso/core';
import type { Executor } from '../../db/client';
import { evidenceOfRecords } from '../../db/repositories/assessment-repository';
import { auditEventsAfter, auditTrailOf } from '../../db/repositories/audit-repository';
import { findCycle } from '../../db/repositories/cycle-repository';
import { findSnapshotHead, readSnapshotBody, readSnapshotLeaves } from '../../db/repositories/result-repository';
import type { Actor } from '../actor';
import { loadFrameworkVersion } from '../cycles/context';
import { notFound } from '../errors';
import { assertMayReadPublishedTrace } from '../policies/results';
import { pointsText, presentSnapshot, type ResultRowView } from './snapshot';
import { canonical, storedFeedValues, type FeedChannel } from '../data-feeds/feed-values';
import type { PublishedTrace } from '@chiso/contract';

export interface TraceEvidence {
  id: string;
  documentNumber: string | null;
  documentDate: string | null;
  issuer: string | null;
  title: string | null;
  originalName: string;
}

export interface TraceDecision {
  at: string;
  actor: string | null;
  action: string;
  reason: string | null;
}

export interface TraceLeaf {
  nodeKey: string;
  code: string;
  name: string;
  maxPoints: string;
  /** Where the published points came from: council, appraised, self, supplied, none. */
  level: string;
  selfPoints: string | null;
  effectivePoints: string | null;
  /** The exact points, "num/den" (effectivePoints is to the thousandth); null in older snapshots. */
  selfExact: string | null;
  effectiveExact: string | null;
  notApplicable: boolean;
  criterionRecordVersion: number | null;
  evidence: TraceEvidence[];
  decisions: TraceDecision[];
  /** A data-feed leaf's figures as received before this publication, with their source and origin. */
  feed: PublishedTrace['leaves'][number]['feed'];
}

export interface PublishedTraceView {
  snapshot: { id: string; number: number; decisionNumber: string | null; createdAt: string };
  unit: ResultRowView;
  leaves: TraceLeaf[];
}

type EvidenceMetadata = Pick<TraceEvidence, 'documentNumber' | 'documentDate' | 'issuer' | 'title'>;

/**
 * What each document said at the publication: today's metadata, unless it was edited since (before
 * evidence of a submitted record was frozen), then the `before` of the first audited edit after.
 */
async function evidenceAt(db: Executor, evidence: readonly (EvidenceMetadata & { id: string })[], publishedAt: Date): Promise<(e: EvidenceMetadata & { id: string }) => EvidenceMetadata> {
  const edits = await auditEventsAfter(db, 'evidence_document', 'update', [...new Set(evidence.map((e) => e.id))], publishedAt);
  const then = new Map<string, EvidenceMetadata>();
  for (const edit of edits) if (!then.has(edit.entityId) && edit.before) then.set(edit.entityId, edit.before as EvidenceMetadata);
  return (e) => {
    const at = then.get(e.id) ?? e;
    return { documentNumber: at.documentNumber ?? null, documentDate: at.documentDate ?? null, issuer: at.issuer ?? null, title: at.title ?? null };
  };
}

/** The data-feed values of the unit received up to the publication (one received later is not what was published). */
async function feedsAt(db: Executor, cycleId: string, unitId: string, publishedAt: Date): Promise<Map<string, NonNullable<TraceLeaf['feed']>>> {
  const out = new Map<string, NonNullable<TraceLeaf['feed']>>();
  for (const r of (await storedFeedValues(db, cycleId, [unitId])).get(unitId)?.values() ?? []) {
    if (r.receivedAt > publishedAt) continue;
    out.set(r.nodeKey, {
      numerator: canonical(r.numerator), denominator: canonical(r.denominator), period: r.period, channel: r.channel as FeedChannel, source: r.source,
      receivedAt: r.receivedAt.toISOString(), origin: r.chisoOrigin ?? null,
    });
  }
  return out;
}

export async function publishedTrace(db: Executor, cycleId: string, groupId: string, unitId: string, actor: Actor, number?: number): Promise<PublishedTraceView> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  assertMayReadPublishedTrace(actor, cycle.ownerUnitId, unitId);
  const head = await findSnapshotHead(db, cycleId, groupId, number);
  if (!head) throw notFound('kết quả đã công bố của nhóm này');
  const [unit] = presentSnapshot(head, await readSnapshotBody(db, head.id, [unitId])).rows;
  if (!unit) throw notFound('đơn vị trong kết quả đã công bố');

  // Results imported from a file have no framework version and no leaves.
  const framework = head.frameworkVersionId ? await loadFrameworkVersion(db, head.frameworkVersionId) : null;
  const nodes = new Map(framework ? [...walkNodes(framework.nodes)].map((visit) => [visit.node.key, visit.node]) : []);

  const leaves = await readSnapshotLeaves(db, head.id, [unitId]);
  const recordIds = leaves.flatMap((leaf) => (leaf.criterionRecordId ? [leaf.criterionRecordId] : []));
  const [evidence, trail] = await Promise.all([evidenceOfRecords(db, recordIds), auditTrailOf(db, 'criterion_record', recordIds, head.createdAt)]);
  const published = await evidenceAt(db, evidence, head.createdAt);
  const feeds = await feedsAt(db, cycleId, unitId, head.createdAt);

  const byOrder = new Map([...nodes.keys()].map((key, index) => [key, index]));
  return {
    snapshot: { id: head.id, number: head.number, decisionNumber: head.decisionNumber, createdAt: head.createdAt.toISOString() },
    unit,
    leaves: leaves
      .map((leaf): TraceLeaf => {
        const node = nodes.get(leaf.nodeKey);
        const recordId = leaf.criterionRecordId;
        return {
          nodeKey: leaf.nodeKey,
          code: node?.code ?? leaf.nodeKey,
          name: node?.name ?? '',
          maxPoints: node ? pointsToString(node.maxPoints) : '',
          level: leaf.level,
          selfPoints: leaf.selfPoints === null ? null : pointsText(leaf.selfPoints),
          effectivePoints: leaf.effectivePoints === null ? null : pointsText(leaf.effectivePoints),
          selfExact: leaf.selfExact,
          effectiveExact: leaf.effectiveExact,
          notApplicable: leaf.notApplicable,
          criterionRecordVersion: leaf.criterionRecordVersion,
          evidence: evidence
            .filter((e) => recordId !== null && e.criterionRecordId === recordId)
            .map((e) => ({ id: e.id, ...published(e), originalName: e.originalName })),
          decisions: trail
            .filter((event) => recordId !== null && event.entityId === recordId)
            .map((event) => ({ at: event.at.toISOString(), actor: event.actorUsername, action: event.action, reason: event.reason })),
          feed: node?.rule?.type === 'data_feed' ? (feeds.get(leaf.nodeKey) ?? null) : null,
        };
      })
      .sort((a, b) => (byOrder.get(a.nodeKey) ?? 0) - (byOrder.get(b.nodeKey) ?? 0)),
  };
}
