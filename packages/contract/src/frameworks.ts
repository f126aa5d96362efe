/**
 * Criteria frameworks (bộ tiêu chí): programs, frameworks and their versions, the framework document
 * (docs/framework-format.md), the version diff and the import — docs/api.md "Criteria frameworks".
 *
 * The document schema describes the canonical JSON the core writes (`frameworkToJson`): points and
 * percentages as decimal strings, enums from the core's constants. A compile-time check below keeps
 * it and the core's `Framework` type from drifting apart. Whether a document is *valid* (sums, tiers,
 * keys…) stays the core's job (`loadFramework`); zod only says what shape it has.
 */
import { z } from 'zod';
import {
  CHISO_AGGREGATES,
  CHISO_FIGURES,
  MAX_SURVEY_MIN_RESPONDENTS,
  NODE_FIELDS,
  NODE_SOURCES,
  SURVEY_BELOW_MINIMUM,
  ZERO_DENOMINATORS,
  type BonusRule,
  type ChisoAggregate,
  type ChisoFigure,
  type ExactDecimal,
  type Framework,
  type FrameworkNode,
  type FrameworkSettings,
  type NodeField,
  type NodeSource,
  type Points,
  type SurveyBelowMinimum,
  type TieBreak,
  type TierBound,
  type ZeroDenominator,
} from '@chiso/core';
import { booleanFlag, enumOf, id, itemsOf } from './common';

// ---------------------------------------------------------------- the framework document

/** A decimal as the canonical JSON writes it: a string with a decimal point ("0.25", "90"). */
const decimalText = z.string();

export const tierBoundSchema = z.strictObject({ percent: decimalText, inclusive: z.boolean() });
/** A tier; an unbounded end is written `null`. */
export const tierSchema = z.strictObject({ lower: tierBoundSchema.nullable(), upper: tierBoundSchema.nullable(), points: decimalText });
export const choiceOptionSchema = z.strictObject({ key: z.string(), label: z.string(), points: decimalText });
/** A rule's own rounding of the points it computes: half-up to `decimals` (0..3). */
export const pointsRoundingSchema = z.strictObject({ decimals: z.number().int().min(0).max(3) });

const zeroDenominator = enumOf<ZeroDenominator>(ZERO_DENOMINATORS);
const rateLabels = { numeratorLabel: z.string(), denominatorLabel: z.string(), zeroDenominator };
const rounding = pointsRoundingSchema.optional();

/** One scoring rule per leaf, by `type` (every kind of the core's `Rule`). */
export const ruleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('choice'), options: z.array(choiceOptionSchema) }),
  z.strictObject({ type: z.literal('yes_no'), yesPoints: decimalText, noPoints: decimalText }),
  z.strictObject({ type: z.literal('rate_tiers'), ...rateLabels, tiers: z.array(tierSchema) }),
  z.strictObject({ type: z.literal('proportional'), ...rateLabels, rounding }),
  z.strictObject({ type: z.literal('manual'), min: decimalText, max: decimalText, step: decimalText }),
  z.strictObject({ type: z.literal('deduction'), start: decimalText, perOccurrence: decimalText, floor: decimalText, occurrenceLabel: z.string() }),
  z.strictObject({
    type: z.literal('bonus'),
    mode: z.enum(['fixed', 'per_occurrence'] satisfies BonusRule['mode'][]),
    points: decimalText,
    cap: decimalText,
    occurrenceLabel: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('survey'), rounding }),
  z.strictObject({
    type: z.literal('data_feed'),
    feed: z.string(),
    ...rateLabels,
    scoring: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('tiers'), tiers: z.array(tierSchema) }),
      z.strictObject({ kind: z.literal('proportional') }),
    ]),
    chiso: z.strictObject({
      program: z.string(), figure: enumOf<ChisoFigure>(CHISO_FIGURES),
      source: z.literal('units_under').optional(), aggregate: enumOf<ChisoAggregate>(CHISO_AGGREGATES).optional(), decimals: z.number().int().min(0).max(4).optional(),
    }).optional(),
    rounding,
  }),
]);

