/**
 * Use cases of criteria frameworks (bộ tiêu chí): list, create, copy to a new year, edit a draft,
 * publish (freeze), new version with a reason, diff by stable key, import and export.
 *
 * A framework has an owner (null: the province's; else an organising unit, e.g. a department for its
 * own units). The administrator whose scope covers the owner changes it; an organisation's
 * administrator reads its own and the province's (templates it copies into its own, `adoptFramework`);
 * other logged-in roles read them (policies/framework.ts). Every change is
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
import { findUnitById, findUnitRefsByIds } from '../../db/repositories/unit-repository';
import type { Actor } from '../actor';
import { assertReadsOwnedBy, assertSomeAdministrator, frameworkAbilities, frameworkVersionAbilities, mayAdopt, ownerForNew } from '../policies/framework';
import { assertAdministers } from '../policies/roles';
import { recordAudit } from '../audit';
import { AppError, forbidden, msg, notFound, ruleViolation, staleVersion, type ErrorDetail } from '../errors';
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

async function summaries(db: Executor, actor: Actor, rows: FrameworkRow[]): Promise<FrameworkSummary[]> {
  const names = await programNames(db);
  const owners = await findUnitRefsByIds(db, rows.map((r) => r.ownerUnitId));
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
    owner: r.ownerUnitId ? (owners.get(r.ownerUnitId) ?? null) : null,
    versions: byFramework.get(r.id) ?? [],
    may: frameworkAbilities(actor, r),
  }));
}

async function summary(db: Executor, actor: Actor, row: FrameworkRow): Promise<FrameworkSummary> {
  return (await summaries(db, actor, [row]))[0]!;
}

/** A version as the API shows it; `ownerUnitId` is its framework's owner (whose administrator may change it). */
export function versionView(actor: Actor | null, row: FrameworkVersionRow, ownerUnitId: string | null): FrameworkVersionView {
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
    may: frameworkVersionAbilities(actor, row, ownerUnitId),
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

/**
 * Frameworks the actor reads, by program, year and owner (`province`, or a unit's id): an actor of
 * an organisation's scope its own and the province's; every other one all of them.
 */
export async function listFrameworks(db: Executor, actor: Actor, query: { program?: string; year?: number; owner?: string }): Promise<FrameworkSummary[]> {
  const ownerUnitId = query.owner === undefined ? undefined : query.owner === 'province' ? null : query.owner;
  const visibleTo = actor.scope.kind === 'unit' ? [...actor.scope.unitIds] : undefined;
  return summaries(db, actor, await readFrameworks(db, { programCode: query.program, year: query.year, ownerUnitId, visibleTo }));
}

/** A framework the actor reads (refused when another organisation owns it). */
async function readableFramework(db: Executor, actor: Actor, id: string): Promise<FrameworkRow> {
  const row = await findFramework(db, id);
  if (!row) throw frameworkNotFound();
  assertReadsOwnedBy(actor, row.ownerUnitId);
  return row;
}

export async function getFramework(db: Executor, actor: Actor, id: string): Promise<FrameworkSummary> {
  return summary(db, actor, await readableFramework(db, actor, id));
}

/** The owner of a version's framework (null: the province's). */
async function ownerOfVersion(db: Executor, row: FrameworkVersionRow): Promise<string | null> {
  return (await findFramework(db, row.frameworkId))?.ownerUnitId ?? null;
}

/** A version and its framework's owner; with an actor, refused when another organisation owns it. */
async function readableVersion(db: Executor, actor: Actor | null, id: string): Promise<{ row: FrameworkVersionRow; ownerUnitId: string | null }> {
  const row = await findVersion(db, id);
  if (!row) throw versionNotFound();
  const ownerUnitId = await ownerOfVersion(db, row);
  if (actor) assertReadsOwnedBy(actor, ownerUnitId);
  return { row, ownerUnitId };
}

export async function getVersion(db: Executor, actor: Actor | null, id: string): Promise<FrameworkVersionView> {
  const { row, ownerUnitId } = await readableVersion(db, actor, id);
  return versionView(actor, row, ownerUnitId);
}

/** The version row itself (for exports); with an actor, refused when another organisation owns it. */
export async function readVersion(db: Executor, id: string, actor?: Actor): Promise<FrameworkVersionRow> {
  return (await readableVersion(db, actor ?? null, id)).row;
}

/** The latest version (highest number) of the framework of a program, year and group. */
export async function findLatestVersionByIdentity(
  db: Executor,
  identity: { programCode: string; year: number; groupLabel: string },
  options: { publishedOnly?: boolean } = {},
): Promise<FrameworkVersionRow | undefined> {
  const framework = await findFrameworkByIdentity(db, identity);
  if (!framework) return undefined;
  return options.publishedOnly ? latestPublished(db, framework.id) : findLatestVersion(db, framework.id);
}

/**
 * Differences between two versions (of any frameworks, e.g. two years), by stable node key.
 * A draft saved half-written is compared as it is, so the editor's work can be compared too.
 */
export async function diffVersions(db: Executor, actor: Actor, fromId: string, toId: string): Promise<VersionDiff> {
  const from = await readVersion(db, fromId, actor);
  const to = await readVersion(db, toId, actor);
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
  /** The organising unit it is for (null: the province's; absent: the actor's own). */
  ownerUnitId?: string | null;
}

/** The owner of a new framework or group set, checked: the actor administers it and the unit exists. */
export async function checkedOwner(tx: Executor, actor: Actor, requested: string | null | undefined): Promise<string | null> {
  const owner = ownerForNew(actor, requested);
  if (owner !== null && !(await findUnitById(tx, owner))) throw invalid('ownerUnitId', 'Đơn vị tổ chức đánh giá không tồn tại.');
  return owner;
}

async function createInTx(
  tx: Executor,
  actor: Actor,
  input: CreateFrameworkInput & { ownerUnitId: string | null },
  action: string,
  auditExtra: Record<string, unknown> = {},
): Promise<FrameworkRow> {
  await ensureBuiltInPrograms(tx);
  const groupLabel = input.groupLabel.trim();
  const name = input.name.trim();
  if (!groupLabel) throw invalid('groupLabel', 'Cần nêu nhóm đơn vị áp dụng.');
  if (!name) throw invalid('name', 'Cần nêu tên bộ tiêu chí.');
  if (!(await findProgram(tx, input.programCode))) throw invalid('programCode', `Không có chương trình “${input.programCode}”.`);
  if (await findFrameworkByIdentity(tx, { programCode: input.programCode, year: input.year, groupLabel, ownerUnitId: input.ownerUnitId })) {
    throw duplicateFramework(input.programCode, input.year, groupLabel);
  }
  const document = input.document ? storedForm(input.document) : emptyDocument({ ...input, groupLabel, name });
  const framework = await insertFramework(tx, { programCode: input.programCode, year: input.year, groupLabel, name, ownerUnitId: input.ownerUnitId });
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
      after: {
        programCode: framework.programCode,
        year: framework.year,
        groupLabel: framework.groupLabel,
        name: framework.name,
        ownerUnitId: framework.ownerUnitId,
        ...auditExtra,
      },
    },
    { entityType: 'framework_version', entityId: version.id, action: 'create', after: versionSummary(version) },
  );
  return framework;
}

