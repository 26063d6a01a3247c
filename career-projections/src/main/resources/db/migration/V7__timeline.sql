-- Read model 2: the career timeline, one row per event of a person and of their quarters.
CREATE TABLE timeline_entry (
    -- the event's identifier: a redelivered event is inserted once
    event_id     VARCHAR(255) PRIMARY KEY,
    person_id    UUID         NOT NULL,
    -- the event's own timestamp and its place in its aggregate's stream: the order of the timeline,
    -- reproduced exactly by a rebuild
    at           TIMESTAMPTZ  NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    sequence     BIGINT       NOT NULL,
    type         VARCHAR(64)  NOT NULL,
    summary      TEXT         NOT NULL,
    actor        VARCHAR(200),
    data         JSONB        NOT NULL
);
CREATE INDEX ix_timeline_entry_person_order ON timeline_entry (person_id, at, aggregate_id, sequence);

-- What the summaries need to know about the person (titles differ per discipline).
CREATE TABLE timeline_person (
    person_id  UUID PRIMARY KEY,
    discipline VARCHAR(32) NOT NULL
);
