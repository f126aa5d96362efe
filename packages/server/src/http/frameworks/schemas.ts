import { z } from 'zod';

const id = z.uuid();
export const year = z.coerce.number().int().min(1900).max(2999);

export const issue = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeCode: z.string().optional(),
  nodeKey: z.string().optional(),
  path: z.string().optional(),
});

export const versionHead = z.object({
  id,
  number: z.number().int(),
  status: z.enum(['draft', 'published']),
  reason: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const frameworkSummary = z.object({
  id,
  program: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  groupLabel: z.string(),
  name: z.string(),
  versions: z.array(versionHead),
});

/** The canonical framework JSON (docs/framework-format.md); the core checks it, not zod. */
export const document = z.record(z.string(), z.unknown());

export const frameworkVersion = z.object({
  id,
  frameworkId: id,
  number: z.number().int(),
  status: z.enum(['draft', 'published']),
  reason: z.string().nullable(),
  document,
  issues: z.array(issue),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), publish: z.boolean(), newVersion: z.boolean() }),
});

const nodeRef = z.object({ key: z.string(), code: z.string(), name: z.string(), parentKey: z.string().nullable() });

export const versionDiff = z.object({
  from: z.object({ id, number: z.number().int() }),
  to: z.object({ id, number: z.number().int() }),
  added: z.array(nodeRef),
  removed: z.array(nodeRef),
  changed: z.array(nodeRef.extend({
    fields: z.array(z.object({
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      parts: z.array(z.object({ path: z.string(), before: z.string(), after: z.string() })).optional(),
    })),
  })),
  frameworkChanges: z.array(z.string()),
});

export const idParams = z.object({ id });

export const createBody = z.object({
  programCode: z.string().min(1),
  year: z.number().int().min(1900).max(2999),
  groupLabel: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(500),
  document: document.optional(),
});

export const copyBody = z.object({ year: z.number().int().min(1900).max(2999), name: z.string().trim().min(1).max(500).optional() });
export const saveBody = z.object({ version: z.number().int(), document });
export const publishBody = z.object({ version: z.number().int() });
export const newVersionBody = z.object({ fromVersionId: id, reason: z.string().trim().min(1).max(2000) });
