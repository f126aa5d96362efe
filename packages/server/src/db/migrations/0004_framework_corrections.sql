CREATE TABLE "criterion_correction_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correction_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"kind" text NOT NULL,
	"record_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"from_version_id" uuid NOT NULL,
	"to_version_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "criterion_correction_flags" ADD CONSTRAINT "criterion_correction_flags_correction_id_framework_corrections_id_fk" FOREIGN KEY ("correction_id") REFERENCES "public"."framework_corrections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_correction_flags" ADD CONSTRAINT "criterion_correction_flags_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_correction_flags" ADD CONSTRAINT "criterion_correction_flags_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_corrections" ADD CONSTRAINT "framework_corrections_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_corrections" ADD CONSTRAINT "framework_corrections_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_corrections" ADD CONSTRAINT "framework_corrections_from_version_id_framework_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_corrections" ADD CONSTRAINT "framework_corrections_to_version_id_framework_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_corrections" ADD CONSTRAINT "framework_corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "criterion_correction_flags_key" ON "criterion_correction_flags" USING btree ("correction_id","unit_id","node_key","kind");--> statement-breakpoint
CREATE INDEX "criterion_correction_flags_unit_idx" ON "criterion_correction_flags" USING btree ("cycle_id","unit_id");--> statement-breakpoint
CREATE INDEX "framework_corrections_cycle_idx" ON "framework_corrections" USING btree ("cycle_id","created_at");