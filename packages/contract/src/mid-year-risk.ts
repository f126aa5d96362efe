/**
 * Follow-up (issue 12 §5): the criteria at risk of losing points during a cycle ("có thể không hoàn
 * thành, không đạt và có thể dẫn đến mất điểm") — docs/api.md "Follow-up: mid-year risk".
 */
import { z } from 'zod';
import { RISK_KINDS } from '@chiso/core';
import { enumOf } from './common';
import { day } from './units';

export const riskKindSchema = enumOf(RISK_KINDS);
export type RiskKindValue = z.output<typeof riskKindSchema>;

export const riskQuery = z.object({
  /** The date the risk is judged at (Vietnam); default today. */
  asOf: day.optional(),
  /** Days before the self-assessment deadline from which missing evidence counts (default 14). */
  horizon: z.coerce.number({ error: 'Số ngày không hợp lệ' }).int('Số ngày không hợp lệ').min(0, 'Số ngày không được âm').max(365, 'Tối đa 365 ngày').optional(),
});

export const riskLineSchema = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  nodeKey: z.string(),
  code: z.string(),
  name: z.string(),
  /** The leaf's appraising agency (code and the unit acting as it); null when none. */
  agency: z.string().nullable(),
  agencyName: z.string().nullable(),
  kind: riskKindSchema,
  /** Decimal texts ("1.5"). */
  maxPoints: z.string(),
  pointsAtRisk: z.string(),
  /** A data feed's rate now ("72,5%") and what the next tier needs ("≥ 90%"). */
  rate: z.string().nullable(),
  threshold: z.string().nullable(),
  taskId: z.string().nullable(),
  explanation: z.string(),
  /** Whether this line is the one counted for its criterion in the sums (its largest). */
  counted: z.boolean(),
});
export type RiskLineView = z.output<typeof riskLineSchema>;

export const riskSumSchema = z.object({ points: z.string(), criteria: z.number().int() });

const riskHeader = {
  cycleId: z.string(),
  cycleName: z.string(),
  asOf: z.string(),
  horizonDays: z.number().int(),
  total: riskSumSchema,
  lines: z.array(riskLineSchema),
};

export const cycleRiskSchema = z.object({
  ...riskHeader,
  selfAssessmentDeadline: z.string(),
  units: z.array(riskSumSchema.extend({ unitId: z.string(), unitCode: z.string(), unitName: z.string() })),
  agencies: z.array(riskSumSchema.extend({ agency: z.string().nullable(), agencyName: z.string().nullable() })),
});
export type CycleRiskView = z.output<typeof cycleRiskSchema>;

export const unitRiskSchema = z.object({
  ...riskHeader,
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  /** The unit's own self-assessment deadline (extension included). */
  selfAssessmentDeadline: z.string(),
});
export type UnitRiskView = z.output<typeof unitRiskSchema>;
