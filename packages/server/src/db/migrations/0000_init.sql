CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_username" text,
	"ip" "inet",
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_lineage" (
	"operation_id" uuid NOT NULL,
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	CONSTRAINT "unit_lineage_pk" PRIMARY KEY("operation_id","predecessor_id","successor_id"),
	CONSTRAINT "unit_lineage_distinct_check" CHECK ("unit_lineage"."predecessor_id" <> "unit_lineage"."successor_id")
);
--> statement-breakpoint
CREATE TABLE "unit_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"actor_username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_operations_kind_check" CHECK ("unit_operations"."kind" IN ('merge', 'split', 'close'))
);
--> statement-breakpoint
CREATE TABLE "unit_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"type_code" text NOT NULL,
	"parent_id" uuid,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"former_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_validity_check" CHECK ("units"."valid_to" IS NULL OR "units"."valid_to" >= "units"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"email" text,
	"unit_id" uuid NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_check" CHECK ("users"."username" ~ '^[a-z0-9._-]{3,64}$'),
	CONSTRAINT "users_roles_check" CHECK ("users"."roles" <@ ARRAY['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer']::text[])
);
--> statement-breakpoint
CREATE TABLE "group_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_group_members" (
	"group_set_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "unit_group_members_pk" PRIMARY KEY("group_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "unit_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_set_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_groups_id_set_key" UNIQUE("id","group_set_id")
);
--> statement-breakpoint
CREATE TABLE "framework_version_seals" (
	"version_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"row_version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "framework_version_seals_pk" PRIMARY KEY("version_id"),
	CONSTRAINT "framework_version_seals_status_check" CHECK ("framework_version_seals"."status" = 'published')
);
--> statement-breakpoint
CREATE TABLE "framework_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reason" text,
	"document" jsonb NOT NULL,
	"content_hash" text GENERATED ALWAYS AS (md5(document::text || chr(31) || coalesce(reason, ''))) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"published_by_username" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "framework_versions_seal_key" UNIQUE("id","framework_id","number","status","version","content_hash","published_at"),
	CONSTRAINT "framework_versions_status_check" CHECK ("framework_versions"."status" IN ('draft', 'published')),
	CONSTRAINT "framework_versions_number_check" CHECK ("framework_versions"."number" >= 1),
	CONSTRAINT "framework_versions_published_check" CHECK (("framework_versions"."status" = 'draft' AND "framework_versions"."published_at" IS NULL) OR ("framework_versions"."status" = 'published' AND "framework_versions"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_code" text NOT NULL,
	"year" integer NOT NULL,
	"group_label" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "frameworks_year_check" CHECK ("frameworks"."year" BETWEEN 1900 AND 2999),
	CONSTRAINT "frameworks_group_label_check" CHECK (length(btrim("frameworks"."group_label")) > 0)
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"document_number" text,
	"document_date" date,
	"issuer" text,
	"title" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "evidence_documents_original_name_check" CHECK (length("evidence_documents"."original_name") BETWEEN 1 AND 255)
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_sha256_check" CHECK ("evidence_files"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "evidence_files_size_check" CHECK ("evidence_files"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "criterion_evidence" (
	"criterion_record_id" uuid NOT NULL,
	"evidence_document_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "criterion_evidence_pk" PRIMARY KEY("criterion_record_id","evidence_document_id")
);
--> statement-breakpoint
CREATE TABLE "criterion_reassignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"agency_code" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "criterion_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"self_input" jsonb,
	"self_points" numeric(10, 3),
	"self_explanation" text,
	"appraisal_kind" text,
	"appraisal_value" jsonb,
	"appraised_points" numeric(10, 3),
	"appraisal_reason" text,
	"appraisal_agency" text,
	"appraised_at" timestamp with time zone,
	"appraised_by" uuid,
	"council_value" jsonb,
	"council_points" numeric(10, 3),
	"council_reason" text,
	"council_proposed_at" timestamp with time zone,
	"council_proposed_by" uuid,
	"council_approved" boolean DEFAULT false NOT NULL,
	"council_approved_at" timestamp with time zone,
	"council_approved_by" uuid,
	"rejected_proposal" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "criterion_records_status_check" CHECK ("criterion_records"."status" IN ('draft', 'pending', 'explanation_requested', 'explained', 'appraised', 'council_proposed', 'council_approved')),
	CONSTRAINT "criterion_records_appraisal_reason_check" CHECK ("criterion_records"."appraisal_kind" IS DISTINCT FROM 'reject_not_applicable' OR "criterion_records"."appraisal_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "cycle_agencies" (
	"cycle_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "cycle_agencies_pk" PRIMARY KEY("cycle_id","agency_code")
);
--> statement-breakpoint
CREATE TABLE "cycle_groups" (
	"cycle_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"framework_version_id" uuid NOT NULL,
	CONSTRAINT "cycle_groups_pk" PRIMARY KEY("cycle_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "cycle_units" (
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision_deadline" timestamp with time zone,
	"extension_until" timestamp with time zone,
	"extension_reason" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cycle_units_pk" PRIMARY KEY("cycle_id","unit_id"),
	CONSTRAINT "cycle_units_state_check" CHECK ("cycle_units"."state" IN ('draft', 'submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised', 'council_reviewed', 'approved', 'published', 'returned_for_revision')),
	CONSTRAINT "cycle_units_extension_check" CHECK ("cycle_units"."extension_until" IS NULL OR "cycle_units"."extension_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_code" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"group_set_id" uuid NOT NULL,
	"status" text DEFAULT 'setup' NOT NULL,
	"self_assessment_opens" timestamp with time zone,
	"self_assessment_deadline" timestamp with time zone NOT NULL,
	"appraisal_from" timestamp with time zone NOT NULL,
	"appraisal_to" timestamp with time zone NOT NULL,
	"explanation_from" timestamp with time zone NOT NULL,
	"explanation_to" timestamp with time zone NOT NULL,
	"council_date" timestamp with time zone NOT NULL,
	"publication_date" timestamp with time zone NOT NULL,
	"evidence_required_for_points" boolean DEFAULT true NOT NULL,
	"explanation_required_without_evidence" boolean DEFAULT true NOT NULL,
	"council_chair_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycles_status_check" CHECK ("cycles"."status" IN ('setup', 'open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "explanation_answer_evidence" (
	"request_id" uuid NOT NULL,
	"evidence_document_id" uuid NOT NULL,
	CONSTRAINT "explanation_answer_evidence_pk" PRIMARY KEY("request_id","evidence_document_id")
);
--> statement-breakpoint
CREATE TABLE "explanation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"criterion_record_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"agency" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" uuid,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	CONSTRAINT "explanation_requests_kind_check" CHECK ("explanation_requests"."kind" IN ('explanation', 'evidence'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"emailed_at" timestamp with time zone,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "result_fields" (
	"snapshot_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"field_key" text NOT NULL,
	"field_code" text NOT NULL,
	"field_name" text NOT NULL,
	"achieved" numeric(10, 3) NOT NULL,
	"applicable_max" numeric(10, 3) NOT NULL,
	"component_index" numeric(9, 4),
	CONSTRAINT "result_fields_pk" PRIMARY KEY("snapshot_id","unit_id","field_key")
);
--> statement-breakpoint
CREATE TABLE "result_leaves" (
	"snapshot_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"self_points" numeric(10, 3),
	"effective_points" numeric(10, 3),
	"level" text NOT NULL,
	"not_applicable" boolean DEFAULT false NOT NULL,
	"criterion_record_id" uuid,
	"criterion_record_version" integer,
	CONSTRAINT "result_leaves_pk" PRIMARY KEY("snapshot_id","unit_id","node_key")
);
--> statement-breakpoint
CREATE TABLE "result_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"decision_number" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "result_snapshots_amendment_reason_check" CHECK ("result_snapshots"."number" = 1 OR "result_snapshots"."reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "result_units" (
	"snapshot_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"achieved" numeric(10, 3) NOT NULL,
	"bonus" numeric(10, 3) NOT NULL,
	"applicable_max" numeric(10, 3) NOT NULL,
	"index_value" numeric(9, 4) NOT NULL,
	"rank" integer NOT NULL,
	"class_key" text,
	"class_label" text,
	CONSTRAINT "result_units_pk" PRIMARY KEY("snapshot_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "supplied_points" (
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"points" numeric(10, 3) NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "supplied_points_pk" PRIMARY KEY("cycle_id","unit_id","node_key")
);
--> statement-breakpoint
ALTER TABLE "unit_lineage" ADD CONSTRAINT "unit_lineage_operation_id_unit_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."unit_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_lineage" ADD CONSTRAINT "unit_lineage_predecessor_id_units_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_lineage" ADD CONSTRAINT "unit_lineage_successor_id_units_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_type_code_unit_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."unit_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_group_members" ADD CONSTRAINT "unit_group_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_group_members" ADD CONSTRAINT "unit_group_members_group_fk" FOREIGN KEY ("group_id","group_set_id") REFERENCES "public"."unit_groups"("id","group_set_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_groups" ADD CONSTRAINT "unit_groups_group_set_id_group_sets_id_fk" FOREIGN KEY ("group_set_id") REFERENCES "public"."group_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_version_seals" ADD CONSTRAINT "framework_version_seals_version_fk" FOREIGN KEY ("version_id","framework_id","number","status","row_version","content_hash","published_at") REFERENCES "public"."framework_versions"("id","framework_id","number","status","version","content_hash","published_at") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frameworks" ADD CONSTRAINT "frameworks_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_documents" ADD CONSTRAINT "evidence_documents_file_id_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_documents" ADD CONSTRAINT "evidence_documents_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_documents" ADD CONSTRAINT "evidence_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_evidence" ADD CONSTRAINT "criterion_evidence_criterion_record_id_criterion_records_id_fk" FOREIGN KEY ("criterion_record_id") REFERENCES "public"."criterion_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_evidence" ADD CONSTRAINT "criterion_evidence_evidence_document_id_evidence_documents_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."evidence_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_reassignments" ADD CONSTRAINT "criterion_reassignments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_reassignments" ADD CONSTRAINT "criterion_reassignments_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_reassignments" ADD CONSTRAINT "criterion_reassignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_appraised_by_users_id_fk" FOREIGN KEY ("appraised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_council_proposed_by_users_id_fk" FOREIGN KEY ("council_proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_council_approved_by_users_id_fk" FOREIGN KEY ("council_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_records" ADD CONSTRAINT "criterion_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_agencies" ADD CONSTRAINT "cycle_agencies_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_agencies" ADD CONSTRAINT "cycle_agencies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_groups" ADD CONSTRAINT "cycle_groups_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_groups" ADD CONSTRAINT "cycle_groups_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_groups" ADD CONSTRAINT "cycle_groups_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_program_code_programs_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."programs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_group_set_id_group_sets_id_fk" FOREIGN KEY ("group_set_id") REFERENCES "public"."group_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_council_chair_user_id_users_id_fk" FOREIGN KEY ("council_chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanation_answer_evidence" ADD CONSTRAINT "explanation_answer_evidence_request_id_explanation_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."explanation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanation_answer_evidence" ADD CONSTRAINT "explanation_answer_evidence_evidence_document_id_evidence_documents_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."evidence_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanation_requests" ADD CONSTRAINT "explanation_requests_criterion_record_id_criterion_records_id_fk" FOREIGN KEY ("criterion_record_id") REFERENCES "public"."criterion_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanation_requests" ADD CONSTRAINT "explanation_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanation_requests" ADD CONSTRAINT "explanation_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_fields" ADD CONSTRAINT "result_fields_snapshot_id_result_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."result_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_fields" ADD CONSTRAINT "result_fields_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_leaves" ADD CONSTRAINT "result_leaves_snapshot_id_result_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."result_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_leaves" ADD CONSTRAINT "result_leaves_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_leaves" ADD CONSTRAINT "result_leaves_criterion_record_id_criterion_records_id_fk" FOREIGN KEY ("criterion_record_id") REFERENCES "public"."criterion_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD CONSTRAINT "result_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_units" ADD CONSTRAINT "result_units_snapshot_id_result_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."result_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_units" ADD CONSTRAINT "result_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplied_points" ADD CONSTRAINT "supplied_points_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplied_points" ADD CONSTRAINT "supplied_points_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplied_points" ADD CONSTRAINT "supplied_points_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "unit_lineage_predecessor_idx" ON "unit_lineage" USING btree ("predecessor_id");--> statement-breakpoint
CREATE INDEX "unit_lineage_successor_idx" ON "unit_lineage" USING btree ("successor_id");--> statement-breakpoint
CREATE INDEX "unit_operations_date_idx" ON "unit_operations" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_sets_code_key" ON "group_sets" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_group_members_one_group_per_set" ON "unit_group_members" USING btree ("group_set_id","unit_id");--> statement-breakpoint
CREATE INDEX "unit_group_members_unit_idx" ON "unit_group_members" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_groups_set_code_key" ON "unit_groups" USING btree ("group_set_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_versions_number_key" ON "framework_versions" USING btree ("framework_id","number");--> statement-breakpoint
CREATE INDEX "framework_versions_framework_idx" ON "framework_versions" USING btree ("framework_id");--> statement-breakpoint
CREATE UNIQUE INDEX "frameworks_program_year_group_key" ON "frameworks" USING btree ("program_code","year","group_label");--> statement-breakpoint
CREATE INDEX "evidence_documents_owner_idx" ON "evidence_documents" USING btree ("owner_unit_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "evidence_documents_file_idx" ON "evidence_documents" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_files_sha256_key" ON "evidence_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "criterion_evidence_document_idx" ON "criterion_evidence" USING btree ("evidence_document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "criterion_reassignments_node_key" ON "criterion_reassignments" USING btree ("cycle_id","framework_version_id","node_key");--> statement-breakpoint
CREATE UNIQUE INDEX "criterion_records_unit_node_key" ON "criterion_records" USING btree ("cycle_id","unit_id","node_key");--> statement-breakpoint
CREATE INDEX "cycle_agencies_unit_idx" ON "cycle_agencies" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "cycle_units_group_idx" ON "cycle_units" USING btree ("cycle_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cycles_program_year_key" ON "cycles" USING btree ("program_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "explanation_requests_sequence_key" ON "explanation_requests" USING btree ("criterion_record_id","sequence");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "result_snapshots_number_key" ON "result_snapshots" USING btree ("cycle_id","group_id","number");