import { and, asc, desc, eq, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { frameworkVersionSeals, frameworkVersions, frameworks, programs } from '../schema/frameworks';

export type ProgramRow = typeof programs.$inferSelect;
export type FrameworkRow = typeof frameworks.$inferSelect;
export type FrameworkVersionRow = typeof frameworkVersions.$inferSelect;
/** A version without its document, for lists. */
export type FrameworkVersionHead = Omit<FrameworkVersionRow, 'document'>;

/** Inserts the given programs when missing (idempotent). */
export async function ensurePrograms(executor: Executor, rows: readonly ProgramRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(programs).values([...rows]).onConflictDoNothing();
}

export async function listPrograms(executor: Executor): Promise<ProgramRow[]> {
  return executor.select().from(programs).orderBy(asc(programs.code));
}

export async function findProgram(executor: Executor, code: string): Promise<ProgramRow | undefined> {
  const rows = await executor.select().from(programs).where(eq(programs.code, code));
  return rows[0];
}

/** Which owners' frameworks: `ownerUnitId` one owner (null: the province's); `visibleTo` the province's and those of these units. */
export interface FrameworkFilter {
  programCode?: string;
  year?: number;
  ownerUnitId?: string | null;
  visibleTo?: readonly string[];
}

/** The condition "owned by `ownerUnitId`" (null: the province's own). */
const ownedBy = (ownerUnitId: string | null): SQL => (ownerUnitId === null ? isNull(frameworks.ownerUnitId) : eq(frameworks.ownerUnitId, ownerUnitId));

export async function listFrameworks(executor: Executor, filter: FrameworkFilter): Promise<FrameworkRow[]> {
  const conditions: SQL[] = [];
  if (filter.programCode) conditions.push(eq(frameworks.programCode, filter.programCode));
  if (filter.year !== undefined) conditions.push(eq(frameworks.year, filter.year));
  if (filter.ownerUnitId !== undefined) conditions.push(ownedBy(filter.ownerUnitId));
  if (filter.visibleTo) {
    conditions.push(filter.visibleTo.length ? or(isNull(frameworks.ownerUnitId), inArray(frameworks.ownerUnitId, [...filter.visibleTo]))! : isNull(frameworks.ownerUnitId));
  }
  return executor
    .select()
    .from(frameworks)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(frameworks.year), asc(frameworks.programCode), asc(frameworks.groupLabel));
}

export async function findFramework(executor: Executor, id: string): Promise<FrameworkRow | undefined> {
  const rows = await executor.select().from(frameworks).where(eq(frameworks.id, id));
  return rows[0];
}

/** The framework of a program, year and group of one owner (absent or null `ownerUnitId`: the province's). */
export async function findFrameworkByIdentity(
  executor: Executor,
  identity: { programCode: string; year: number; groupLabel: string; ownerUnitId?: string | null },
): Promise<FrameworkRow | undefined> {
  const rows = await executor
    .select()
    .from(frameworks)
    .where(
      and(
        eq(frameworks.programCode, identity.programCode),
        eq(frameworks.year, identity.year),
        eq(frameworks.groupLabel, identity.groupLabel),
        ownedBy(identity.ownerUnitId ?? null),
      ),
    );
  return rows[0];
}

export async function insertFramework(executor: Executor, values: typeof frameworks.$inferInsert): Promise<FrameworkRow> {
  const [row] = await executor.insert(frameworks).values(values).returning();
  return row!;
}

const headColumns = {
  id: frameworkVersions.id,
  frameworkId: frameworkVersions.frameworkId,
  number: frameworkVersions.number,
  status: frameworkVersions.status,
  reason: frameworkVersions.reason,
  contentHash: frameworkVersions.contentHash,
  createdAt: frameworkVersions.createdAt,
  createdBy: frameworkVersions.createdBy,
  publishedAt: frameworkVersions.publishedAt,
  publishedBy: frameworkVersions.publishedBy,
  publishedByUsername: frameworkVersions.publishedByUsername,
  version: frameworkVersions.version,
};

