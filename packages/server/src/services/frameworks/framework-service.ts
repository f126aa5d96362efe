/**
 * Use cases of criteria frameworks (bộ tiêu chí): list, create, copy to a new year, edit a draft,
 * publish (freeze), new version with a reason, diff by stable key, import and export.
 *
 * Only the administrator changes frameworks; every logged-in role reads them. Every change is
 * audit-logged in the same transaction, with version summaries (number, status, hash, node
 * count) rather than whole documents.
 */
import { diffFrameworkDocuments, valueChanges, type FieldChange } from '@chiso/core';
import type { FieldChange as VersionFieldChange, FrameworkSummary, FrameworkVersion as FrameworkVersionView, JsonValue, VersionDiff, VersionSummary as VersionHeadView } from '@chiso/contract';
import type { Database, Executor } from '../../db/client';
import {
  ensurePrograms,
  findFramework,
  findFrameworkByIdentity,
  findLatestVersion,
  findProgram,
  findVersion,
  insertFramework,
  insertVersion,
  listFrameworks as readFrameworks,
  listPrograms as readPrograms,
  listVersionHeads,
  nextVersionNumber,
  publishDraft,
  updateDraftDocument,
  type FrameworkRow,
  type FrameworkVersionHead,
  type FrameworkVersionRow,
  type ProgramRow,
} from '../../db/repositories/framework-repository';
import type { Actor } from '../actor';
import { frameworkVersionAbilities } from '../policies/framework';
import { assertAdministrator } from '../policies/roles';
import { recordAudit } from '../audit';
import { AppError, msg, notFound, ruleViolation, staleVersion, type ErrorDetail } from '../errors';
import {
  copyForYear,
  emptyDocument,
  inspectDocument,
  storedForm,
  versionSummary,
  type FrameworkDocument,
  type IssueView,
  versionDocument,
} from './documents';

/** Built-in programs: defaults in code, ensured in the database before they are referenced. */
export const builtInPrograms: readonly ProgramRow[] = [
  { code: 'par-index', name: 'Chỉ số CCHC' },
  { code: 'task-performance', name: 'Xếp loại mức độ hoàn thành nhiệm vụ năm' },
];

export async function ensureBuiltInPrograms(db: Executor): Promise<void> {
  await ensurePrograms(db, builtInPrograms);
}

// ---------------------------------------------------------------- views

// The views are the API's shapes (@chiso/contract).

const statusOf = (s: string) => (s === 'published' ? 'published' : 'draft');

function headView(v: FrameworkVersionHead): VersionHeadView {
  return {
    id: v.id,
    number: v.number,
    status: statusOf(v.status),
    reason: v.reason,
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt?.toISOString() ?? null,
  };
}

async function programNames(db: Executor): Promise<Map<string, string>> {
  const names = new Map(builtInPrograms.map((p) => [p.code, p.name]));
  for (const p of await readPrograms(db)) names.set(p.code, p.name);
  return names;
}

async function summaries(db: Executor, rows: FrameworkRow[]): Promise<FrameworkSummary[]> {
  const names = await programNames(db);
  const heads = await listVersionHeads(
    db,
    rows.map((r) => r.id),
  );
  const byFramework = new Map<string, VersionHeadView[]>();
  for (const h of heads) {
    const list = byFramework.get(h.frameworkId) ?? [];
    list.push(headView(h));
    byFramework.set(h.frameworkId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    program: { code: r.programCode, name: names.get(r.programCode) ?? r.programCode },
    year: r.year,
    groupLabel: r.groupLabel,
    name: r.name,
    versions: byFramework.get(r.id) ?? [],
  }));
}

async function summary(db: Executor, row: FrameworkRow): Promise<FrameworkSummary> {
  return (await summaries(db, [row]))[0]!;
}

export function versionView(actor: Actor | null, row: FrameworkVersionRow): FrameworkVersionView {
  return {
    id: row.id,
    frameworkId: row.frameworkId,
    number: row.number,
    ...versionDocument(row),
    reason: row.reason,
    issues: inspectDocument(row.document).issues,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    version: row.version,
    may: frameworkVersionAbilities(actor, row),
  };
}

// ---------------------------------------------------------------- errors

const frameworkNotFound = () => notFound('bộ tiêu chí');
const versionNotFound = () => notFound('phiên bản bộ tiêu chí');
const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);
const duplicateFramework = (programCode: string, year: number, groupLabel: string) =>
  new AppError('DUPLICATE', msg('conflict.framework', { program: programCode, year, group: groupLabel }));
