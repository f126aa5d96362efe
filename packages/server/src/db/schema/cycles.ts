import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { evidenceDocuments } from './evidence';
import { frameworkVersions, programs } from './frameworks';
import { groupSets, unitGroups } from './group-sets';
import { units } from './units';
import { notificationDigests } from './notification-digests';

/**
 * The assessment cycle (kỳ đánh giá) of one program and year: who takes part, under which framework
 * version, who appraises what, and the calendar. The workflow rules themselves live in
 * @chiso/core (workflow/): these tables only hold state.
 *
 * Points are `numeric(10,3)` (exact thousandths, as the core computes them); drizzle returns them
 * as strings, never binary floats.
 */
const points = (name: string) => numeric(name, { precision: 10, scale: 3 });
/**
 * An exact value the thousandths column above cannot hold (2/3, 3,1875): "num/den" in lowest
 * terms, so published figures can be recomputed and traced exactly.
 */
const exact = (name: string) => text(name);
const instant = (name: string) => timestamp(name, { withTimezone: true });

export const cycles = pgTable(
  'cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programCode: text('program_code')
      .notNull()
      .references(() => programs.code),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /**
     * The organising authority whose cycle this is (a department for its own units, before 2025 a
     * district committee for its communes); null for the province's own programs, run by Sở Nội vụ.
     * Its administrators, council members and leaders act on the cycle (see users.scope_unit_id).
     */
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    /** The ranking cohorts: each group of this set is scored under its own framework version. */
    groupSetId: uuid('group_set_id')
      .notNull()
      .references(() => groupSets.id),
    /** setup → open (units work) → closed (all published; read-only). */
    status: text('status').notNull().default('setup'),
    /**
     * 'chiso': run on chiso; 'imported': an earlier year's published results imported from a file
     * (closed, no participants; its snapshots have no framework version when none was named).
     */
    origin: text('origin').notNull().default('chiso'),
    // Calendar (core CycleCalendar). Deadlines are inclusive instants in Asia/Ho_Chi_Minh.
    selfAssessmentOpens: instant('self_assessment_opens'),
    selfAssessmentDeadline: instant('self_assessment_deadline').notNull(),
    appraisalFrom: instant('appraisal_from').notNull(),
    appraisalTo: instant('appraisal_to').notNull(),
    explanationFrom: instant('explanation_from').notNull(),
    explanationTo: instant('explanation_to').notNull(),
    councilDate: instant('council_date').notNull(),
    publicationDate: instant('publication_date').notNull(),
    // Submission policy (core SubmissionPolicy).
    evidenceRequiredForPoints: boolean('evidence_required_for_points').notNull().default(true),
    explanationRequiredWithoutEvidence: boolean('explanation_required_without_evidence').notNull().default(true),
    /** How a unit recorded as not submitted is appraised (core NonSubmittedScoring): 'entries' | 'nothing'. */
    nonSubmittedScoring: text('non_submitted_scoring').notNull().default('entries'),
    /** The council member who chairs the Hội đồng thẩm định (approves final scores). */
    councilChairUserId: uuid('council_chair_user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    // Several cycles of one program and year (one per owner, or more with different names).
    unique('cycles_owner_program_year_name_key').on(table.ownerUnitId, table.programCode, table.year, table.name).nullsNotDistinct(),
    index('cycles_owner_idx').on(table.ownerUnitId),
    check('cycles_status_check', sql`${table.status} IN ('setup', 'open', 'closed')`),
    check('cycles_non_submitted_scoring_check', sql`${table.nonSubmittedScoring} IN ('entries', 'nothing')`),
    check('cycles_origin_check', sql`${table.origin} IN ('chiso', 'imported')`),
  ],
);

/** The framework version each group of the cycle is assessed under (must be published). */
export const cycleGroups = pgTable(
  'cycle_groups',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => unitGroups.id),
    frameworkVersionId: uuid('framework_version_id')
      .notNull()
      .references(() => frameworkVersions.id),
  },
  (table) => [primaryKey({ columns: [table.cycleId, table.groupId], name: 'cycle_groups_pk' })],
);

