import { z } from 'zod';
import { nodeInputSchema } from '@chiso/contract';

/** A score as the API takes it: an input for the leaf's rule, or points as a decimal string. */
export const scoreValueSchema = z.union([
  z.object({ input: nodeInputSchema }),
  z.object({ points: z.union([z.string().trim().min(1).max(40), z.number()]) }),
]);

const reason = z.string().max(2000, 'Lý do tối đa 2000 ký tự');

/** The core's `AppraisalDecision`. */
export const decisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept') }),
  z.object({ kind: z.literal('adjust'), value: scoreValueSchema, reason: reason.optional() }),
  z.object({ kind: z.literal('confirm_not_applicable') }),
  z.object({ kind: z.literal('reject_not_applicable'), value: scoreValueSchema, reason }),
]);

export const version = z.number().int().positive();
export const nodeKey = z.string().min(1).max(200);
export const reasonText = reason;
