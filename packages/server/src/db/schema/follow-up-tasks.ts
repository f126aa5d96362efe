import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { evidenceDocuments, evidenceFiles } from './evidence';
import { frameworkVersions } from './frameworks';
import { units } from './units';

/**
 * Follow-up (issue 12 §1): a meeting's conclusion notice (thông báo kết luận) and the tasks
 * (nhiệm vụ) it assigns to units, with their progress reports (báo cáo tiến độ) and evidence.
 */
const instant = (name: string) => timestamp(name, { withTimezone: true });

export const conclusionNotices = pgTable(
  'conclusion_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organising unit whose notice it is; null: the province's (UBND tỉnh). */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    /** Số hiệu, e.g. `125/TB-UBND`. */
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    chairedBy: text('chaired_by').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** The results year the notice follows up. */
    year: integer('year').notNull(),
    /** The signed notice's content, kept in the evidence file store (its row keeps the bytes from being collected). */
    fileId: uuid('file_id').references(() => evidenceFiles.id),
    fileName: text('file_name'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('conclusion_notices_owner_year_idx').on(table.ownerUnitId, table.year),
    index('conclusion_notices_file_idx').on(table.fileId),
    check('conclusion_notices_file_check', sql`(${table.fileId} IS NULL) = (${table.fileName} IS NULL)`),
  ],
);

export const followUpTasks = pgTable(
  'follow_up_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => conclusionNotices.id),
    /** Order within the notice. */
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    description: text('description'),
    /** Đơn vị chủ trì: the only unit that reports progress. */
    responsibleUnitId: uuid('responsible_unit_id')
      .notNull()
      .references(() => units.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    completedAt: instant('completed_at'),
    lastReportedAt: instant('last_reported_at'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('follow_up_tasks_notice_idx').on(table.noticeId, table.position),
    index('follow_up_tasks_responsible_idx').on(table.responsibleUnitId),
    check('follow_up_tasks_status_check', sql`${table.status} IN ('open', 'in_progress', 'done', 'cancelled')`),
    check('follow_up_tasks_completed_check', sql`(${table.status} = 'done') = (${table.completedAt} IS NOT NULL)`),
  ],
);

/** Đơn vị phối hợp: units that cooperate on a task (they read it, they do not report). */
export const followUpTaskUnits = pgTable(
  'follow_up_task_units',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => followUpTasks.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.unitId], name: 'follow_up_task_units_pk' }), index('follow_up_task_units_unit_idx').on(table.unitId)],
);

/**
 * What a task is about: a criterion (framework version + stable node key), a target (its id, no
 * foreign key: targets are another part's table), or an external index's component.
 */
export const followUpTaskLinks = pgTable(
  'follow_up_task_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => followUpTasks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    kind: text('kind').notNull(),
    frameworkVersionId: uuid('framework_version_id').references(() => frameworkVersions.id),
    nodeKey: text('node_key'),
    targetId: uuid('target_id'),
    indexKey: text('index_key'),
    componentKey: text('component_key'),
  },
  (table) => [
    index('follow_up_task_links_task_idx').on(table.taskId),
    index('follow_up_task_links_node_idx').on(table.nodeKey),
    check(
      'follow_up_task_links_kind_check',
      sql`(${table.kind} = 'criterion' AND ${table.frameworkVersionId} IS NOT NULL AND ${table.nodeKey} IS NOT NULL)
        OR (${table.kind} = 'target' AND ${table.targetId} IS NOT NULL)
        OR (${table.kind} = 'external_component' AND ${table.indexKey} IS NOT NULL AND ${table.componentKey} IS NOT NULL)`,
    ),
  ],
);

/** A progress report of the responsible unit (append-only). */
export const followUpTaskReports = pgTable(
  'follow_up_task_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => followUpTasks.id),
    status: text('status').notNull(),
    text: text('text').notNull(),
    reportedAt: instant('reported_at').notNull().defaultNow(),
    reportedBy: uuid('reported_by').references(() => users.id),
  },
  (table) => [
    index('follow_up_task_reports_task_idx').on(table.taskId, table.reportedAt),
    check('follow_up_task_reports_status_check', sql`${table.status} IN ('in_progress', 'done')`),
  ],
);

/** Evidence of a report: a use of the document (the unused-evidence triggers count it). */
export const followUpTaskReportEvidence = pgTable(
  'follow_up_task_report_evidence',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => followUpTaskReports.id, { onDelete: 'cascade' }),
    evidenceDocumentId: uuid('evidence_document_id')
      .notNull()
      .references(() => evidenceDocuments.id),
    position: integer('position').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.reportId, table.evidenceDocumentId], name: 'follow_up_task_report_evidence_pk' }),
    index('follow_up_task_report_evidence_document_idx').on(table.evidenceDocumentId),
  ],
);