/** Version heads (no documents) of many frameworks in one query, by number. */
export async function listVersionHeads(executor: Executor, frameworkIds: readonly string[]): Promise<FrameworkVersionHead[]> {
  if (frameworkIds.length === 0) return [];
  return executor
    .select(headColumns)
    .from(frameworkVersions)
    .where(inArray(frameworkVersions.frameworkId, [...frameworkIds]))
    .orderBy(asc(frameworkVersions.frameworkId), asc(frameworkVersions.number));
}

export async function findVersion(executor: Executor, id: string): Promise<FrameworkVersionRow | undefined> {
  const rows = await executor.select().from(frameworkVersions).where(eq(frameworkVersions.id, id));
  return rows[0];
}

/** The highest-numbered version of a framework. */
export async function findLatestVersion(executor: Executor, frameworkId: string): Promise<FrameworkVersionRow | undefined> {
  const rows = await executor
    .select()
    .from(frameworkVersions)
    .where(eq(frameworkVersions.frameworkId, frameworkId))
    .orderBy(desc(frameworkVersions.number))
    .limit(1);
  return rows[0];
}

export async function nextVersionNumber(executor: Executor, frameworkId: string): Promise<number> {
  const rows = await executor
    .select({ top: max(frameworkVersions.number) })
    .from(frameworkVersions)
    .where(eq(frameworkVersions.frameworkId, frameworkId));
  return (rows[0]?.top ?? 0) + 1;
}

export async function insertVersion(
  executor: Executor,
  values: Pick<typeof frameworkVersions.$inferInsert, 'frameworkId' | 'number' | 'document' | 'reason' | 'createdBy'>,
): Promise<FrameworkVersionRow> {
  const [row] = await executor.insert(frameworkVersions).values(values).returning();
  return row!;
}

/**
 * Replaces a DRAFT's document when its row version is still `expectedVersion`. Returns undefined
 * when nothing matched (unknown, published or stale: the caller reads the row to tell which).
 */
export async function updateDraftDocument(
  executor: Executor,
  id: string,
  expectedVersion: number,
  document: unknown,
): Promise<FrameworkVersionRow | undefined> {
  const rows = await executor
    .update(frameworkVersions)
    .set({ document, version: sql`${frameworkVersions.version} + 1` })
    .where(and(eq(frameworkVersions.id, id), eq(frameworkVersions.version, expectedVersion), eq(frameworkVersions.status, 'draft')))
    .returning();
  return rows[0];
}

/**
 * Publishes a draft (status, time, who) and seals it in the same statement sequence; after this
 * the database refuses any UPDATE or DELETE of the row. Undefined when nothing matched.
 */
export async function publishDraft(
  executor: Executor,
  id: string,
  expectedVersion: number,
  by: { userId: string | null; username: string },
): Promise<FrameworkVersionRow | undefined> {
  const rows = await executor
    .update(frameworkVersions)
    .set({
      status: 'published',
      // Milliseconds only, so the value read back into a JS Date equals the stored one (for the seal).
      publishedAt: sql`date_trunc('milliseconds', now())`,
      publishedBy: by.userId,
      publishedByUsername: by.username,
      version: sql`${frameworkVersions.version} + 1`,
    })
    .where(and(eq(frameworkVersions.id, id), eq(frameworkVersions.version, expectedVersion), eq(frameworkVersions.status, 'draft')))
    .returning();
  const row = rows[0];
  if (!row) return undefined;
  await executor.insert(frameworkVersionSeals).values({
    versionId: row.id,
    frameworkId: row.frameworkId,
    number: row.number,
    status: row.status,
    rowVersion: row.version,
    contentHash: row.contentHash,
    publishedAt: row.publishedAt!,
  });
  return row;
}
