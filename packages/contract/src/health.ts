/** The server's health (tình trạng máy chủ), answered without login — docs/api.md "Health". */
import { z } from 'zod';

/** The last integrity self-check: `broken` when the audit trail or a publication was changed behind chiso's back (docs/security.md). */
export const integrityCheckSchema = z.object({ status: z.enum(['ok', 'broken', 'unchecked']), checkedAt: z.string().nullable(), problems: z.number().int() });

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  demo: z.boolean(),
  integrity: integrityCheckSchema,
});

export type Health = z.output<typeof healthSchema>;
export type IntegrityCheck = z.output<typeof integrityCheckSchema>;
