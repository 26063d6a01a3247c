-- Read model 3: the sustained-performance history of a person.
CREATE TABLE history_person (
    person_id          UUID PRIMARY KEY,
    track              VARCHAR(16) NOT NULL,
    level              VARCHAR(16) NOT NULL,
    -- the person's sustained record (outcomes per quarter and where the streak restarts), evolved with the
    -- domain's own SustainedRecord; readiness is computed from it with the domain's policy
    sustained_record   JSONB       NOT NULL DEFAULT '{"outcomes": [], "countFrom": null}'::jsonb,
    -- quarters opened since the level last changed: information only, never an input to readiness
    quarters_at_level  INTEGER     NOT NULL DEFAULT 0,
    -- the Person aggregate's sequence number this row reflects: the idempotency guard
    version            BIGINT      NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE history_quarter (
    person_id        UUID        NOT NULL,
    quarter          VARCHAR(7)  NOT NULL,
    level_held       VARCHAR(16) NOT NULL,
    target_level     VARCHAR(16),
    -- from the latest assessment; null while the quarter is open (or reopened and not yet re-assessed)
    operating_level  VARCHAR(16),
    at_next_level    BOOLEAN,
    -- active goals and evidence that is not retracted
    goals            INTEGER     NOT NULL DEFAULT 0,
    evidence         INTEGER     NOT NULL DEFAULT 0,
    -- the Quarter aggregate's sequence number this row reflects: the idempotency guard of the counts
    version          BIGINT      NOT NULL,
    opened_at        TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, quarter)
);
