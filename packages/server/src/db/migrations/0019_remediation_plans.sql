CREATE TABLE "remediation_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source" text NOT NULL,
	"node_key" text,
	"field_key" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"points_lost" numeric(16, 6),
	"points_lost_exact" text,
	"cause" text,
	"action" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"deadline" date
);
--> statement-breakpoint
CREATE TABLE "remediation_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"detail" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reason" text,
	CONSTRAINT "remediation_plans_status_check" CHECK ("remediation_plans"."status" in ('draft', 'submitted', 'accepted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "remediation_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"quarter" smallint NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reported_by" uuid,
	CONSTRAINT "remediation_progress_quarter_check" CHECK ("remediation_progress"."quarter" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_plan_id_remediation_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."remediation_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_snapshot_id_result_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."result_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_progress" ADD CONSTRAINT "remediation_progress_item_id_remediation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."remediation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_progress" ADD CONSTRAINT "remediation_progress_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remediation_items_plan_idx" ON "remediation_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "remediation_plans_unit_snapshot_key" ON "remediation_plans" USING btree ("unit_id","snapshot_id");--> statement-breakpoint
CREATE INDEX "remediation_plans_cycle_idx" ON "remediation_plans" USING btree ("cycle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remediation_progress_item_quarter_key" ON "remediation_progress" USING btree ("item_id","quarter");