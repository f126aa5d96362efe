ALTER TABLE "evidence_documents" ADD COLUMN "unused_since" timestamp with time zone DEFAULT now();--> statement-breakpoint
CREATE INDEX "explanation_answer_evidence_document_idx" ON "explanation_answer_evidence" USING btree ("evidence_document_id");--> statement-breakpoint
-- Existing documents: unused since their upload when nothing refers to them now, else in use.
UPDATE "evidence_documents" d SET "unused_since" = CASE
  WHEN EXISTS (SELECT 1 FROM "criterion_evidence" l WHERE l."evidence_document_id" = d."id")
    OR EXISTS (SELECT 1 FROM "explanation_answer_evidence" l WHERE l."evidence_document_id" = d."id") THEN NULL
  ELSE d."uploaded_at" END;
--> statement-breakpoint
-- Every way a link comes or goes (a save, an answer, a cascade from a deleted record) passes here.
CREATE FUNCTION "evidence_link_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "evidence_documents" SET "unused_since" = NULL WHERE "id" = NEW."evidence_document_id" AND "unused_since" IS NOT NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "evidence_documents" d SET "unused_since" = now()
      WHERE d."id" = OLD."evidence_document_id" AND d."unused_since" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "criterion_evidence" l WHERE l."evidence_document_id" = d."id")
        AND NOT EXISTS (SELECT 1 FROM "explanation_answer_evidence" l WHERE l."evidence_document_id" = d."id");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "criterion_evidence_unused_since" AFTER INSERT OR DELETE OR UPDATE OF "evidence_document_id" ON "criterion_evidence"
  FOR EACH ROW EXECUTE FUNCTION "evidence_link_changed"();
--> statement-breakpoint
CREATE TRIGGER "explanation_answer_evidence_unused_since" AFTER INSERT OR DELETE OR UPDATE OF "evidence_document_id" ON "explanation_answer_evidence"
  FOR EACH ROW EXECUTE FUNCTION "evidence_link_changed"();
