/**
 * The public site (issue 11 §7): a unit's published results over the years, and the open data of
 * a published group (CSV and JSON with a method note). Only published snapshots; no login.
 * Figures are exact decimal strings with a dot ("73.79"), as published.
 */
import { z } from 'zod';
import { resultSnapshotSchema } from './results';

const decimal = z.string();
const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), validTo: z.string().nullable() });
const publishedField = resultSnapshotSchema.shape.rows.element.shape.fields.element;

/** One published result of the unit: the latest snapshot of its group in that cycle. */
export const unitPublishedResultSchema = z.object({
  cycleId: z.string(), cycleName: z.string(), year: z.number().int(),
  program: z.object({ code: z.string(), name: z.string() }),
  /** The organising unit of the cycle (a department, a district); null: the province's. */
  owner: unitRef.nullable(),
  groupId: z.string(), groupName: z.string(),
  number: z.number().int(), decisionNumber: z.string().nullable(), publishedAt: z.string(),
  /** The unit's code and name as published that year. */
  unitCode: z.string(), unitName: z.string(),
  achieved: decimal, bonus: decimal, applicableMax: decimal, index: decimal,
  rank: z.number().int(), rankedUnits: z.number().int(), classLabel: z.string().nullable(),
  fields: z.array(publishedField),
});

/** GET /api/public/units/:unitId/results: every published result of the unit, newest year first. */
export const unitPublishedResultsSchema = z.object({
  unit: unitRef,
  results: z.array(unitPublishedResultSchema),
});

/** The method note of an open data file: how the figures were computed and where they come from. */
export const openDataMethodSchema = z.object({
  /** The note as plain Vietnamese text (also served as …/open-data-method.txt). */
  text: z.string(),
  formula: z.string(),
  rounding: z.object({ indexDecimals: z.number().int(), mode: z.string() }),
  /** Whether bonus points count in the index; null when the results were imported without a framework. */
  bonusCountsInIndex: z.boolean().nullable(),
  classes: z.array(z.object({ label: z.string(), minPercent: decimal })),
  source: z.object({
    snapshotNumber: z.number().int(), decisionNumber: z.string().nullable(), publishedAt: z.string(),
    amendmentReason: z.string().nullable(),
    /** SHA-256 of the snapshot's canonical document (…/snapshot.json); null when it has no seal. */
    sha256: z.string().nullable(),
    /** True for earlier years' results imported from a published file. */
    imported: z.boolean(),
  }),
  licence: z.object({ name: z.string(), url: z.string() }),
});

/** One column of the open data table: its stable machine name and what it holds. */
export const openDataColumnSchema = z.object({ name: z.string(), description: z.string() });

/** GET /api/public/results/:cycleId/:groupId/open-data.json */
export const openDataSchema = z.object({
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  cycle: z.object({ id: z.string(), name: z.string() }),
  owner: unitRef.nullable(),
  group: z.object({ id: z.string(), name: z.string() }),
  fields: z.array(z.object({ key: z.string(), code: z.string(), name: z.string() })),
  /** The CSV's columns, in order (the same names as the keys of each unit below, fields flattened). */
  columns: z.array(openDataColumnSchema),
  units: z.array(z.object({
    unit_id: z.string(), unit_code: z.string(), unit_name: z.string(),
    rank: z.number().int(), ranked_units: z.number().int(), index: decimal, class_label: z.string().nullable(),
    achieved: decimal, bonus: decimal, applicable_max: decimal,
    fields: z.array(z.object({ field_key: z.string(), field_code: z.string(), field_name: z.string(), achieved: decimal, applicable_max: decimal, component_index: decimal.nullable() })),
  })),
  method: openDataMethodSchema,
});

export type UnitPublishedResult = z.output<typeof unitPublishedResultSchema>;
export type UnitPublishedResults = z.output<typeof unitPublishedResultsSchema>;
export type OpenDataMethod = z.output<typeof openDataMethodSchema>;
export type OpenData = z.output<typeof openDataSchema>;
