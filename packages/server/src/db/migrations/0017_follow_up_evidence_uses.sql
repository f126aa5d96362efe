-- A task report's evidence is a use of the document, like a criterion's or an answer's: the unused
-- evidence cleanup (services/evidence.ts) must not remove it. Same function as 0011, one more table.
CREATE OR REPLACE FUNCTION "evidence_link_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "evidence_documents" SET "unused_since" = NULL WHERE "id" = NEW."evidence_document_id" AND "unused_since" IS NOT NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "evidence_documents" d SET "unused_since" = now()
      WHERE d."id" = OLD."evidence_document_id" AND d."unused_since" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "criterion_evidence" l WHERE l."evidence_document_id" = d."id")
        AND NOT EXISTS (SELECT 1 FROM "explanation_answer_evidence" l WHERE l."evidence_document_id" = d."id")
        AND NOT EXISTS (SELECT 1 FROM "follow_up_task_report_evidence" l WHERE l."evidence_document_id" = d."id");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "follow_up_task_report_evidence_unused_since" AFTER INSERT OR DELETE OR UPDATE OF "evidence_document_id" ON "follow_up_task_report_evidence"
  FOR EACH ROW EXECUTE FUNCTION "evidence_link_changed"();