const publishedIsFrozen = () =>
  ruleViolation('Phiên bản đã ban hành không được sửa. Hãy tạo phiên bản mới (kèm lý do) để điều chỉnh.');

/** Issues as error details: path (JSON path, or the node code), message, plus the code. */
export function issueDetails(issues: readonly IssueView[]): ErrorDetail[] {
  return issues.map((i) => {
    const detail: ErrorDetail & { code: string; severity: string; nodeCode?: string } = {
      path: i.path ?? i.nodeCode,
      message: i.message,
      code: i.code,
      severity: i.severity,
      ...(i.nodeCode !== undefined ? { nodeCode: i.nodeCode } : {}),
    };
    return detail;
  });
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const o = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (o.code === '23505' && (o.constraint === constraint || String(o.message ?? '').includes(constraint))) return true;
  }
  return false;
}

// ---------------------------------------------------------------- queries

export async function listPrograms(db: Executor): Promise<ProgramRow[]> {
  const names = await programNames(db);
  return [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

export async function listFrameworks(db: Executor, query: { program?: string; year?: number }): Promise<FrameworkSummary[]> {
  return summaries(db, await readFrameworks(db, { programCode: query.program, year: query.year }));
}

export async function getFramework(db: Executor, id: string): Promise<FrameworkSummary> {
  const row = await findFramework(db, id);
  if (!row) throw frameworkNotFound();
  return summary(db, row);
}

export async function getVersion(db: Executor, actor: Actor | null, id: string): Promise<FrameworkVersionView> {
  const row = await findVersion(db, id);
  if (!row) throw versionNotFound();
  return versionView(actor, row);
}

/** The version row itself (for exports). */
export async function readVersion(db: Executor, id: string): Promise<FrameworkVersionRow> {
  const row = await findVersion(db, id);
  if (!row) throw versionNotFound();
  return row;
}

/** The latest version (highest number) of the framework of a program, year and group. */
export async function findLatestVersionByIdentity(
  db: Executor,
  identity: { programCode: string; year: number; groupLabel: string },
  options: { publishedOnly?: boolean } = {},
): Promise<FrameworkVersionRow | undefined> {
  const framework = await findFrameworkByIdentity(db, identity);
  if (!framework) return undefined;
  if (!options.publishedOnly) return findLatestVersion(db, framework.id);
  const heads = (await listVersionHeads(db, [framework.id])).filter((h) => h.status === 'published');
  const last = heads.at(-1);
  return last ? findVersion(db, last.id) : undefined;
}

/**
 * Differences between two versions (of any frameworks, e.g. two years), by stable node key.
 * A draft saved half-written is compared as it is, so the editor's work can be compared too.
 */
export async function diffVersions(db: Executor, fromId: string, toId: string): Promise<VersionDiff> {
  const [from, to] = await Promise.all([findVersion(db, fromId), findVersion(db, toId)]);
  if (!from || !to) throw versionNotFound();
  const d = diffFrameworkDocuments(storedForm(from.document as FrameworkDocument), storedForm(to.document as FrameworkDocument));
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    added: d.added.map((n) => ({ ...n })),
    removed: d.removed.map((n) => ({ ...n })),
    changed: d.changed.map(({ changes, ...n }) => ({ ...n, fields: changes.map(fieldChangeView) })),
    frameworkChanges: [...d.frameworkChanges],
  };
}

function fieldChangeView(c: FieldChange): VersionFieldChange {
  const structured = [c.before, c.after].some((v) => typeof v === 'object' && v !== null);
  // The values are JSON: read from stored documents (canonical, or a draft as it was saved).
  const view = { field: c.field, before: c.before as JsonValue | undefined, after: c.after as JsonValue | undefined };
  return structured ? { ...view, parts: valueChanges(c.before, c.after) } : view;
}

// ---------------------------------------------------------------- mutations

export interface CreateFrameworkInput {
  programCode: string;
  year: number;
  groupLabel: string;
  name: string;
  document?: FrameworkDocument;
  /** Import: refuse a document with errors (all-or-nothing). Create: a draft may hold errors. */
  requireValid?: boolean;
}

async function createInTx(
  tx: Executor,
  actor: Actor,
  input: CreateFrameworkInput,
  action: string,
  auditExtra: Record<string, unknown> = {},
): Promise<FrameworkRow> {
  await ensureBuiltInPrograms(tx);
  const groupLabel = input.groupLabel.trim();
  const name = input.name.trim();
  if (!groupLabel) throw invalid('groupLabel', 'Cần nêu nhóm đơn vị áp dụng.');
  if (!name) throw invalid('name', 'Cần nêu tên bộ tiêu chí.');
  if (!(await findProgram(tx, input.programCode))) throw invalid('programCode', `Không có chương trình “${input.programCode}”.`);
  if (await findFrameworkByIdentity(tx, { programCode: input.programCode, year: input.year, groupLabel })) {
    throw duplicateFramework(input.programCode, input.year, groupLabel);
  }
  const document = input.document ? storedForm(input.document) : emptyDocument({ ...input, groupLabel, name });
  const framework = await insertFramework(tx, { programCode: input.programCode, year: input.year, groupLabel, name });
  const version = await insertVersion(tx, {
    frameworkId: framework.id,
    number: 1,
    document,
    reason: null,
    createdBy: actor.userId || null,
  });
  await recordAudit(
    tx,
    actor,
    {
      entityType: 'framework',
      entityId: framework.id,
      action,
      after: { programCode: framework.programCode, year: framework.year, groupLabel: framework.groupLabel, name: framework.name, ...auditExtra },
    },
    { entityType: 'framework_version', entityId: version.id, action: 'create', after: versionSummary(version) },
  );
  return framework;
}

async function inTransaction<T>(db: Database, work: (tx: Executor) => Promise<T>, identity?: CreateFrameworkInput): Promise<T> {
  try {
    return await db.transaction(async (tx) => work(tx));
  } catch (error) {
    if (identity && isUniqueViolation(error, 'frameworks_owner_program_year_group_key')) {
      throw duplicateFramework(identity.programCode, identity.year, identity.groupLabel.trim());
    }
    throw error;
  }
}

/** A new framework with a draft version 1, empty or from a document. */
export async function createFramework(db: Database, actor: Actor, input: CreateFrameworkInput): Promise<FrameworkSummary> {
  assertAdministrator(actor);
  return inTransaction(
    db,
    async (tx) => summary(tx, await createInTx(tx, actor, input, input.document ? 'create_from_document' : 'create')),
    input,
  );
}

/**
 * Imports a framework document already read from a file: all or nothing. The caller (HTTP or CLI)
 * has turned file problems into IMPORT_INVALID; here the document must also pass validation.
 */
export async function importFramework(
  db: Database,
  actor: Actor,
  input: Omit<CreateFrameworkInput, 'document'> & { document: FrameworkDocument; fileName?: string },
  options: { dryRun?: boolean; publish?: boolean } = {},
): Promise<{ framework: FrameworkSummary | null; warnings: IssueView[] }> {
  assertAdministrator(actor);
  const inspection = inspectDocument(input.document);
  if (inspection.hasErrors) {
    throw new AppError(
      'IMPORT_INVALID',
      'Tệp bộ tiêu chí có lỗi; chưa nhập gì. Hãy sửa các lỗi được liệt kê rồi nhập lại.',
      issueDetails(inspection.issues.filter((i) => i.severity === 'error')),
    );
  }
  const warnings = inspection.issues.filter((i) => i.severity === 'warning');
  if (options.dryRun) return { framework: null, warnings };
  const framework = await inTransaction(
    db,
    async (tx) => {
      const row = await createInTx(tx, actor, input, 'import', input.fileName ? { fileName: input.fileName } : {});
      if (options.publish) {
        const version = await findLatestVersion(tx, row.id);
        await publishInTx(tx, actor, version!, version!.version);
      }
      return summary(tx, row);
    },
    input,
  );
  return { framework, warnings };
}

/** Next year's framework: same program and group, draft version 1 copied from the latest version (keys kept). */
export async function copyFramework(db: Database, actor: Actor, id: string, input: { year: number; name?: string }): Promise<FrameworkSummary> {
  assertAdministrator(actor);
  const source = await findFramework(db, id);
  if (!source) throw frameworkNotFound();
  const identity = { programCode: source.programCode, year: input.year, groupLabel: source.groupLabel, name: input.name ?? '' };
  return inTransaction(
    db,
    async (tx) => {
      const latest = await findLatestVersion(tx, source.id);
      if (!latest) throw versionNotFound();
      const document = copyForYear(latest.document as FrameworkDocument, source.year, input.year, input.name);
      const name = input.name?.trim() || source.name.replaceAll(String(source.year), String(input.year));
      const row = await createInTx(tx, actor, { ...identity, name, document }, 'copy', {
        fromFrameworkId: source.id,
        fromVersionId: latest.id,
        fromNumber: latest.number,
        fromYear: source.year,
      });
      return summary(tx, row);
    },
    identity,
  );
}

async function explainMiss(tx: Executor, actor: Actor, id: string): Promise<never> {
  const current = await findVersion(tx, id);
  if (!current) throw versionNotFound();
  if (current.status === 'published') throw publishedIsFrozen();
  throw staleVersion(versionView(actor, current));
}

/** Saves a draft's document (optimistic `version`). A draft may hold errors; they are returned as issues. */
export async function saveDraft(
  db: Database,
  actor: Actor,
  id: string,
  input: { version: number; document: FrameworkDocument },
): Promise<FrameworkVersionView> {
  assertAdministrator(actor);
  return db.transaction(async (tx) => {
    const before = await findVersion(tx, id);
    if (!before) throw versionNotFound();
    if (before.status === 'published') throw publishedIsFrozen();
    const row = await updateDraftDocument(tx, id, input.version, storedForm(input.document));
    if (!row) return explainMiss(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'framework_version',
      entityId: row.id,
      action: 'update',
      before: versionSummary(before),
      after: versionSummary(row),
    });
    return versionView(actor, row);
  });
}

