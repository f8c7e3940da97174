-- Retention (README "Retention"): the policies, the legal holds and the tombstones of the deleted
-- instances. All three are kept as records: a policy is replaced, a hold is lifted, a deletion is
-- completed, each by filling columns once; the database refuses any other change or a delete.
-- The tombstones are also published to the compacted topic roentgen.archive.deletions.v1, from
-- which a rebuilt index takes them back before it replays the pipeline's topics. Policies and
-- holds are not in any topic: a rebuild into a new database copies these two tables.

-- A policy deletes a study once it is at least minimum_age_days old. Each modality of a study
-- follows its own policy, else the policy for any modality (modality NULL), else none (the study
-- is kept); the study follows the longest of its modalities' policies.
CREATE TABLE retention_policy (
    id                BIGSERIAL PRIMARY KEY,
    modality          TEXT,
    minimum_age_days  INTEGER NOT NULL CHECK (minimum_age_days > 0),
    description       TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        TEXT NOT NULL,
    replaced_at       TIMESTAMPTZ,
    replaced_by       TEXT,
    CHECK ((replaced_at IS NULL) = (replaced_by IS NULL))
);
CREATE UNIQUE INDEX retention_policy_current_idx ON retention_policy (coalesce(modality, '*'))
    WHERE replaced_at IS NULL;

-- A study under legal hold is never deleted. A hold may name a study the index does not know
-- (yet); lifting it fills the lifted_* columns, and a new hold is a new row.
CREATE TABLE legal_hold (
    id           BIGSERIAL PRIMARY KEY,
    study_uid    TEXT NOT NULL,
    reason       TEXT NOT NULL,
    placed_at    TIMESTAMPTZ NOT NULL,
    placed_by    TEXT NOT NULL,
    lifted_at    TIMESTAMPTZ,
    lifted_by    TEXT,
    lift_reason  TEXT,
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)
       AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX legal_hold_active_idx ON legal_hold (study_uid) WHERE lifted_at IS NULL;
CREATE INDEX legal_hold_study_idx ON legal_hold (study_uid, placed_at);

-- Each instance retention deleted: the indexer skips every later event of it. completed_at is
-- NULL while the deletion is under way (objects or index rows still there); a tombstone read back
-- from the deletions topic for an instance this index does not hold arrives completed.
CREATE TABLE deleted_instance (
    sop_uid       TEXT PRIMARY KEY,
    study_uid     TEXT NOT NULL,
    deleted_at    TIMESTAMPTZ NOT NULL,
    deleted_by    TEXT NOT NULL,
    -- The policy of the archive that deleted it (no foreign key: a rebuilt database reads
    -- tombstones of policies it never had).
    policy_id     BIGINT,
    completed_at  TIMESTAMPTZ
);
CREATE INDEX deleted_instance_study_idx ON deleted_instance (study_uid);
CREATE INDEX deleted_instance_pending_idx ON deleted_instance (study_uid)
    WHERE completed_at IS NULL;

-- Kept as records: an UPDATE may only fill the trigger's argument columns, each once; DELETE and
-- TRUNCATE are refused.
CREATE FUNCTION retention_record_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closing TEXT[] := TG_ARGV;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(OLD) - closing) = (to_jsonb(NEW) - closing)
       AND NOT EXISTS (SELECT 1 FROM jsonb_each(to_jsonb(OLD)) c
                       WHERE c.key = ANY (closing) AND c.value <> 'null'::jsonb) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is kept as a record: only % may be set, once',
    TG_TABLE_NAME, array_to_string(closing, ', ');
END;
$$;

CREATE TRIGGER retention_policy_kept BEFORE UPDATE OR DELETE ON retention_policy
  FOR EACH ROW EXECUTE FUNCTION retention_record_kept('replaced_at', 'replaced_by');
CREATE TRIGGER retention_policy_no_truncate BEFORE TRUNCATE ON retention_policy
  FOR EACH STATEMENT EXECUTE FUNCTION retention_record_kept('replaced_at', 'replaced_by');
CREATE TRIGGER legal_hold_kept BEFORE UPDATE OR DELETE ON legal_hold
  FOR EACH ROW EXECUTE FUNCTION retention_record_kept('lifted_at', 'lifted_by', 'lift_reason');
CREATE TRIGGER legal_hold_no_truncate BEFORE TRUNCATE ON legal_hold
  FOR EACH STATEMENT EXECUTE FUNCTION
    retention_record_kept('lifted_at', 'lifted_by', 'lift_reason');
CREATE TRIGGER deleted_instance_kept BEFORE UPDATE OR DELETE ON deleted_instance
  FOR EACH ROW EXECUTE FUNCTION retention_record_kept('completed_at');
CREATE TRIGGER deleted_instance_no_truncate BEFORE TRUNCATE ON deleted_instance
  FOR EACH STATEMENT EXECUTE FUNCTION retention_record_kept('completed_at');
