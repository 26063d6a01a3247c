-- Read model 7: organisation statistics (level distribution, promotions per quarter, time at level vs
-- promotion). Its own small tables, fed by its own processor.

-- Each person as they stand now. A "stint" is a period at one level: it starts at registration (0) and
-- a new one starts with every level change or track switch.
CREATE TABLE stats_person (
    person_id  UUID PRIMARY KEY,
    track      VARCHAR(16) NOT NULL,
    level      VARCHAR(16) NOT NULL,
    stint      INTEGER     NOT NULL,
    -- the Person aggregate's sequence number this row reflects: the idempotency guard
    version    BIGINT      NOT NULL
);
CREATE INDEX ix_stats_person_level ON stats_person (track, level);

-- Every quarter opened, with the stint it was opened in.
CREATE TABLE stats_quarter (
    person_id  UUID        NOT NULL,
    quarter    VARCHAR(7)  NOT NULL,
    level_held VARCHAR(16) NOT NULL,
    stint      INTEGER     NOT NULL,
    PRIMARY KEY (person_id, quarter)
);

-- Every promotion, with the calendar quarter it was decided in and the quarters opened at the level before it.
CREATE TABLE stats_promotion (
    decision_id       UUID PRIMARY KEY,
    person_id         UUID        NOT NULL,
    from_level        VARCHAR(16) NOT NULL,
    to_level          VARCHAR(16) NOT NULL,
    decided_at        TIMESTAMPTZ NOT NULL,
    decided_quarter   VARCHAR(7)  NOT NULL,
    quarters_at_level INTEGER     NOT NULL
);
CREATE INDEX ix_stats_promotion_quarter ON stats_promotion (decided_quarter);
