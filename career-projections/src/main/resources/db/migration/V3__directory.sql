-- Read model 1: the directory of people.
CREATE TABLE directory_person (
    person_id     UUID PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    email         VARCHAR(320) NOT NULL,
    discipline    VARCHAR(32)  NOT NULL,
    track         VARCHAR(16)  NOT NULL,
    level         VARCHAR(16)  NOT NULL,
    manager_id    UUID,
    readiness     VARCHAR(16)  NOT NULL,
    -- the Person aggregate's sequence number this row reflects: the ETag, and the idempotency guard
    version       BIGINT       NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_directory_person_track_level ON directory_person (track, level);
CREATE INDEX ix_directory_person_manager ON directory_person (manager_id);
