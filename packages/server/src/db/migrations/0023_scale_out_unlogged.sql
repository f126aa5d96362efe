-- Rate-limit counts and import progress are short-lived and may be lost in a crash (a count starts
-- afresh, a progress bar disappears): unlogged, their writes skip the write-ahead log and its flush,
-- which made each counted request about three times dearer (docs/architecture.md).
ALTER TABLE "rate_limit_hits" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_progress" SET UNLOGGED;