async function publishInTx(tx: Executor, actor: Actor, before: FrameworkVersionRow, expectedVersion: number): Promise<FrameworkVersionRow> {
  if (before.status === 'published') throw ruleViolation('Phiên bản này đã được ban hành.');
  const inspection = inspectDocument(before.document);
  if (inspection.hasErrors) {
    throw ruleViolation(
      'Bộ tiêu chí còn lỗi nên chưa ban hành được. Hãy sửa các lỗi được liệt kê.',
      issueDetails(inspection.issues.filter((i) => i.severity === 'error')),
    );
  }
  const row = await publishDraft(tx, before.id, expectedVersion, { userId: actor.userId || null, username: actor.username });
  if (!row) return explainMiss(tx, actor, before.id);
  await recordAudit(tx, actor, {
    entityType: 'framework_version',
    entityId: row.id,
    action: 'publish',
    before: versionSummary(before),
    after: versionSummary(row),
    reason: row.reason,
  });
  return row;
}

/** Publishes (freezes) a draft; refused with the validation errors when it has any. */
export async function publishVersion(db: Database, actor: Actor, id: string, input: { version: number }): Promise<FrameworkVersionView> {
  assertAdministrator(actor);
  return db.transaction(async (tx) => {
    const before = await findVersion(tx, id);
    if (!before) throw versionNotFound();
    return versionView(actor, await publishInTx(tx, actor, before, input.version));
  });
}

