-- The audit trail: who did what to which patient data, when and from where. Append-only: the
-- database refuses to change or delete a record (only the archive's own retention of the trail
-- itself could, and it has none yet).
CREATE TABLE audit_event (
    id             BIGSERIAL PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    user_id        TEXT NOT NULL,
    roles          TEXT,
    remote_address TEXT,
    event_id       TEXT NOT NULL,
    action         TEXT NOT NULL,
    outcome        INTEGER NOT NULL,
    operation      TEXT NOT NULL,
    status         INTEGER NOT NULL,
    query          TEXT,
    study_uids     TEXT[] NOT NULL DEFAULT '{}',
    sop_uids       TEXT[] NOT NULL DEFAULT '{}',
    patient_ids    TEXT[] NOT NULL DEFAULT '{}',
    details        JSONB
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_user_idx ON audit_event (user_id, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
