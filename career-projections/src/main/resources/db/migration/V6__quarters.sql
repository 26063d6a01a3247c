-- Read model: quarters with their goals, Win Log evidence, feedback and assessment.
CREATE TABLE quarter_view (
    person_id        UUID         NOT NULL,
    quarter          VARCHAR(7)   NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    track            VARCHAR(16)  NOT NULL,
    level_held       VARCHAR(16)  NOT NULL,
    target_level     VARCHAR(16),
    assessment_id    UUID,
    operating_level  VARCHAR(16),
    at_next_level    BOOLEAN,
    rationale        TEXT,
    assessed_by      VARCHAR(200),
    assessed_at      TIMESTAMPTZ,
    amends_assessment_id UUID,
    -- the Quarter aggregate's sequence number this row reflects: the ETag and the idempotency guard
    version          BIGINT       NOT NULL,
    opened_at        TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (person_id, quarter)
);

CREATE TABLE quarter_goal (
    goal_id          UUID PRIMARY KEY,
    person_id        UUID         NOT NULL,
    quarter          VARCHAR(7)   NOT NULL,
    title            VARCHAR(200) NOT NULL,
    description      TEXT,
    dimension        VARCHAR(32)  NOT NULL,
    measure          TEXT         NOT NULL,
    target_level     VARCHAR(16),
    active           BOOLEAN      NOT NULL,
    drop_reason      TEXT,
    progress_status  VARCHAR(16),
    progress_note    TEXT,
    progress_at      TIMESTAMPTZ,
    set_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_quarter_goal_quarter ON quarter_goal (person_id, quarter);

CREATE TABLE quarter_evidence (
    evidence_id        UUID PRIMARY KEY,
    person_id          UUID         NOT NULL,
    quarter            VARCHAR(7)   NOT NULL,
    title              VARCHAR(200) NOT NULL,
    description        TEXT,
    impact             TEXT         NOT NULL,
    dimension          VARCHAR(32)  NOT NULL,
    demonstrates_level VARCHAR(16)  NOT NULL,
    goal_id            UUID,
    link               VARCHAR(2000),
    occurred_on        DATE         NOT NULL,
    retracted          BOOLEAN      NOT NULL DEFAULT FALSE,
    retraction_reason  TEXT,
    logged_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_quarter_evidence_quarter ON quarter_evidence (person_id, quarter);

CREATE TABLE quarter_feedback (
    feedback_id    UUID PRIMARY KEY,
    person_id      UUID         NOT NULL,
    quarter        VARCHAR(7)   NOT NULL,
    relationship   VARCHAR(16)  NOT NULL,
    text           TEXT         NOT NULL,
    signals_level  VARCHAR(16),
    given_by       VARCHAR(200),
    given_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_quarter_feedback_quarter ON quarter_feedback (person_id, quarter);
