ALTER TABLE "result_snapshots" ALTER COLUMN "framework_version_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "origin" text DEFAULT 'chiso' NOT NULL;--> statement-breakpoint
ALTER TABLE "result_snapshots" ADD COLUMN "index_decimals" integer;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_origin_check" CHECK ("cycles"."origin" IN ('chiso', 'imported'));