ALTER TABLE "cycle_units" ADD COLUMN "submission_mode" text;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "non_submitted_scoring" text DEFAULT 'entries' NOT NULL;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_submission_mode_check" CHECK ("cycle_units"."submission_mode" IS NULL OR "cycle_units"."submission_mode" IN ('unit', 'on_behalf', 'not_submitted'));--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_non_submitted_scoring_check" CHECK ("cycles"."non_submitted_scoring" IN ('entries', 'nothing'));