/** Data-feed values (số liệu từ hệ thống) and the API tokens other systems push them with — docs/api.md "Data feeds". */
import { z } from 'zod';
import { id } from './common';

export const feedChannelSchema = z.enum(['import', 'api', 'chiso']);

/**
 * Where a figure pulled from chiso came from: the source cycle (and its organising unit), the unit's
 * own published figure or, for an average of the units a unit organises, every unit's, each with
 * its snapshot (`snapshotNumber` 1: the publication; more: an amendment).
 */
export const chisoOriginSchema = z.object({
  cycleId: z.string(), cycleName: z.string(), year: z.number().int(), programCode: z.string(),
  ownerUnitId: z.string().nullable(), ownerName: z.string().nullable(),
  source: z.enum(['same_unit', 'units_under']), aggregate: z.enum(['average']).nullable(), decimals: z.number().int().nullable(),
  figures: z.array(z.object({
    unitId: z.string(), unitCode: z.string(), unitName: z.string(), index: z.string(),
    snapshotId: z.string(), snapshotNumber: z.number().int(), decisionNumber: z.string().nullable(),
  })),
});

export const feedValueSchema = z.object({
  unitId: z.string(), unitCode: z.string(), unitName: z.string(), nodeKey: z.string(), code: z.string(), name: z.string(),
  /** `fromChiso`: the value is a figure chiso published for another program (e.g. the PAR index). */
  feed: z.string(), fromChiso: z.boolean(), numeratorLabel: z.string(), denominatorLabel: z.string(),
  value: z.object({
    numerator: z.string(), denominator: z.string(), period: z.string(), channel: feedChannelSchema, source: z.string(),
    /** `receivedBy`: the administrator's name or the API token's; `points`: null when not applicable. */
    receivedAt: z.string(), receivedBy: z.string().nullable(), points: z.string().nullable(), explanation: z.string(),
    /** Null unless the value was pulled from chiso (and in values pulled before origins were kept). */
    origin: chisoOriginSchema.nullable(),
  }).nullable(),
});

export const apiTokenSchema = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), cycleId: z.string().nullable(), cycleName: z.string().nullable(), expiresAt: z.string().nullable(),
  createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(), status: z.enum(['active', 'expired', 'revoked']),
});

export const feedImportedSchema = z.object({ imported: z.number().int(), blank: z.number().int(), unchanged: z.number().int(), dryRun: z.boolean() });
export const chisoPulledSchema = z.object({
  pulled: z.number().int(), unchanged: z.number().int(), skipped: z.array(z.object({ unit: z.string(), criterion: z.string(), message: z.string() })),
});
export const feedReceivedSchema = z.object({ received: z.number().int(), unchanged: z.number().int() });

const figure = z.union([z.string().trim().min(1).max(40), z.number().nonnegative()]).transform((v) => String(v));
export const feedPushBody = z.object({
  source: z.string().trim().min(1, 'Hãy ghi tên hệ thống gửi số liệu').max(200),
  values: z.array(z.object({
    unit: z.string().trim().min(1).max(50),
    criterion: z.string().trim().min(1).max(80),
    numerator: figure,
    denominator: figure,
    period: z.string().trim().min(1, 'Thiếu kỳ số liệu').max(100),
    source: z.string().trim().max(200).optional(),
  })).min(1).max(5000),
});

export const newApiTokenBody = z.object({
  name: z.string().trim().min(1, 'Hãy đặt tên cho mã').max(100),
  cycleId: id.nullable(),
  expiresAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Ngày hết hạn không hợp lệ').nullable(),
});
export const createdApiTokenSchema = z.object({ token: z.string(), record: apiTokenSchema });

export type FeedChannel = z.output<typeof feedChannelSchema>;
export type ChisoOrigin = z.output<typeof chisoOriginSchema>;
export type FeedValueView = z.output<typeof feedValueSchema>;
export type ApiToken = z.output<typeof apiTokenSchema>;
export type FeedImported = z.output<typeof feedImportedSchema>;
export type ChisoPulled = z.output<typeof chisoPulledSchema>;
export type FeedPush = z.input<typeof feedPushBody>;
export type NewApiToken = z.input<typeof newApiTokenBody>;
export type CreatedApiToken = z.output<typeof createdApiTokenSchema>;
