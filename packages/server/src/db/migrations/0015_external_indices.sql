CREATE TABLE "external_component_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"index_key" text NOT NULL,
	"component_key" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"program_code" text,
	"node_key" text,
	"label" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "external_component_links_kind_check" CHECK (("external_component_links"."kind" = 'unit' AND "external_component_links"."unit_id" IS NOT NULL) OR ("external_component_links"."kind" = 'criterion' AND "external_component_links"."program_code" IS NOT NULL AND "external_component_links"."node_key" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "external_index_editions" (
	"index_key" text NOT NULL,
	"year" integer NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_value" numeric,
	"rank_of" integer,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_index_editions_pk" PRIMARY KEY("index_key","year"),
	CONSTRAINT "external_index_editions_year_check" CHECK ("external_index_editions"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "external_index_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"index_key" text NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"unit_id" uuid,
	"value" numeric NOT NULL,
	"rank" integer,
	"rank_of" integer,
	"group_label" text,
	"components" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "external_index_values_subject_key" UNIQUE NULLS NOT DISTINCT("index_key","period","unit_id"),
	CONSTRAINT "external_index_values_period_check" CHECK ("external_index_values"."period" ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
	CONSTRAINT "external_index_values_rank_check" CHECK ("external_index_values"."rank" IS NULL OR "external_index_values"."rank" >= 1)
);
--> statement-breakpoint
CREATE TABLE "external_indices" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"name" text NOT NULL,
	"publisher" text NOT NULL,
	"periodicity" text NOT NULL,
	"subjects" text NOT NULL,
	"value_unit" text DEFAULT 'điểm' NOT NULL,
	"source" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_indices_periodicity_check" CHECK ("external_indices"."periodicity" IN ('year', 'month')),
	CONSTRAINT "external_indices_subjects_check" CHECK ("external_indices"."subjects" IN ('province', 'province_and_units'))
);
--> statement-breakpoint
ALTER TABLE "external_component_links" ADD CONSTRAINT "external_component_links_index_key_external_indices_key_fk" FOREIGN KEY ("index_key") REFERENCES "public"."external_indices"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_component_links" ADD CONSTRAINT "external_component_links_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_component_links" ADD CONSTRAINT "external_component_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_index_editions" ADD CONSTRAINT "external_index_editions_index_key_external_indices_key_fk" FOREIGN KEY ("index_key") REFERENCES "public"."external_indices"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_index_values" ADD CONSTRAINT "external_index_values_index_key_external_indices_key_fk" FOREIGN KEY ("index_key") REFERENCES "public"."external_indices"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_index_values" ADD CONSTRAINT "external_index_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_index_values" ADD CONSTRAINT "external_index_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "external_component_links_component_idx" ON "external_component_links" USING btree ("index_key","component_key");--> statement-breakpoint
CREATE INDEX "external_index_values_unit_idx" ON "external_index_values" USING btree ("unit_id");