/** Which organisation unit acts as each appraising agency code named in the frameworks. */
export const cycleAgencies = pgTable(
  'cycle_agencies',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    agencyCode: text('agency_code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [primaryKey({ columns: [table.cycleId, table.agencyCode], name: 'cycle_agencies_pk' }), index('cycle_agencies_unit_idx').on(table.unitId)],
);

/** A criterion moved to another appraising agency for this cycle, with the reason. */
export const criterionReassignments = pgTable(
  'criterion_reassignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    frameworkVersionId: uuid('framework_version_id')
      .notNull()
      .references(() => frameworkVersions.id),
    nodeKey: text('node_key').notNull(),
    agencyCode: text('agency_code').notNull(),
    reason: text('reason').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [uniqueIndex('criterion_reassignments_node_key').on(table.cycleId, table.frameworkVersionId, table.nodeKey)],
);

/** A participating unit and its workflow state (core UnitState). */
export const cycleUnits = pgTable(
  'cycle_units',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => unitGroups.id),
    state: text('state').notNull().default('draft'),
    stateChangedAt: instant('state_changed_at').notNull().defaultNow(),
    /** Set when returned for revision with its own deadline. */
    revisionDeadline: instant('revision_deadline'),
    /** Deadline extension (gia hạn) for this unit only. */
    extensionUntil: instant('extension_until'),
    extensionReason: text('extension_reason'),
    submittedAt: instant('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /**
     * How the current submission came about: 'unit' (the head), 'on_behalf' (nộp thay, by the
     * administrator), 'not_submitted' (không nộp, recorded by the administrator); null while editable.
     */
    submissionMode: text('submission_mode'),
    /** Why the unit was last returned for revision (shown to it while in that state). */
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    primaryKey({ columns: [table.cycleId, table.unitId], name: 'cycle_units_pk' }),
    check('cycle_units_submission_mode_check', sql`${table.submissionMode} IS NULL OR ${table.submissionMode} IN ('unit', 'on_behalf', 'not_submitted')`),
    index('cycle_units_group_idx').on(table.cycleId, table.groupId),
    check(
      'cycle_units_state_check',
      sql`${table.state} IN ('draft', 'submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised', 'council_reviewed', 'approved', 'published', 'returned_for_revision')`,
    ),
    check('cycle_units_extension_check', sql`${table.extensionUntil} IS NULL OR ${table.extensionReason} IS NOT NULL`),
  ],
);

/**
 * One unit × leaf criterion of a cycle: the self-assessment, the appraisal, the council's final
 * score (core CriterionRecord). Inputs and values are the core's typed JSON (NodeInput,
 * ResolvedValue), validated by the core; the points they yield are columns, for sums and traces.
 */
export const criterionRecords = pgTable(
  'criterion_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    nodeKey: text('node_key').notNull(),
    status: text('status').notNull().default('draft'),
    // Self-assessment (tự đánh giá).
    selfInput: jsonb('self_input'),
    selfPoints: points('self_points'),
    selfExplanation: text('self_explanation'),
    // Appraisal (thẩm định).
    appraisalKind: text('appraisal_kind'),
    appraisalValue: jsonb('appraisal_value'),
    appraisedPoints: points('appraised_points'),
    appraisalReason: text('appraisal_reason'),
    appraisalAgency: text('appraisal_agency'),
    appraisedAt: instant('appraised_at'),
    appraisedBy: uuid('appraised_by').references(() => users.id),
    // Council (Hội đồng thẩm định): proposal, then the chair's approval.
    councilValue: jsonb('council_value'),
    councilPoints: points('council_points'),
    councilReason: text('council_reason'),
    councilProposedAt: instant('council_proposed_at'),
    councilProposedBy: uuid('council_proposed_by').references(() => users.id),
    councilApproved: boolean('council_approved').notNull().default(false),
    councilApprovedAt: instant('council_approved_at'),
    councilApprovedBy: uuid('council_approved_by').references(() => users.id),
    /** The chair's last rejected proposal, kept for the record (core CouncilRecord + rejectionReason). */
    rejectedProposal: jsonb('rejected_proposal'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('criterion_records_unit_node_key').on(table.cycleId, table.unitId, table.nodeKey),
    check(
      'criterion_records_status_check',
      sql`${table.status} IN ('draft', 'pending', 'explanation_requested', 'explained', 'appraised', 'council_proposed', 'council_approved')`,
    ),
    check('criterion_records_appraisal_reason_check', sql`${table.appraisalKind} IS DISTINCT FROM 'reject_not_applicable' OR ${table.appraisalReason} IS NOT NULL`),
  ],
);

