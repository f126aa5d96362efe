/**
 * Data-feed values from a spreadsheet (administrator): the template lists every participating unit ×
 * data-feed criterion with what is stored so far; the import is all or nothing, every problem located.
 */
import { cycleRefusal, walkNodes, type CycleStatus } from '@chiso/core';
import type { Database } from '../../db/client';
import type { Table } from '../../files/tabular';
import type { Actor } from '../actor';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { loadCycleContext } from '../cycles/context';
import { AppError, refusalError } from '../errors';
import { assertNoImportErrors, locateColumns, rowReader, type ImportColumn } from '../imports/table-import';
import { checkFeedEntries, isDataFeedLeaf, storeFeedValues, storedFeedValues, type FeedEntry, type FeedField } from './feed-values';

const columns: readonly ImportColumn<FeedField>[] = [
  { key: 'unit', vi: 'Mã đơn vị', aliases: ['unit', 'unit code', 'đơn vị'] },
  { key: 'criterion', vi: 'Tiêu chí', aliases: ['criterion', 'criterion code', 'key', 'mã tiêu chí'] },
  { key: 'numerator', vi: 'Tử số', aliases: ['numerator'] },
  { key: 'denominator', vi: 'Mẫu số', aliases: ['denominator'] },
  { key: 'period', vi: 'Kỳ số liệu', aliases: ['period', 'kỳ'] },
  { key: 'source', vi: 'Nguồn', aliases: ['source', 'nguồn số liệu'], optional: true },
];

export interface FeedImportResult {
  imported: number;
  /** Rows of the template left without figures: skipped. */
  blank: number;
  /** Rows giving exactly the stored value: nothing to change. */
  unchanged: number;
  dryRun: boolean;
}

export async function importDataFeedValues(
  db: Database,
  actor: Actor,
  cycleId: string,
  table: Table,
  options: { dryRun?: boolean; fileName?: string; now?: Date } = {},
): Promise<FeedImportResult> {
  assertSomeAdministrator(actor);
  const ctx = await loadCycleContext(db, cycleId);
  assertAdministersCycle(actor, ctx.cycle);
  const refused = cycleRefusal(ctx.cycle.status as CycleStatus, 'import_data_feeds');
  if (refused) throw refusalError(refused);
  const at = locateColumns(table, columns);
  const errors: { line: number; column: string; message: string }[] = [];
  const entries: (FeedEntry & { read: ReturnType<typeof rowReader<FeedField>> })[] = [];
  let blank = 0;
  for (const row of table.rows) {
    const read = rowReader(row, at, columns, errors);
    const entry = { unit: read.cell('unit'), criterion: read.cell('criterion'), numerator: read.cell('numerator'), denominator: read.cell('denominator'), period: read.cell('period'), source: read.cell('source'), read };
    // A template row left without figures: no value for it (yet).
    if (entry.numerator === '' && entry.denominator === '' && entry.unit !== '' && entry.criterion !== '') {
      blank += 1;
      continue;
    }
    entries.push(entry);
  }
  const defaultSource = options.fileName ? `Tệp ${options.fileName}` : 'Tệp nhập';
  const stored = await storedFeedValues(db, cycleId);
  const { values, unchanged } = checkFeedEntries(ctx, entries, stored, (e, field, message) => e.read.fail(field, message), defaultSource);
  assertNoImportErrors(errors);
  if (values.length === 0 && unchanged === 0) {
    throw new AppError('IMPORT_INVALID', 'Tệp chưa có số liệu nào để nhập', [{ line: table.headerLine + 1, column: 'Tử số', message: 'Mọi dòng đều để trống tử số và mẫu số' }]);
  }
  if (options.dryRun) return { imported: values.length, blank, unchanged, dryRun: true };
  const now = options.now ?? new Date();
  await db.transaction(async (tx) => {
    await storeFeedValues(tx, actor, ctx, values, { channel: 'import', now }, 'import_data_feeds');
  });
  return { imported: values.length, blank, unchanged, dryRun: false };
}

/** The template's columns; the importer reads the ones it knows and ignores the rest. */
export const feedTemplateHeader = [
  'Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Nội dung tiêu chí', 'Mã nguồn dữ liệu', 'Tử số là', 'Tử số', 'Mẫu số là', 'Mẫu số', 'Kỳ số liệu', 'Nguồn',
] as const;

/** One row per participating unit × data-feed criterion, with the values stored so far. */
export async function dataFeedTemplate(db: Database, actor: Actor, cycleId: string): Promise<(string | number | null)[][]> {
  assertSomeAdministrator(actor);
  const ctx = await loadCycleContext(db, cycleId);
  assertAdministersCycle(actor, ctx.cycle);
  const stored = await storedFeedValues(db, cycleId);
  const rows: (string | number | null)[][] = [];
  for (const unit of ctx.units.values()) {
    const group = ctx.groups.get(unit.groupId);
    if (!group) continue;
    for (const { node } of walkNodes(group.framework.nodes)) {
      if (!isDataFeedLeaf(node) || node.rule?.type !== 'data_feed') continue;
      const v = stored.get(unit.unitId)?.get(node.key);
      const r = node.rule;
      rows.push([
        unit.code, unit.name, node.code, node.name, r.chiso ? `${r.feed} (lấy từ kết quả chiso đã công bố)` : r.feed,
        r.numeratorLabel, v ? Number(v.numerator) : null, r.denominatorLabel, v ? Number(v.denominator) : null, v?.period ?? String(ctx.cycle.year), v?.source ?? null,
      ]);
    }
  }
  return rows;
}
