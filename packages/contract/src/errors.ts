/**
 * The error envelope every failure answers with, and the catalog message a refusal, an issue or an
 * error may carry: `messageId` and `params` for the web to show the message in the chosen language
 * (`formatMessage` of the core), next to the Vietnamese `message` (docs/api.md, "Errors").
 */
import { z } from 'zod';

export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()).readonly()]));

/** The fields a message-bearing object adds: the catalog id and its parameters, when it has one. */
export const catalogMessageShape = {
  messageId: z.string().optional(),
  params: messageParamsSchema.optional(),
};

export const errorDetailSchema = z.object({
  path: z.string().optional(),
  line: z.number().int().optional(),
  column: z.string().optional(),
  /** For a framework workbook: the sheet of the cell, the code and the criterion's code. */
  sheet: z.string().optional(),
  code: z.string().optional(),
  nodeCode: z.string().optional(),
  message: z.string(),
  ...catalogMessageShape,
  /** For a stale version (409): the record as it is now. */
  current: z.unknown().optional(),
});

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    ...catalogMessageShape,
    details: z.array(errorDetailSchema).optional(),
  }),
});

export type MessageParamsBody = z.output<typeof messageParamsSchema>;
export type ErrorDetailBody = z.output<typeof errorDetailSchema>;
export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;