/** Evidence attached to a criterion's self-assessment; one document may back several criteria. */
export const criterionEvidence = pgTable(
  'criterion_evidence',
  {
    criterionRecordId: uuid('criterion_record_id')
      .notNull()
      .references(() => criterionRecords.id, { onDelete: 'cascade' }),
    evidenceDocumentId: uuid('evidence_document_id')
      .notNull()
      .references(() => evidenceDocuments.id),
    /** Order in which the unit listed them. */
    position: integer('position').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.criterionRecordId, table.evidenceDocumentId], name: 'criterion_evidence_pk' }),
    index('criterion_evidence_document_idx').on(table.evidenceDocumentId),
  ],
);

/** A request for explanation or more evidence (yêu cầu giải trình / bổ sung), and the unit's answer. */
export const explanationRequests = pgTable(
  'explanation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    criterionRecordId: uuid('criterion_record_id')
      .notNull()
      .references(() => criterionRecords.id, { onDelete: 'cascade' }),
    /** 1, 2, … in the order they were made; the last is the current one. */
    sequence: integer('sequence').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    deadline: instant('deadline').notNull(),
    agency: text('agency'),
    requestedAt: instant('requested_at').notNull().defaultNow(),
    requestedBy: uuid('requested_by').references(() => users.id),
    answerText: text('answer_text'),
    answeredAt: instant('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('explanation_requests_sequence_key').on(table.criterionRecordId, table.sequence),
    check('explanation_requests_kind_check', sql`${table.kind} IN ('explanation', 'evidence')`),
  ],
);

/** Evidence a unit attached to its answer to a request. */
export const explanationAnswerEvidence = pgTable(
  'explanation_answer_evidence',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => explanationRequests.id, { onDelete: 'cascade' }),
    evidenceDocumentId: uuid('evidence_document_id')
      .notNull()
      .references(() => evidenceDocuments.id),
  },
  (table) => [
    primaryKey({ columns: [table.requestId, table.evidenceDocumentId], name: 'explanation_answer_evidence_pk' }),
    index('explanation_answer_evidence_document_idx').on(table.evidenceDocumentId),
  ],
);

/** Survey points per unit and survey criterion, imported from a survey run elsewhere. */
export const suppliedPoints = pgTable(
  'supplied_points',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    nodeKey: text('node_key').notNull(),
    /** Exact as imported, up to 6 decimals: a survey average such as 3,1875 is not rounded. */
    points: numeric('points', { precision: 16, scale: 6 }).notNull(),
    /** Where the figure came from, e.g. the imported file's name. */
    source: text('source').notNull(),
    importedAt: instant('imported_at').notNull().defaultNow(),
    importedBy: uuid('imported_by').references(() => users.id),
  },
  (table) => [primaryKey({ columns: [table.cycleId, table.unitId, table.nodeKey], name: 'supplied_points_pk' })],
);

/**
 * Published results of one group (công bố): an immutable snapshot. Number 1 is the publication; a
 * later correction is an amendment (number 2, 3…) with its reason; earlier snapshots stay readable.
 * Rows are only ever inserted.
 */
