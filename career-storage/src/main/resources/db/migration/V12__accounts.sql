-- Accounts for HTTP Basic (the embedded/default mode). Kept in a table, never in events: events are forever
-- and must not hold secrets. Only a password hash is stored.
CREATE TABLE account (
    account_id    UUID PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    person_id     UUID,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uk_account_username UNIQUE (username)
);
CREATE INDEX ix_account_person ON account (person_id);