export const applicabilitySchema = z.strictObject({
  unitGroups: z.array(z.string()).optional(),
  unitTypes: z.array(z.string()).optional(),
  mayDeclareNotApplicable: z.boolean(),
  condition: z.string().optional(),
});

export const nodeSourceSchema = enumOf<NodeSource>(NODE_SOURCES);

/** A node of the tree: field → criterion → sub-criterion…; a leaf carries its `rule`. Children are omitted when none. */
export const frameworkNodeSchema = z.strictObject({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  maxPoints: decimalText,
  guidance: z.string().optional(),
  evidenceExpected: z.string().optional(),
  appraisingAgency: z.string().optional(),
  source: nodeSourceSchema.optional(),
  applicability: applicabilitySchema.optional(),
  rule: ruleSchema.optional(),
  get children(): z.ZodOptional<z.ZodArray<typeof frameworkNodeSchema>> {
    return z.array(frameworkNodeSchema).optional();
  },
});

export const frameworkSettingsSchema = z.strictObject({
  rounding: z.strictObject({
    /** Default rounding of computed leaf points (0..3 decimals); absent: exact. */
    pointsDecimals: z.number().int().min(0).max(3).optional(),
    indexDecimals: z.number().int().min(0).max(6),
    mode: z.literal('half_up'),
  }),
  survey: z.strictObject({
    optional: z.boolean(),
    minRespondents: z.number().int().min(1).max(MAX_SURVEY_MIN_RESPONDENTS).optional(),
    belowMinimum: enumOf<SurveyBelowMinimum>(SURVEY_BELOW_MINIMUM).optional(),
  }),
  bonus: z.strictObject({ countsInIndex: z.boolean(), totalCap: decimalText.optional() }),
  ranking: z.strictObject({
    basis: z.enum(['published', 'exact'] satisfies FrameworkSettings['ranking']['basis'][]),
    tieBreaks: z.array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('component_index'), fieldKey: z.string() }),
        z.strictObject({ kind: z.literal('achieved_points') }),
        z.strictObject({ kind: z.literal('applicable_max') }),
      ]),
    ),
  }),
  classification: z.strictObject({ bands: z.array(z.strictObject({ key: z.string(), label: z.string(), minPercent: decimalText })) }),
});

/** The canonical framework JSON (formatVersion 1), as the server stores every document that parses. */
export const frameworkDocumentSchema = z.strictObject({
  formatVersion: z.literal(1),
  id: z.string(),
  name: z.string(),
  year: z.number().int().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  unitLevel: z.string().optional(),
  agencies: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  settings: frameworkSettingsSchema,
  nodes: z.array(frameworkNodeSchema),
});

export type FrameworkDocument = z.output<typeof frameworkDocumentSchema>;
export type FrameworkDocumentNode = z.output<typeof frameworkNodeSchema>;
export type FrameworkDocumentRule = z.output<typeof ruleSchema>;
export type FrameworkDocumentTier = z.output<typeof tierSchema>;
export type FrameworkDocumentApplicability = z.output<typeof applicabilitySchema>;

/**
 * The core's types in their JSON form, as `frameworkToJson` writes them: points and percentages as
 * strings, an absent tier bound as `null`, a node without children without the `children` key.
 */
type JsonOf<T> = T extends Points | ExactDecimal
  ? string
  : T extends readonly (infer E)[]
    ? JsonOf<E>[]
    : T extends object
      ? 'lower' extends keyof T
        ? { lower: JsonOf<TierBound> | null; upper: JsonOf<TierBound> | null; points: string }
        : 'children' extends keyof T
          ? { -readonly [K in keyof Omit<T, 'children'>]: JsonOf<T[K]> } & { children?: JsonOf<FrameworkNode>[] }
          : { -readonly [K in keyof T]: JsonOf<T[K]> }
      : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the document schema and the core's `Framework` drift apart (either way). */