export const resultSnapshots = pgTable(
  'result_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => unitGroups.id),
    /** Null for results imported from a file without a framework version (cycles.origin 'imported'). */
    frameworkVersionId: uuid('framework_version_id').references(() => frameworkVersions.id),
    number: integer('number').notNull(),
    /**
     * Decimals of the published index; null: the framework version's settings.rounding.indexDecimals
     * (set for imported results: the most decimals seen in the file's index column).
     */
    indexDecimals: integer('index_decimals'),
    /** The UBND decision that publishes (số quyết định), when known. */
    decisionNumber: text('decision_number'),
    reason: text('reason'),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    uniqueIndex('result_snapshots_number_key').on(table.cycleId, table.groupId, table.number),
    check('result_snapshots_amendment_reason_check', sql`${table.number} = 1 OR ${table.reason} IS NOT NULL`),
  ],
);

/** Per unit: index, rank and class as published. Names are copied as they were at publication. */
export const resultUnits = pgTable(
  'result_units',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => resultSnapshots.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    achieved: points('achieved').notNull(),
    bonus: points('bonus').notNull(),
    applicableMax: points('applicable_max').notNull(),
    /** The published index, rounded as the framework says (e.g. "81.33"). */
    indexValue: numeric('index_value', { precision: 9, scale: 4 }).notNull(),
    /** Exact values behind the shown ones, "num/den" in lowest terms (null in snapshots before they were kept). */
    indexExact: exact('index_exact'),
    achievedExact: exact('achieved_exact'),
    bonusExact: exact('bonus_exact'),
    rank: integer('rank').notNull(),
    classKey: text('class_key'),
    classLabel: text('class_label'),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.unitId], name: 'result_units_pk' })],
);

/** Per unit and field (lĩnh vực): points and component index as published. */
export const resultFields = pgTable(
  'result_fields',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => resultSnapshots.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    fieldKey: text('field_key').notNull(),
    fieldCode: text('field_code').notNull(),
    fieldName: text('field_name').notNull(),
    achieved: points('achieved').notNull(),
    applicableMax: points('applicable_max').notNull(),
    componentIndex: numeric('component_index', { precision: 9, scale: 4 }),
    achievedExact: exact('achieved_exact'),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.unitId, table.fieldKey], name: 'result_fields_pk' })],
);

/**
 * Per unit and leaf: the effective points and where they came from (council, appraised, self,
 * supplied), with the criterion record's version — so every published figure traces back to the
 * inputs, evidence and decisions behind it.
 */
export const resultLeaves = pgTable(
  'result_leaves',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => resultSnapshots.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    nodeKey: text('node_key').notNull(),
    selfPoints: points('self_points'),
    effectivePoints: points('effective_points'),
    selfExact: exact('self_exact'),
    effectiveExact: exact('effective_exact'),
    level: text('level').notNull(),
    notApplicable: boolean('not_applicable').notNull().default(false),
    criterionRecordId: uuid('criterion_record_id').references(() => criterionRecords.id),
    criterionRecordVersion: integer('criterion_record_version'),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.unitId, table.nodeKey], name: 'result_leaves_pk' })],
);

/** In-app notifications (deadlines, requests, decisions), one row per recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Path in the web app to open, e.g. `/cycles/…/units/…`. */
    link: text('link'),
    /** Set when also sent by e-mail. */
    emailedAt: instant('emailed_at'),
    /** For notices that must go out once (deadline approaching): unique per recipient. */
    dedupeKey: text('dedupe_key'),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
    /** The daily digest that carries this notification by e-mail (users who chose the digest). */
    digestId: uuid('digest_id').references(() => notificationDigests.id),
  },
  (table) => [index('notifications_user_idx').on(table.userId, table.createdAt), uniqueIndex('notifications_dedupe_key').on(table.userId, table.dedupeKey)],
);
