-- The archive's index: what the pipeline's events said about each instance. Every row here is
-- rebuilt by replaying the topics from offset zero (IndexReplayIT); nothing in these tables is
-- known only to the archive. Review actions, users and the audit trail are in later migrations.

-- Dates and times (DA, TM) compare as the byte strings they are (COLLATE "C"), so that a range
-- match is a plain comparison whatever the server's default collation.

-- Each event applied once (CloudEvents id); a redelivered or replayed event is skipped.
CREATE TABLE processed_event (
    event_id  TEXT PRIMARY KEY,
    topic     TEXT NOT NULL
);

-- A patient as the modalities named them: PatientID within its issuer.
CREATE TABLE patient (
    pk            BIGSERIAL PRIMARY KEY,
    patient_id    TEXT NOT NULL,
    issuer        TEXT NOT NULL DEFAULT '',
    patient_name  TEXT,
    birth_date    TEXT COLLATE "C",
    sex           TEXT,
    UNIQUE (patient_id, issuer)
);
CREATE INDEX patient_name_idx ON patient (lower(patient_name) text_pattern_ops);

CREATE TABLE study (
    study_uid        TEXT PRIMARY KEY,
    patient_pk       BIGINT NOT NULL REFERENCES patient (pk),
    study_date       TEXT COLLATE "C",
    study_time       TEXT COLLATE "C",
    accession        TEXT,
    study_id         TEXT,
    description      TEXT,
    referring        TEXT,
    charset          TEXT
);
CREATE INDEX study_patient_idx ON study (patient_pk);
CREATE INDEX study_date_idx ON study (study_date DESC NULLS LAST, study_uid DESC);
CREATE INDEX study_accession_idx ON study (accession);

CREATE TABLE series (
    series_uid     TEXT PRIMARY KEY,
    study_uid      TEXT NOT NULL REFERENCES study (study_uid),
    modality       TEXT,
    series_number  INTEGER,
    description    TEXT,
    body_part      TEXT,
    laterality     TEXT,
    station        TEXT,
    pps_start_date TEXT COLLATE "C",
    pps_start_time TEXT COLLATE "C"
);
CREATE INDEX series_study_idx ON series (study_uid);
CREATE INDEX series_modality_idx ON series (modality, study_uid);

-- One row per SOP Instance UID: its current object (the highest version) and its header.
CREATE TABLE instance (
    sop_uid          TEXT PRIMARY KEY,
    series_uid       TEXT NOT NULL REFERENCES series (series_uid),
    study_uid        TEXT NOT NULL REFERENCES study (study_uid),
    sop_class        TEXT NOT NULL,
    instance_number  INTEGER,
    transfer_syntax  TEXT NOT NULL,
    bucket           TEXT NOT NULL,
    object_key       TEXT NOT NULL,
    object_version   INTEGER NOT NULL,
    object_size      BIGINT NOT NULL,
    sha256           TEXT NOT NULL,
    pixel_offset     BIGINT,
    pixel_length     BIGINT,
    encapsulated     BOOLEAN,
    received_at      TIMESTAMPTZ NOT NULL,
    source           JSONB NOT NULL,
    header           JSONB NOT NULL
);
CREATE INDEX instance_series_idx ON instance (series_uid);
CREATE INDEX instance_study_idx ON instance (study_uid);

-- Every version of every object, so that a correction never hides what was first received.
CREATE TABLE object_version (
    sop_uid      TEXT NOT NULL,
    version      INTEGER NOT NULL,
    bucket       TEXT NOT NULL,
    object_key   TEXT NOT NULL,
    object_size  BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    PRIMARY KEY (sop_uid, version)
);

-- The labeling rules' latest verdict (a re-check of the order can publish a newer one).
CREATE TABLE validation (
    sop_uid       TEXT PRIMARY KEY REFERENCES instance (sop_uid) ON DELETE CASCADE,
    verdict       TEXT NOT NULL,
    order_status  TEXT,
    validated_at  TIMESTAMPTZ NOT NULL,
    block         JSONB NOT NULL
);

-- The image-quality checks' latest verdict.
CREATE TABLE qc (
    sop_uid      TEXT PRIMARY KEY REFERENCES instance (sop_uid) ON DELETE CASCADE,
    verdict      TEXT NOT NULL,
    analysed_at  TIMESTAMPTZ NOT NULL,
    preview_bucket TEXT,
    preview_key  TEXT,
    block        JSONB NOT NULL
);

-- Each delivery event: DELIVERED or DEAD_LETTERED per destination, QUARANTINED per instance.
CREATE TABLE delivery (
    event_id      TEXT PRIMARY KEY,
    sop_uid       TEXT NOT NULL REFERENCES instance (sop_uid) ON DELETE CASCADE,
    outcome       TEXT NOT NULL,
    destination   TEXT,
    priority      TEXT,
    attempts      INTEGER,
    object_version INTEGER NOT NULL,
    completed_at  TIMESTAMPTZ,
    released      BOOLEAN NOT NULL,
    block         JSONB NOT NULL
);
CREATE INDEX delivery_sop_idx ON delivery (sop_uid);

-- Instances the router held back, and what the reviewers did. held_* come from the QUARANTINED
-- delivery event, released_* from dicom.instance.released.v1: either may be applied first.
CREATE TABLE quarantine (
    sop_uid          TEXT PRIMARY KEY REFERENCES instance (sop_uid) ON DELETE CASCADE,
    held_event_id    TEXT,
    held_at          TIMESTAMPTZ,
    reasons          JSONB,
    released_event_id TEXT,
    released_at      TIMESTAMPTZ,
    released_by      TEXT,
    release_reason   TEXT,
    released_version INTEGER
);

-- The dose registry: the exposure as the header recorded it, one row per instance.
CREATE TABLE dose (
    sop_uid     TEXT PRIMARY KEY REFERENCES instance (sop_uid) ON DELETE CASCADE,
    study_date  TEXT,
    station     TEXT,
    protocol    TEXT,
    body_part   TEXT,
    view        TEXT,
    kvp         DOUBLE PRECISION,
    mas         DOUBLE PRECISION,
    dap         DOUBLE PRECISION,
    ei          DOUBLE PRECISION,
    tei         DOUBLE PRECISION,
    di          DOUBLE PRECISION
);
CREATE INDEX dose_station_idx ON dose (station, protocol);
