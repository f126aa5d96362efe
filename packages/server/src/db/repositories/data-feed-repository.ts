import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiTokens, dataFeedValues } from '../schema/data-feeds';
import { users } from '../schema/accounts';
import { cycles, cycleUnits, resultSnapshots, resultUnits } from '../schema/cycles';
import { units } from '../schema/units';

export type DataFeedValueRow = typeof dataFeedValues.$inferSelect;
export type { ChisoOrigin } from '../schema/data-feeds';
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function listDataFeedValues(executor: Executor, cycleId: string, unitIds?: readonly string[]): Promise<DataFeedValueRow[]> {
  const where = unitIds ? and(eq(dataFeedValues.cycleId, cycleId), inArray(dataFeedValues.unitId, [...unitIds])) : eq(dataFeedValues.cycleId, cycleId);
  return executor.select().from(dataFeedValues).where(where).orderBy(asc(dataFeedValues.unitId), asc(dataFeedValues.nodeKey));
}

/** Inserts or replaces values (one per cycle × unit × leaf). */
export async function upsertDataFeedValues(executor: Executor, rows: (typeof dataFeedValues.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await executor
      .insert(dataFeedValues)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [dataFeedValues.cycleId, dataFeedValues.unitId, dataFeedValues.nodeKey],
        set: {
          numerator: sql`excluded.numerator`,
          denominator: sql`excluded.denominator`,
          period: sql`excluded.period`,
          channel: sql`excluded.channel`,
          source: sql`excluded.source`,
          receivedAt: sql`excluded.received_at`,
          receivedBy: sql`excluded.received_by`,
          apiTokenId: sql`excluded.api_token_id`,
          snapshotId: sql`excluded.snapshot_id`,
          chisoOrigin: sql`excluded.chiso_origin`,
        },
      });
  }
}

export async function insertApiToken(executor: Executor, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await executor.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(executor: Executor): Promise<ApiTokenRow[]> {
  return executor.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
}

export async function findApiToken(executor: Executor, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await executor.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function findApiTokenByHash(executor: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const [row] = await executor.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function revokeApiToken(executor: Executor, id: string, by: string | null, at: Date): Promise<ApiTokenRow | undefined> {
  const [row] = await executor.update(apiTokens).set({ revokedAt: at, revokedBy: by }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning();
  return row;
}

export async function touchApiToken(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

/** Names of the cycles tokens are scoped to. */
export async function cycleNames(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await executor.select({ id: cycles.id, name: cycles.name }).from(cycles).where(inArray(cycles.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A cycle of a program and year, with its organising unit (a feed from chiso itself). */
export interface ProgramCycle {
  id: string;
  name: string;
  /** Null: the province's own. */
  ownerUnitId: string | null;
  ownerName: string | null;
}

/** Every cycle of a program and year (several: one per organising unit, or more), oldest first. */
export async function listCyclesOfProgram(executor: Executor, programCode: string, year: number): Promise<ProgramCycle[]> {
  return executor
    .select({ id: cycles.id, name: cycles.name, ownerUnitId: cycles.ownerUnitId, ownerName: units.name })
    .from(cycles)
    .leftJoin(units, eq(units.id, cycles.ownerUnitId))
    .where(and(eq(cycles.programCode, programCode), eq(cycles.year, year)))
    .orderBy(asc(cycles.createdAt), asc(cycles.name));
}

/** The participants of cycles, by cycle id. */
export async function participantsOfCycles(executor: Executor, cycleIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(cycleIds.map((id) => [id, new Set<string>()]));
  if (cycleIds.length === 0) return out;
  const rows = await executor.select({ cycleId: cycleUnits.cycleId, unitId: cycleUnits.unitId }).from(cycleUnits).where(inArray(cycleUnits.cycleId, [...cycleIds]));
  for (const r of rows) out.get(r.cycleId)!.add(r.unitId);
  return out;
}

export interface PublishedFigure {
  unitId: string;
  unitCode: string;
  unitName: string;
  snapshotId: string;
  number: number;
  indexValue: string;
  decisionNumber: string | null;
  createdAt: Date;
}

/**
 * The latest published figures of the given units in a cycle: per unit, the newest snapshot
 * (amendments included) of its group that has it.
 */
export async function latestPublishedUnits(executor: Executor, cycleId: string, unitIds: readonly string[]): Promise<Map<string, PublishedFigure>> {
  if (unitIds.length === 0) return new Map();
  const rows = await executor
    .select({
      unitId: resultUnits.unitId,
      unitCode: resultUnits.unitCode,
      unitName: resultUnits.unitName,
      snapshotId: resultSnapshots.id,
      number: resultSnapshots.number,
      indexValue: resultUnits.indexValue,
      decisionNumber: resultSnapshots.decisionNumber,
      createdAt: resultSnapshots.createdAt,
    })
    .from(resultUnits)
    .innerJoin(resultSnapshots, eq(resultSnapshots.id, resultUnits.snapshotId))
    .where(and(eq(resultSnapshots.cycleId, cycleId), inArray(resultUnits.unitId, [...unitIds])))
    .orderBy(asc(resultSnapshots.number));
  const out = new Map<string, PublishedFigure>();
  for (const r of rows) out.set(r.unitId, r);
  return out;
}

/** Who received values: user names and token names, by id. */
export async function receiverNames(executor: Executor, userIds: readonly string[], tokenIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (userIds.length > 0) {
    for (const u of await executor.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...userIds]))) out.set(u.id, u.name);
  }
  if (tokenIds.length > 0) {
    for (const t of await executor.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, [...tokenIds]))) out.set(t.id, `Mã API “${t.name}”`);
  }
  return out;
}