/** A new draft version of a framework, copied from one of its published versions, with a reason. */
export async function newVersion(
  db: Database,
  actor: Actor,
  frameworkId: string,
  input: { fromVersionId: string; reason: string },
): Promise<FrameworkVersionView> {
  assertAdministrator(actor);
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'Cần nêu lý do tạo phiên bản mới.');
  return db.transaction(async (tx) => {
    const framework = await findFramework(tx, frameworkId);
    if (!framework) throw frameworkNotFound();
    const from = await findVersion(tx, input.fromVersionId);
    if (!from || from.frameworkId !== framework.id) throw invalid('fromVersionId', 'Phiên bản gốc không thuộc bộ tiêu chí này.');
    if (from.status !== 'published') {
      throw ruleViolation('Chỉ tạo phiên bản mới từ một phiên bản đã ban hành; bản nháp thì sửa trực tiếp.');
    }
    const number = await nextVersionNumber(tx, framework.id);
    const document = { ...(from.document as FrameworkDocument) };
    if (typeof document.version === 'string') document.version = String(number);
    const row = await insertVersion(tx, {
      frameworkId: framework.id,
      number,
      document: storedForm(document),
      reason,
      createdBy: actor.userId || null,
    });
    await recordAudit(tx, actor, {
      entityType: 'framework_version',
      entityId: row.id,
      action: 'new_version',
      before: versionSummary(from),
      after: versionSummary(row),
      reason,
    });
    return versionView(actor, row);
  });
}
