CREATE TABLE "conclusion_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_unit_id" uuid,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"chaired_by" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"year" integer NOT NULL,
	"file_id" uuid,
	"file_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conclusion_notices_file_check" CHECK (("conclusion_notices"."file_id" IS NULL) = ("conclusion_notices"."file_name" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "follow_up_task_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"framework_version_id" uuid,
	"node_key" text,
	"target_id" uuid,
	"index_key" text,
	"component_key" text,
	CONSTRAINT "follow_up_task_links_kind_check" CHECK (("follow_up_task_links"."kind" = 'criterion' AND "follow_up_task_links"."framework_version_id" IS NOT NULL AND "follow_up_task_links"."node_key" IS NOT NULL)
        OR ("follow_up_task_links"."kind" = 'target' AND "follow_up_task_links"."target_id" IS NOT NULL)
        OR ("follow_up_task_links"."kind" = 'external_component' AND "follow_up_task_links"."index_key" IS NOT NULL AND "follow_up_task_links"."component_key" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "follow_up_task_report_evidence" (
	"report_id" uuid NOT NULL,
	"evidence_document_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "follow_up_task_report_evidence_pk" PRIMARY KEY("report_id","evidence_document_id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_task_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reported_by" uuid,
	CONSTRAINT "follow_up_task_reports_status_check" CHECK ("follow_up_task_reports"."status" IN ('in_progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "follow_up_task_units" (
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "follow_up_task_units_pk" PRIMARY KEY("task_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"responsible_unit_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"last_reported_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_tasks_status_check" CHECK ("follow_up_tasks"."status" IN ('open', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "follow_up_tasks_completed_check" CHECK (("follow_up_tasks"."status" = 'done') = ("follow_up_tasks"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_file_id_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conclusion_notices" ADD CONSTRAINT "conclusion_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_links" ADD CONSTRAINT "follow_up_task_links_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_links" ADD CONSTRAINT "follow_up_task_links_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_report_evidence" ADD CONSTRAINT "follow_up_task_report_evidence_report_id_follow_up_task_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."follow_up_task_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_report_evidence" ADD CONSTRAINT "follow_up_task_report_evidence_evidence_document_id_evidence_documents_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."evidence_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_reports" ADD CONSTRAINT "follow_up_task_reports_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_reports" ADD CONSTRAINT "follow_up_task_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_units" ADD CONSTRAINT "follow_up_task_units_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_task_units" ADD CONSTRAINT "follow_up_task_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_notice_id_conclusion_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."conclusion_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_responsible_unit_id_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conclusion_notices_owner_year_idx" ON "conclusion_notices" USING btree ("owner_unit_id","year");--> statement-breakpoint
CREATE INDEX "conclusion_notices_file_idx" ON "conclusion_notices" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "follow_up_task_links_task_idx" ON "follow_up_task_links" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "follow_up_task_links_node_idx" ON "follow_up_task_links" USING btree ("node_key");--> statement-breakpoint
CREATE INDEX "follow_up_task_report_evidence_document_idx" ON "follow_up_task_report_evidence" USING btree ("evidence_document_id");--> statement-breakpoint
CREATE INDEX "follow_up_task_reports_task_idx" ON "follow_up_task_reports" USING btree ("task_id","reported_at");--> statement-breakpoint
CREATE INDEX "follow_up_task_units_unit_idx" ON "follow_up_task_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "follow_up_tasks_notice_idx" ON "follow_up_tasks" USING btree ("notice_id","position");--> statement-breakpoint
CREATE INDEX "follow_up_tasks_responsible_idx" ON "follow_up_tasks" USING btree ("responsible_unit_id");