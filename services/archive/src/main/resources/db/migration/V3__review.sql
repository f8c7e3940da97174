-- What reviewers did to quarantined instances. The archive's own record (not rebuilt from the
-- topics: a release is also published, and the index takes its release columns from that event).
CREATE TABLE review_action (
    id             BIGSERIAL PRIMARY KEY,
    sop_uid        TEXT NOT NULL,
    study_uid      TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('CORRECTED', 'RELEASED', 'REJECTED')),
    at             TIMESTAMPTZ NOT NULL,
    user_id        TEXT NOT NULL,
    reason         TEXT NOT NULL,
    -- REJECTED: the coded reason of the reject analysis (POSITIONING, EXPOSURE, MOTION, ARTIFACT,
    -- LABELING, EQUIPMENT, OTHER).
    reject_reason  TEXT,
    -- CORRECTED: [{"keyword", "tag", "from", "to"}].
    changes        JSONB,
    from_version   INTEGER,
    to_version     INTEGER,
    -- RELEASED: the id of the dicom.instance.released.v1 event published.
    event_id       TEXT
);
CREATE INDEX review_action_sop_idx ON review_action (sop_uid, at);
CREATE INDEX review_action_at_idx ON review_action (at);
