-- Axon's JDBC sequenced dead-letter queue (JdbcSequencedDeadLetterQueue, default DeadLetterSchema names) for the
-- read models: an event a read model failed to handle, and every later event of the same person behind it, waits
-- here for an operator (GET /api/admin/dead-letters; ADR 0008). Serialized data is bytea (the payload is a copy of
-- the stored event, kept for the operator's view: a retry reads the event again from the event store), never a large object.
-- Timestamps are ISO-8601 text, as Axon's JDBC stores write and compare them.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255) NOT NULL,
    processing_group     VARCHAR(255) NOT NULL,
    sequence_identifier  VARCHAR(255) NOT NULL,
    sequence_index       BIGINT       NOT NULL,
    message_type         VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255) NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        TEXT,
    diagnostics          BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_id),
    CONSTRAINT uk_dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);

-- the unique constraint's index serves "is this person's sequence parked?" (processing_group, sequence_identifier)
-- and the queue's size per read model; this one serves the operator's list, oldest first
CREATE INDEX ix_dead_letter_entry_enqueued ON dead_letter_entry (enqueued_at);
