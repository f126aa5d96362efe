-- The audit chain (docs/security.md) is extended when a transaction commits, not when it writes its
-- event: a deferred constraint trigger takes the chain head's lock last, after every row lock the
-- transaction took, so writers never wait on each other in a cycle (no deadlock) and take turns
-- only for their commit. The hash is computed here; chiso audit verify recomputes it on its own
-- (services/integrity/chain.ts, canonicalEvent) from the same canonical JSON:
-- keys in code-unit order, every value a JSON string or null, `at` ISO 8601 UTC with microseconds.
CREATE FUNCTION chiso_json_text(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(to_json(value)::text, 'null')
$$;
--> statement-breakpoint
CREATE FUNCTION chiso_audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"action":' || chiso_json_text(e.action)
    || ',"actorUserId":' || chiso_json_text(e.actor_user_id::text)
    || ',"actorUsername":' || chiso_json_text(e.actor_username)
    || ',"after":' || chiso_json_text(e.after::text)
    || ',"at":' || chiso_json_text(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || ',"before":' || chiso_json_text(e.before::text)
    || ',"entityId":' || chiso_json_text(e.entity_id)
    || ',"entityType":' || chiso_json_text(e.entity_type)
    || ',"id":' || chiso_json_text(e.id::text)
    || ',"ip":' || chiso_json_text(e.ip::text)
    || ',"reason":' || chiso_json_text(e.reason)
    || '}'
$$;
--> statement-breakpoint
-- Appends the new event to the chain when its transaction commits (events of one transaction in
-- the order they were written). An event already chained (a copy of a database with its chain) is
-- left as it is.
CREATE FUNCTION chiso_chain_audit_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
  digest text;
BEGIN
  IF EXISTS (SELECT 1 FROM audit_chain WHERE event_id = NEW.id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO chain_heads (name, seq, hash, sealed_at) VALUES ('audit', 0, repeat('0', 64), now()) ON CONFLICT (name) DO NOTHING;
  SELECT seq, hash INTO head FROM chain_heads WHERE name = 'audit' FOR UPDATE;
  digest := encode(sha256(convert_to(head.hash || E'\n' || chiso_audit_canonical(NEW), 'UTF8')), 'hex');
  INSERT INTO audit_chain (seq, event_id, event_at, previous_hash, hash) VALUES (head.seq + 1, NEW.id, NEW.at, head.hash, digest);
  UPDATE chain_heads SET seq = head.seq + 1, hash = digest, sealed_at = coalesce(sealed_at, now()) WHERE name = 'audit';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chiso_chain_audit_event();
--> statement-breakpoint
-- The events already there and not chained yet (a database from before the chain) are chained
-- now, oldest first. A new, empty database gets its chain head at its first event.
DO $$
DECLARE
  head record;
  e audit_events;
  digest text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_events x WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = x.id)) THEN
    RETURN;
  END IF;
  INSERT INTO chain_heads (name, seq, hash, sealed_at) VALUES ('audit', 0, repeat('0', 64), now()) ON CONFLICT (name) DO NOTHING;
  SELECT seq, hash INTO head FROM chain_heads WHERE name = 'audit' FOR UPDATE;
  FOR e IN SELECT * FROM audit_events x WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = x.id) ORDER BY x.id LOOP
    digest := encode(sha256(convert_to(head.hash || E'\n' || chiso_audit_canonical(e), 'UTF8')), 'hex');
    INSERT INTO audit_chain (seq, event_id, event_at, previous_hash, hash) VALUES (head.seq + 1, e.id, e.at, head.hash, digest);
    head.seq := head.seq + 1;
    head.hash := digest;
  END LOOP;
  UPDATE chain_heads SET seq = head.seq, hash = head.hash, sealed_at = coalesce(sealed_at, now()) WHERE name = 'audit';
END;
$$;