const documentMatchesCore: Same<FrameworkDocument, JsonOf<Framework>> = true;
const tieBreaksMatchCore: Same<FrameworkDocument['settings']['ranking']['tieBreaks'][number], JsonOf<TieBreak>> = true;
void documentMatchesCore;
void tieBreaksMatchCore;

/** Any JSON value: what a draft saved half-written may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

/**
 * A draft's document: the canonical JSON when it parses, otherwise the JSON object as it was saved
 * (a draft may be saved half-written; its problems come back as `issues`).
 */
export const draftDocumentSchema = z.union([frameworkDocumentSchema, z.record(z.string(), jsonValueSchema)]);
export type DraftDocument = z.output<typeof draftDocumentSchema>;

// ---------------------------------------------------------------- programs, frameworks, versions

export const year = z.coerce.number().int().min(1900).max(2999);
const yearValue = z.number().int().min(1900).max(2999);

export const programSchema = z.object({ code: z.string(), name: z.string() });
export const versionStatusSchema = z.enum(['draft', 'published']);

/** A finding of the core's reader or validator (`Issue`), errors first. */
export const frameworkIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeCode: z.string().optional(),
  nodeKey: z.string().optional(),
  path: z.string().optional(),
});

export const versionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: versionStatusSchema,
  reason: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

/** An organising unit that owns a framework, cycle or group set; null: the province's own. */
export const ownerSchema = z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable();
/** A list filter by owner: `province` (the province's own) or a unit's id. */
export const ownerFilter = z.union([z.literal('province'), id]);

export const frameworkSummarySchema = z.object({
  id: z.string(),
  program: programSchema,
  year: z.number().int(),
  groupLabel: z.string(),
  name: z.string(),
  /** The organising authority whose framework this is; null for the province's (a template for the lower levels). */
  owner: ownerSchema,
  versions: z.array(versionSummarySchema),
  may: z.object({
    /** Create versions, edit drafts, publish, copy to another year: the owner's administrator (and the province's). */
    manage: z.boolean(),
    /** Copy a published version into a new framework of the actor's own organisation (“Sao chép về đơn vị mình”). */
    adopt: z.boolean(),
  }),
});

const versionShape = {
  id: z.string(),
  frameworkId: z.string(),
  number: z.number().int(),
  reason: z.string().nullable(),
  issues: z.array(frameworkIssueSchema),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), publish: z.boolean(), newVersion: z.boolean() }),
};

/** One version: a published one holds a canonical document; a draft may hold one half-written. */
export const frameworkVersionSchema = z.discriminatedUnion('status', [
  z.object({ ...versionShape, status: z.literal('published'), document: frameworkDocumentSchema }),
  z.object({ ...versionShape, status: z.literal('draft'), document: draftDocumentSchema }),
]);

export const nodeRefSchema = z.object({ key: z.string(), code: z.string(), name: z.string(), parentKey: z.string().nullable() });

/** A scalar inside a structured value that differs: "tiers[1].lower.percent" from "80" to "85" ("" when absent). */
export const valueChangeSchema = z.object({ path: z.string(), before: z.string(), after: z.string() });

/** A changed node field: its JSON values before and after (absent when the node had none). */
export const fieldChangeSchema = z.object({
  field: enumOf<NodeField>(NODE_FIELDS),
  before: jsonValueSchema.optional(),
  after: jsonValueSchema.optional(),
  /** For a structured field (rule, applicability): the scalars inside it that differ. */
  parts: z.array(valueChangeSchema).optional(),
});

/** GET /framework-versions/diff: differences by stable node key. */
export const versionDiffSchema = z.object({
  from: z.object({ id: z.string(), number: z.number().int() }),
  to: z.object({ id: z.string(), number: z.number().int() }),
  added: z.array(nodeRefSchema),
  removed: z.array(nodeRefSchema),
  changed: z.array(nodeRefSchema.extend({ fields: z.array(fieldChangeSchema) })),
  /** Top-level parts that changed: "name", "year", "settings.rounding"… */
  frameworkChanges: z.array(z.string()),
});

