-- Idempotency-Key of POST writes (career-api, concurrency/): the first response to a key, replayed to retries.
-- A key is scoped to the acting principal, the method and the path. While the first request runs, status is
-- NULL; responses of 500 or more are never kept (the row is deleted so a retry runs again). Expired rows are
-- ignored and deleted by a scheduled task. bytea and jsonb only: no large objects.
CREATE TABLE idempotency_keys (
    principal        TEXT        NOT NULL,
    method           TEXT        NOT NULL,
    path             TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL,
    -- SHA-256 of the request body: the same key with another body is refused
    request_sha256   BYTEA       NOT NULL,
    -- the claim of the request that runs (or ran) under this key: only it may complete or release the row
    claim_id         UUID        NOT NULL,
    status           INTEGER,
    -- the response headers a replay repeats (Content-Type, Location, ETag)
    response_headers JSONB,
    response_body    BYTEA,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, method, path, idempotency_key),
    CONSTRAINT ck_idempotency_keys_key CHECK (char_length(idempotency_key) BETWEEN 1 AND 200)
);
CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
