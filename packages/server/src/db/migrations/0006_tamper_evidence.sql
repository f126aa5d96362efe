CREATE TABLE "audit_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "chain_heads" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "snapshot_seals" (
	"snapshot_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"previous_hash" text NOT NULL,
	"hash" text NOT NULL,
	"columns" jsonb NOT NULL,
	"unit_hashes" jsonb NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snapshot_seals_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "snapshot_seals" ADD CONSTRAINT "snapshot_seals_snapshot_id_result_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."result_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_seals_append_only BEFORE UPDATE OR DELETE ON snapshot_seals FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_seals_no_truncate BEFORE TRUNCATE ON snapshot_seals FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
