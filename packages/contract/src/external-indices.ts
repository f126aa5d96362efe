/**
 * Follow-up (issue 12 §4): external indices the province follows — PAR INDEX, SIPAS, PAPI, PCI,
 * DTI and the 766 service index — their yearly editions (components and maxima are data), values
 * per period and subject with ranks and groups, the change against the previous period, and what
 * drives each component (units, criteria). docs/api.md "External indices".
 */
import { z } from 'zod';
import { id } from './common';
import { unitRefSchema } from './accounts';

/** A figure in a body: "42,87", "42.87" or a number; the server keeps it exactly. */
const figure = z.union([z.string().trim().min(1, 'Nhập giá trị').max(40), z.number().nonnegative()]).transform((v) => String(v));
const key = z.string().trim().min(1, 'Nhập mã').max(100).regex(/^[A-Za-z0-9_.-]+$/, 'Mã chỉ gồm chữ không dấu, số, “_”, “-”, “.”');

export const externalComponentSchema = z.object({ key: z.string(), name: z.string(), maxPoints: z.string().nullable() });

export const externalEditionSchema = z.object({
  year: z.number().int(),
  components: z.array(externalComponentSchema),
  maxValue: z.string().nullable(),
  rankOf: z.number().int().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

export const externalEditionBody = z.object({
  components: z.array(z.object({ key, name: z.string().trim().min(1, 'Nhập tên thành phần').max(300), maxPoints: figure.nullable().default(null) })).max(60),
  maxValue: figure.nullable().default(null),
  rankOf: z.number().int().min(1).max(1000).nullable().default(null),
  note: z.string().trim().max(2000).nullable().default(null),
  /** The edition's version the administrator saw; absent: a new edition. */
  version: z.number().int().positive().optional(),
});

export const externalComponentChangeSchema = z.object({
  key: z.string(),
  name: z.string(),
  value: z.string().nullable(),
  previousValue: z.string().nullable(),
  maxPoints: z.string().nullable(),
  change: z.string().nullable(),
  comparable: z.boolean(),
  note: z.string().nullable(),
});

/** A value of an index for a period ('2024' or '2024-05') and a subject (the province: unit null). */
export const externalValueSchema = z.object({
  id: z.string(),
  period: z.string(),
  unit: unitRefSchema.nullable(),
  value: z.string(),
  rank: z.number().int().nullable(),
  rankOf: z.number().int().nullable(),
  groupLabel: z.string().nullable(),
  source: z.string().nullable(),
  version: z.number().int(),
  previousPeriod: z.string().nullable(),
  valueChange: z.string().nullable(),
  /** Places gained (positive) or lost; null: not compared. */
  rankChange: z.number().int().nullable(),
  rankNote: z.string().nullable(),
  /** "PAPI 2023 xếp hạng 21/63, giảm 0,37 điểm, giảm 08 bậc". */
  sentence: z.string(),
  components: z.array(externalComponentChangeSchema),
});

export const externalValueBody = z.object({
  period: z.string().trim().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'Kỳ là năm (2024) hoặc tháng (2024-05)'),
  /** Absent: the province's value; a unit (766 scores units too). */
  unitId: id.optional(),
  value: figure,
  rank: z.number().int().nullable().default(null),
  rankOf: z.number().int().nullable().default(null),
  groupLabel: z.string().trim().max(200).nullable().default(null),
  components: z.record(z.string(), figure).default({}),
  source: z.string().trim().max(300).nullable().default(null),
  /** The value's version the administrator saw; absent: a new value. */
  version: z.number().int().positive().optional(),
});

export const EXTERNAL_LINK_KINDS = ['unit', 'criterion'] as const;

/** What drives a component: a responsible unit or a criterion (program + stable node key), or a task (from the tasks' links). */
export const externalComponentLinkSchema = z.object({
  id: z.string(),
  componentKey: z.string(),
  kind: z.enum([...EXTERNAL_LINK_KINDS, 'task']),
  unit: unitRefSchema.nullable(),
  programCode: z.string().nullable(),
  nodeKey: z.string().nullable(),
  /** The criterion's or task's text. */
  label: z.string().nullable(),
  note: z.string().nullable(),
});

export const externalComponentLinkBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), componentKey: key, unitId: id, note: z.string().trim().max(1000).optional() }),
  z.object({
    kind: z.literal('criterion'), componentKey: key, programCode: z.string().trim().min(1).max(100), nodeKey: z.string().trim().min(1).max(100),
    label: z.string().trim().max(500).optional(), note: z.string().trim().max(1000).optional(),
  }),
]);

const indexHead = {
  key: z.string(),
  label: z.string(),
  name: z.string(),
  publisher: z.string(),
  periodicity: z.enum(['year', 'month']),
  subjects: z.enum(['province', 'province_and_units']),
  valueUnit: z.string(),
  source: z.string().nullable(),
};

/** An index with the province's latest value (for the tabs and the follow-up dashboard). */
export const externalIndexSummarySchema = z.object({ ...indexHead, latest: externalValueSchema.nullable() });

export const externalIndexDetailSchema = z.object({
  ...indexHead,
  version: z.number().int(),
  editions: z.array(externalEditionSchema),
  /** The province's values, oldest first. */
  values: z.array(externalValueSchema),
  /** Units' values (766), oldest first. */
  unitValues: z.array(externalValueSchema),
  links: z.array(externalComponentLinkSchema),
  may: z.object({ manage: z.boolean() }),
});

export const externalImportedSchema = z.object({
  imported: z.number().int(),
  unchanged: z.number().int(),
  /** Template rows left without a value. */
  blank: z.number().int(),
  /** Years whose edition the import creates from the newest earlier one (editable afterwards). */
  newEditions: z.array(z.number().int()),
  dryRun: z.boolean(),
});

export type ExternalComponentView = z.output<typeof externalComponentSchema>;
export type ExternalEditionView = z.output<typeof externalEditionSchema>;
export type ExternalEditionBody = z.input<typeof externalEditionBody>;
export type ExternalComponentChangeView = z.output<typeof externalComponentChangeSchema>;
export type ExternalValueView = z.output<typeof externalValueSchema>;
export type ExternalValueBody = z.input<typeof externalValueBody>;
export type ExternalComponentLinkView = z.output<typeof externalComponentLinkSchema>;
export type ExternalComponentLinkBody = z.input<typeof externalComponentLinkBody>;
export type ExternalIndexSummary = z.output<typeof externalIndexSummarySchema>;
export type ExternalIndexDetail = z.output<typeof externalIndexDetailSchema>;
export type ExternalImported = z.output<typeof externalImportedSchema>;
