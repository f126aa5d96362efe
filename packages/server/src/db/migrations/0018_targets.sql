CREATE TABLE "target_milestones" (
	"target_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(18, 4) NOT NULL,
	CONSTRAINT "target_milestones_pk" PRIMARY KEY("target_id","year")
);
--> statement-breakpoint
CREATE TABLE "target_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"document_number" text,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"owner_unit_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_plans_years_check" CHECK ("target_plans"."end_year" >= "target_plans"."start_year")
);
--> statement-breakpoint
CREATE TABLE "target_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"target_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(18, 4) NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "target_values_source_check" CHECK ("target_values"."source" IN ('entered', 'imported', 'chiso'))
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"measure" text NOT NULL,
	"unit_label" text DEFAULT '' NOT NULL,
	"direction" text NOT NULL,
	"baseline_value" numeric(18, 4),
	"baseline_year" integer,
	"final_value" numeric(18, 4),
	"responsible_unit_id" uuid,
	"source" text NOT NULL,
	"source_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_measure_check" CHECK ("targets"."measure" IN ('rate', 'count', 'rank', 'index')),
	CONSTRAINT "targets_direction_check" CHECK ("targets"."direction" IN ('higher', 'lower')),
	CONSTRAINT "targets_source_check" CHECK ("targets"."source" IN ('entered', 'imported', 'chiso'))
);
--> statement-breakpoint
ALTER TABLE "target_milestones" ADD CONSTRAINT "target_milestones_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_plans" ADD CONSTRAINT "target_plans_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_values" ADD CONSTRAINT "target_values_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_values" ADD CONSTRAINT "target_values_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_plan_id_target_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."target_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_responsible_unit_id_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "target_plans_code_key" ON "target_plans" USING btree ("code");--> statement-breakpoint
CREATE INDEX "target_values_target_year_idx" ON "target_values" USING btree ("target_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_plan_code_key" ON "targets" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "targets_responsible_unit_idx" ON "targets" USING btree ("responsible_unit_id");