ALTER TABLE "targets" ADD COLUMN "source_index_key" text;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "source_figure" text;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_source_figure_check" CHECK ("targets"."source_figure" IS NULL OR "targets"."source_figure" IN ('value', 'rank'));