async function inTransaction<T>(db: Database, work: (tx: Executor) => Promise<T>, identity?: Pick<CreateFrameworkInput, 'programCode' | 'year' | 'groupLabel'>): Promise<T> {
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
  ownerForNew(actor, input.ownerUnitId);
  return inTransaction(
    db,
    async (tx) => {
      const ownerUnitId = await checkedOwner(tx, actor, input.ownerUnitId);
      return summary(tx, actor, await createInTx(tx, actor, { ...input, ownerUnitId }, input.document ? 'create_from_document' : 'create'));
    },
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
  ownerForNew(actor, input.ownerUnitId);
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
      const ownerUnitId = await checkedOwner(tx, actor, input.ownerUnitId);
      const row = await createInTx(tx, actor, { ...input, ownerUnitId }, 'import', input.fileName ? { fileName: input.fileName } : {});
      if (options.publish) {
        const version = await findLatestVersion(tx, row.id);
        await publishInTx(tx, actor, version!, version!.version);
      }
      return summary(tx, actor, row);
    },
    input,
  );
  return { framework, warnings };
}

/** Next year's framework: same program and group, draft version 1 copied from the latest version (keys kept). */
export async function copyFramework(db: Database, actor: Actor, id: string, input: { year: number; name?: string }): Promise<FrameworkSummary> {
  assertSomeAdministrator(actor);
  const source = await findFramework(db, id);
  if (!source) throw frameworkNotFound();
  assertAdministers(actor, source.ownerUnitId);
  const identity = { programCode: source.programCode, year: input.year, groupLabel: source.groupLabel, name: input.name ?? '', ownerUnitId: source.ownerUnitId };
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
      return summary(tx, actor, row);
    },
    identity,
  );
}

export interface AdoptFrameworkInput {
  /** The published version to start from (default: the latest published one). */
  versionId?: string;
  /** The organising unit the copy is for (default: the actor's scope unit; the province's administrator names it). */
  ownerUnitId?: string;
  year?: number;
  groupLabel?: string;
  name?: string;
}

/**
 * “Copy to my organisation”: a lower level starts from a template (the province's framework, as
 * provinces do for communes) — a new framework owned by the organising unit, whose draft version 1
 * is a copy of one published version (keys kept, so results stay comparable); the owner then adds
 * its own criteria and publishes it. Audited with where it came from.
 */
