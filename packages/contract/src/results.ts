/** Published results: snapshots, the public list, the trace of a unit's figures — docs/api.md "Results". */
import { z } from 'zod';
import { evidenceSchema } from './evidence';
import { chisoOriginSchema, feedChannelSchema } from './data-feeds';

export const snapshotNumber = z.coerce.number().int().min(1).optional();

export const resultSnapshotSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  number: z.number().int(),
  decisionNumber: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      achieved: z.string(),
      bonus: z.string(),
      applicableMax: z.string(),
      index: z.string(),
      rank: z.number().int(),
      classLabel: z.string().nullable(),
      fields: z.array(
        z.object({
          fieldKey: z.string(),
          code: z.string(),
          name: z.string(),
          achieved: z.string(),
          applicableMax: z.string(),
          componentIndex: z.string().nullable(),
        }),
      ),
    }),
  ),
  versions: z.array(z.object({ number: z.number().int(), decisionNumber: z.string().nullable(), reason: z.string().nullable(), createdAt: z.string() })).optional(),
  hash: z.string().nullable().describe('SHA-256 của tài liệu chuẩn của bản công bố (tải ở …/snapshot.json); xem docs/security.md'),
});

/** The public page reads the same snapshot as logged-in readers. */
export const publicSnapshotSchema = resultSnapshotSchema;

export const publishedGroupSchema = z.object({
  cycleId: z.string(),
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  groupId: z.string(),
  groupName: z.string(),
  latestNumber: z.number().int(),
  publishedAt: z.string(),
  /** The cycle's organiser (a department, a district); null: the province's. */
  owner: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
});

const decimalText = z.string().nullable();
/** An exact value, "num/den" in lowest terms ("2/3"); null in snapshots published before exact values were kept. */
const exactText = z.string().nullable();
const publishedRow = resultSnapshotSchema.shape.rows.element;
export const publishedTraceSchema = z.object({
  snapshot: z.object({ id: z.string(), number: z.number().int(), decisionNumber: z.string().nullable(), createdAt: z.string() }),
  // The published figures as shown, and — for the trace only — the exact values behind them.
  unit: publishedRow.extend({
    achievedExact: exactText,
    bonusExact: exactText,
    indexExact: exactText,
    fields: z.array(publishedRow.shape.fields.element.extend({ achievedExact: exactText })),
  }),
  leaves: z.array(
    z.object({
      nodeKey: z.string(),
      code: z.string(),
      name: z.string(),
      maxPoints: z.string(),
      level: z.string(),
      selfPoints: decimalText,
      effectivePoints: decimalText,
      selfExact: exactText,
      effectiveExact: exactText,
      notApplicable: z.boolean(),
      criterionRecordVersion: z.number().int().nullable(),
      // The documents as they were at publication (their description is frozen with the record).
      evidence: z.array(evidenceSchema.pick({ id: true, documentNumber: true, documentDate: true, issuer: true, title: true, originalName: true })),
      decisions: z.array(z.object({ at: z.string(), actor: z.string().nullable(), action: z.string(), reason: z.string().nullable() })),
      /**
       * A data-feed leaf's figures as received before this publication, with their source and — pulled
       * from chiso — their origin (the cycle and every published figure); null otherwise, or when the
       * value was received after this snapshot.
       */
      feed: z.object({
        numerator: z.string(), denominator: z.string(), period: z.string(), channel: feedChannelSchema, source: z.string(), receivedAt: z.string(),
        origin: chisoOriginSchema.nullable(),
      }).nullable(),
    }),
  ),
});

export type ResultSnapshot = z.output<typeof resultSnapshotSchema>;
export type PublicSnapshot = z.output<typeof publicSnapshotSchema>;
export type SnapshotRow = ResultSnapshot['rows'][number];
export type SnapshotField = SnapshotRow['fields'][number];
export type PublishedGroup = z.output<typeof publishedGroupSchema>;
export type PublishedTrace = z.output<typeof publishedTraceSchema>;
