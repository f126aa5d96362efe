-- The audit trail and published results are written once and never changed: the database itself
-- refuses UPDATE, DELETE and TRUNCATE on them, whatever the application does.
CREATE FUNCTION chiso_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'chiso: % is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_snapshots_append_only BEFORE UPDATE OR DELETE ON result_snapshots FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_snapshots_no_truncate BEFORE TRUNCATE ON result_snapshots FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_units_append_only BEFORE UPDATE OR DELETE ON result_units FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_units_no_truncate BEFORE TRUNCATE ON result_units FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_fields_append_only BEFORE UPDATE OR DELETE ON result_fields FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_fields_no_truncate BEFORE TRUNCATE ON result_fields FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_leaves_append_only BEFORE UPDATE OR DELETE ON result_leaves FOR EACH ROW EXECUTE FUNCTION chiso_refuse_change();
--> statement-breakpoint
CREATE TRIGGER result_leaves_no_truncate BEFORE TRUNCATE ON result_leaves FOR EACH STATEMENT EXECUTE FUNCTION chiso_refuse_change();
