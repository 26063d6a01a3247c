-- Read model 4: the promotion audit. Every level change and track switch with its full basis.
-- The projection keeps its own copy of assessments and Win Log evidence (from the Quarter events) so that,
-- when a decision arrives, it can snapshot what the decision rested on into the decision row itself.

CREATE TABLE audit_assessment (
    assessment_id    UUID PRIMARY KEY,
    person_id        UUID         NOT NULL,
    quarter          VARCHAR(7)   NOT NULL,
    operating_level  VARCHAR(16)  NOT NULL,
    rationale        TEXT,
    assessed_by      VARCHAR(200),
    -- the QuarterAssessed event's timestamp, ISO-8601 to the nanosecond as in the event (timestamptz keeps
    -- microseconds; the audit shows instants exactly as the events and the decision's POST answer have them)
    assessed_at      VARCHAR(40)  NOT NULL
);

CREATE TABLE audit_evidence (
    evidence_id        UUID PRIMARY KEY,
    person_id          UUID         NOT NULL,
    quarter            VARCHAR(7)   NOT NULL,
    title              VARCHAR(200) NOT NULL,
    dimension          VARCHAR(32)  NOT NULL,
    demonstrates_level VARCHAR(16)  NOT NULL,
    logged_at          TIMESTAMPTZ  NOT NULL,
    -- the EvidenceRetracted event's timestamp; null while the entry counts
    retracted_at       TIMESTAMPTZ
);
CREATE INDEX ix_audit_evidence_quarter ON audit_evidence (person_id, quarter);

CREATE TABLE audit_decision (
    decision_id            UUID PRIMARY KEY,
    person_id              UUID         NOT NULL,
    kind                   VARCHAR(16)  NOT NULL,
    from_level             VARCHAR(16)  NOT NULL,
    to_level               VARCHAR(16)  NOT NULL,
    -- track switches only
    from_track             VARCHAR(16),
    to_track               VARCHAR(16),
    carried_over           JSONB,
    -- the basis as it stood when the decision was made: quarters, assessments, evidence ids and titles
    basis                  JSONB        NOT NULL,
    required_quarters      INTEGER,
    framework_id           VARCHAR(100),
    framework_version      INTEGER,
    framework_hash         VARCHAR(128),
    rationale              TEXT,
    override_justification TEXT,
    decided_by             VARCHAR(200),
    -- for ordering and filtering (microseconds)
    decided_at             TIMESTAMPTZ  NOT NULL,
    -- as in the event, ISO-8601 to the nanosecond: what the audit shows
    decided_at_exact       VARCHAR(40)  NOT NULL
);
CREATE INDEX ix_audit_decision_decided_at ON audit_decision (decided_at DESC, decision_id);
CREATE INDEX ix_audit_decision_person ON audit_decision (person_id, decided_at DESC);
