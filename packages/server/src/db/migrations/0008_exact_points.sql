ALTER TABLE "result_fields" ADD COLUMN "achieved_exact" text;--> statement-breakpoint
ALTER TABLE "result_leaves" ADD COLUMN "self_exact" text;--> statement-breakpoint
ALTER TABLE "result_leaves" ADD COLUMN "effective_exact" text;--> statement-breakpoint
ALTER TABLE "result_units" ADD COLUMN "index_exact" text;--> statement-breakpoint
ALTER TABLE "result_units" ADD COLUMN "achieved_exact" text;--> statement-breakpoint
ALTER TABLE "result_units" ADD COLUMN "bonus_exact" text;