export async function adoptFramework(db: Database, actor: Actor, id: string, input: AdoptFrameworkInput): Promise<FrameworkSummary> {
  const ownerUnitId = input.ownerUnitId ?? (actor.scope.kind === 'unit' ? actor.scope.unitId : undefined);
  assertSomeAdministrator(actor);
  if (ownerUnitId === undefined) {
    throw invalid('ownerUnitId', 'Hãy chọn đơn vị tổ chức đánh giá sẽ sở hữu bản sao.');
  }
  assertAdministers(actor, ownerUnitId);
  const source = await findFramework(db, id);
  if (!source) throw frameworkNotFound();
  if (!mayAdopt(actor, source.ownerUnitId)) throw forbidden('Bộ tiêu chí này thuộc một đơn vị tổ chức đánh giá khác.');
  if (source.ownerUnitId === ownerUnitId) throw ruleViolation('Bộ tiêu chí này đã thuộc đơn vị đó; hãy tạo phiên bản mới hoặc sao chép sang năm khác.');
  const year = input.year ?? source.year;
  const identity = { programCode: source.programCode, year, groupLabel: input.groupLabel?.trim() || source.groupLabel };
  return inTransaction(
    db,
    async (tx) => {
      const owner = await checkedOwner(tx, actor, ownerUnitId);
      const from = input.versionId ? await findVersion(tx, input.versionId) : await latestPublished(tx, source.id);
      if (!from || from.frameworkId !== source.id) throw invalid('versionId', 'Phiên bản gốc không thuộc bộ tiêu chí này.');
      if (from.status !== 'published') throw ruleViolation('Chỉ sao chép được một phiên bản đã ban hành của bộ tiêu chí mẫu.');
      const name = input.name?.trim() || source.name;
      const document = copyForYear(from.document as FrameworkDocument, source.year, year, name);
      const row = await createInTx(tx, actor, { ...identity, name, document, ownerUnitId: owner }, 'adopt', {
        fromFrameworkId: source.id,
        fromVersionId: from.id,
        fromNumber: from.number,
        fromOwnerUnitId: source.ownerUnitId,
      });
      return summary(tx, actor, row);
    },
    identity,
  );
}

/** The latest published version of a framework, if any. */
async function latestPublished(db: Executor, frameworkId: string): Promise<FrameworkVersionRow | undefined> {
  const last = (await listVersionHeads(db, [frameworkId])).filter((h) => h.status === 'published').at(-1);
  return last ? findVersion(db, last.id) : undefined;
}

async function explainMiss(tx: Executor, actor: Actor, id: string): Promise<never> {
  const current = await findVersion(tx, id);
  if (!current) throw versionNotFound();
  if (current.status === 'published') throw publishedIsFrozen();
  throw staleVersion(versionView(actor, current, await ownerOfVersion(tx, current)));
}

/** A version the actor changes: its framework's owner is administered by the actor. */
async function ownVersion(tx: Executor, actor: Actor, id: string): Promise<{ row: FrameworkVersionRow; ownerUnitId: string | null }> {
  const row = await findVersion(tx, id);
  if (!row) throw versionNotFound();
  const ownerUnitId = await ownerOfVersion(tx, row);
  assertAdministers(actor, ownerUnitId);
  return { row, ownerUnitId };
}

/** Saves a draft's document (optimistic `version`). A draft may hold errors; they are returned as issues. */
export async function saveDraft(
  db: Database,
  actor: Actor,
  id: string,
  input: { version: number; document: FrameworkDocument },
): Promise<FrameworkVersionView> {
  assertSomeAdministrator(actor);
  return db.transaction(async (tx) => {
    const { row: before, ownerUnitId } = await ownVersion(tx, actor, id);
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
    return versionView(actor, row, ownerUnitId);
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
  assertSomeAdministrator(actor);
  return db.transaction(async (tx) => {
    const { row: before, ownerUnitId } = await ownVersion(tx, actor, id);
    return versionView(actor, await publishInTx(tx, actor, before, input.version), ownerUnitId);
  });
}

/** A new draft version of a framework, copied from one of its published versions, with a reason. */
export async function newVersion(
  db: Database,
  actor: Actor,
  frameworkId: string,
  input: { fromVersionId: string; reason: string },
): Promise<FrameworkVersionView> {
  assertSomeAdministrator(actor);
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'Cần nêu lý do tạo phiên bản mới.');
  return db.transaction(async (tx) => {
    const framework = await findFramework(tx, frameworkId);
    if (!framework) throw frameworkNotFound();
    assertAdministers(actor, framework.ownerUnitId);
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
    return versionView(actor, row, framework.ownerUnitId);
  });
}