// ---------------------------------------------------------------- requests

export const idParams = z.object({ id });
export const programsResponse = itemsOf(programSchema);
export const frameworkListQuery = z.object({ program: z.string().min(1).optional(), year: year.optional(), owner: ownerFilter.optional() });
export const frameworkListResponse = itemsOf(frameworkSummarySchema);
export const versionDiffQuery = z.object({ from: id, to: id });

/**
 * A document sent to be saved: any JSON object. The core reads it (`parseFramework`) and reports its
 * problems as `issues`; a draft may be saved half-written, so zod does not refuse it here.
 */
const documentInput = z.record(z.string(), jsonValueSchema);

export const createFrameworkBody = z.object({
  programCode: z.string().min(1),
  year: yearValue,
  groupLabel: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(500),
  document: documentInput.optional(),
  /** The organising unit it is for; absent: the actor's own (the province's for the province's administrator). */
  ownerUnitId: id.nullable().optional(),
});
export const copyFrameworkBody = z.object({ year: yearValue, name: z.string().trim().min(1).max(500).optional() });
/**
 * POST /frameworks/:id/adopt: a draft copy of one published version (default: the latest) as a new
 * framework of an organising unit (default: the actor's scope unit), which then adds its own criteria.
 */
export const adoptFrameworkBody = z.object({
  versionId: id.optional(),
  ownerUnitId: id.optional(),
  year: yearValue.optional(),
  groupLabel: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(500).optional(),
});
export const saveVersionBody = z.object({ version: z.number().int(), document: documentInput });
export const publishVersionBody = z.object({ version: z.number().int() });
export const newVersionBody = z.object({ fromVersionId: id, reason: z.string().trim().min(1).max(2000) });

/** The form fields of POST /frameworks/import (sent before the file, or in the query string). */
export const importFrameworkFields = z.object({
  programCode: z.string().min(1),
  year,
  groupLabel: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(500).optional(),
  ownerUnitId: id.optional(),
});
/** POST /frameworks/import: `dryRun` (check only), and the form fields may come in the query string. */
export const importFrameworkQuery = z.object({
  dryRun: booleanFlag,
  programCode: z.string().optional(),
  year: z.string().optional(),
  groupLabel: z.string().optional(),
  name: z.string().optional(),
  ownerUnitId: z.string().optional(),
});
/** The answer to a dry-run import: the file is valid, with these warnings. */
export const frameworkFileCheckedSchema = z.object({ dryRun: z.literal(true), warnings: z.array(z.string()) });
export const exportQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

export type VersionStatus = z.output<typeof versionStatusSchema>;
export type Program = z.output<typeof programSchema>;
export type VersionSummary = z.output<typeof versionSummarySchema>;
export type FrameworkSummary = z.output<typeof frameworkSummarySchema>;
export type FrameworkIssue = z.output<typeof frameworkIssueSchema>;
export type FrameworkVersion = z.output<typeof frameworkVersionSchema>;
export type NodeRef = z.output<typeof nodeRefSchema>;
export type FieldChange = z.output<typeof fieldChangeSchema>;
export type VersionDiff = z.output<typeof versionDiffSchema>;
export type FrameworkListParams = z.output<typeof frameworkListQuery>;
export type NewFramework = z.input<typeof createFrameworkBody>;
export type CopyFrameworkBody = z.input<typeof copyFrameworkBody>;
export type AdoptFrameworkBody = z.input<typeof adoptFrameworkBody>;
export type Owner = z.output<typeof ownerSchema>;
export type NewVersionBody = z.input<typeof newVersionBody>;
export type SaveVersionBody = z.input<typeof saveVersionBody>;
export type ImportFrameworkFields = z.output<typeof importFrameworkFields>;
export type FrameworkFileChecked = z.output<typeof frameworkFileCheckedSchema>;
