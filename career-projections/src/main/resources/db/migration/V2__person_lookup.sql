-- Write-side lookup kept in the same transaction as the Person events (a subscribing processor):
-- e-mail uniqueness and the manager chain must be checked against committed facts, not a lagging read model.
CREATE TABLE person_lookup (
    person_id        UUID PRIMARY KEY,
    email_normalized VARCHAR(320) NOT NULL,
    manager_id       UUID,
    CONSTRAINT uk_person_lookup_email UNIQUE (email_normalized)
);
CREATE INDEX ix_person_lookup_manager ON person_lookup (manager_id);
