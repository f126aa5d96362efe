/**
 * Follow-up (issue 12 §3): the targets (chỉ tiêu) of a resolution or plan, with their yearly
 * milestones, the values reached (every entry kept) and their status — docs/api.md "Follow-up: targets".
 */
import { z } from 'zod';
import {
  TARGET_DIRECTIONS, TARGET_MEASURES, TARGET_SOURCES, TARGET_STATUSES, targetValueText,
  type TargetDirection, type TargetMeasure, type TargetSource, type TargetStatus,
} from '@chiso/core';
import { booleanFlag, enumOf, id, itemsOf } from './common';
import { unitRefSchema } from './accounts';
import { ownerSchema } from './frameworks';

const text = (max: number, error: string) => z.string().trim().min(1, error).max(max, `Tối đa ${max} ký tự`);
const optionalText = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`).optional().transform((v) => (v === '' ? undefined : v));
const year = z.number().int('Năm là số nguyên').min(2000, 'Năm từ 2000').max(2100, 'Năm không hợp lệ');
const version = z.number().int().positive();

/** A value as officials write it ("85,5", 12): stored as plain decimal text ("85.5"), at most 4 decimals. */
export const targetValueInput = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const plain = targetValueText(v);
  if (plain === null) {
    ctx.addIssue({ code: 'custom', message: 'Giá trị phải là một số (ví dụ 85,5), tối đa 4 chữ số thập phân' });
    return z.NEVER;
  }
  return plain;
});

export const targetMeasureSchema = enumOf<TargetMeasure>(TARGET_MEASURES, 'Loại chỉ tiêu: rate, count, rank hoặc index');
export const targetDirectionSchema = enumOf<TargetDirection>(TARGET_DIRECTIONS, 'Chiều: higher hoặc lower');
export const targetSourceSchema = enumOf<TargetSource>(TARGET_SOURCES, 'Nguồn: entered, imported hoặc chiso');
export const targetStatusSchema = enumOf<TargetStatus>(TARGET_STATUSES);

export const targetPlanBody = z.object({
  code: text(50, 'Nhập mã kế hoạch').regex(/^\S+$/, 'Mã không được chứa khoảng trắng'),
  /** e.g. "Nghị quyết 60-NQ/TU về cải cách hành chính giai đoạn 2021–2030". */
  name: text(500, 'Nhập tên nghị quyết, kế hoạch'),
  /** Số hiệu văn bản, e.g. `60-NQ/TU`. */
  documentNumber: optionalText(100),
  startYear: year,
  endYear: year,
  /** Absent: the actor's own organisation's (the province's for its administrator). */
  ownerUnitId: id.nullable().optional(),
}).refine((p) => p.endYear >= p.startYear, { message: 'Năm kết thúc không trước năm bắt đầu', path: ['endYear'] });
export const updateTargetPlanBody = z.object({
  version,
  name: text(500, 'Nhập tên nghị quyết, kế hoạch').optional(),
  documentNumber: optionalText(100),
});

export const targetMilestoneBody = z.object({ year, value: targetValueInput });

export const targetBody = z.object({
  code: text(20, 'Nhập số thứ tự chỉ tiêu').regex(/^\S+$/, 'Mã không được chứa khoảng trắng'),
  name: text(1000, 'Nhập nội dung chỉ tiêu'),
  measure: targetMeasureSchema,
  /** "%", "đơn vị", "bậc", "điểm"… */
  unitLabel: z.string().trim().max(50, 'Tối đa 50 ký tự').default(''),
  /** Absent: lower for a rank, higher otherwise. */
  direction: targetDirectionSchema.optional(),
  baselineValue: targetValueInput.nullable().optional(),
  baselineYear: year.nullable().optional(),
  milestones: z.array(targetMilestoneBody).max(100).default([]),
  /** The value to reach at the plan's end year. */
  finalValue: targetValueInput.nullable().optional(),
  responsibleUnitId: id.nullable().optional(),
  source: targetSourceSchema.default('entered'),
  /** Where the value comes from, in words (e.g. "Xếp hạng PAR INDEX của tỉnh", "Báo cáo của Sở Tư pháp"). */
  sourceNote: optionalText(500),
  /** For a chiso figure: the external index (PAR_INDEX, PAPI…) whose province figure is the value… */
  sourceIndexKey: z.string().trim().min(1).max(50).nullable().optional(),
  /** …and which of its figures: the value or the rank. */
  sourceFigure: z.enum(['value', 'rank']).nullable().optional(),
});
export const updateTargetBody = targetBody.partial().extend({ version });

/** A value reached in a year (the latest entered counts; every entry is kept). */
export const targetValueBody = z.object({
  year,
  value: targetValueInput,
  /** Why (kept with the value): the report it comes from, a correction… */
  reason: text(2000, 'Nhập căn cứ hoặc lý do'),
  /** The target's version the user saw (a concurrent change answers 409). */
  version,
});

export const targetValueSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  value: z.string(),
  source: targetSourceSchema,
  reason: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});

export const targetYearSchema = z.object({
  year: z.number().int(),
  milestone: z.string().nullable(),
  value: z.string().nullable(),
  status: targetStatusSchema,
});

export const targetSchema = z.object({
  id: z.string(),
  planId: z.string(),
  code: z.string(),
  name: z.string(),
  measure: targetMeasureSchema,
  unitLabel: z.string(),
  direction: targetDirectionSchema,
  baselineValue: z.string().nullable(),
  baselineYear: z.number().int().nullable(),
  finalValue: z.string().nullable(),
  responsibleUnit: unitRefSchema.nullable(),
  source: targetSourceSchema,
  sourceNote: z.string().nullable(),
  sourceIndexKey: z.string().nullable(),
  sourceFigure: z.enum(['value', 'rank']).nullable(),
  version: z.number().int(),
  /** Every year of the plan: its milestone, the latest value and the status. */
  years: z.array(targetYearSchema),
});

export const targetsSummarySchema = z.object({
  year: z.number().int().nullable(),
  met: z.number().int(),
  exceeded: z.number().int(),
  notMet: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
});

export const targetPlanSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  documentNumber: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  owner: ownerSchema,
  version: z.number().int(),
  /** Met (đạt and vượt) out of the targets the reader sees, in the latest year with values. */
  summary: targetsSummarySchema,
  may: z.object({ edit: z.boolean() }),
});
export const targetPlanListResponse = itemsOf(targetPlanSchema);
export const targetPlanDetailSchema = targetPlanSchema.extend({ targets: z.array(targetSchema) });
export const targetHistorySchema = z.object({ target: targetSchema, values: z.array(targetValueSchema) });

export const targetPlanParams = z.object({ id });
export const targetParams = z.object({ id });
/** What an import file holds: the targets with their milestones, or a year's values. */
export const targetImportQuery = z.object({
  kind: z.enum(['targets', 'values']),
  dryRun: booleanFlag,
});
export const targetImportedSchema = z.object({ created: z.number().int(), updated: z.number().int(), values: z.number().int(), dryRun: z.boolean() });

/** Values taken from the external indices for a chiso-sourced target: how many years got a new value. */
export const targetPulledSchema = z.object({ pulled: z.number().int(), unchanged: z.number().int(), missing: z.array(z.number().int()) });

export type TargetPlan = z.output<typeof targetPlanSchema>;
export type TargetPlanDetail = z.output<typeof targetPlanDetailSchema>;
export type TargetView = z.output<typeof targetSchema>;
export type TargetYear = z.output<typeof targetYearSchema>;
export type TargetValueView = z.output<typeof targetValueSchema>;
export type TargetHistory = z.output<typeof targetHistorySchema>;
export type TargetsSummaryView = z.output<typeof targetsSummarySchema>;
export type TargetPulled = z.output<typeof targetPulledSchema>;
export type TargetImported = z.output<typeof targetImportedSchema>;
export type NewTargetPlan = z.input<typeof targetPlanBody>;
export type NewTarget = z.input<typeof targetBody>;
export type UpdateTarget = z.input<typeof updateTargetBody>;
export type NewTargetValue = z.input<typeof targetValueBody>;
