-- Idempotency-Key and the command it guards commit together (career-api, concurrency/): the transaction that stores
-- a request's events also marks its key applied and records the command's result, so a retry after a crash between
-- that commit and the stored response appends nothing; it is answered by running the request again with the
-- recorded results in place of its commands.

-- no request holds the key (its first request failed after its command was applied): a retry may answer it at once
ALTER TABLE idempotency_keys ALTER COLUMN claim_id DROP NOT NULL;

ALTER TABLE idempotency_keys
    -- when the command's transaction committed; NULL while nothing of the request is stored
    ADD COLUMN applied_at      TIMESTAMPTZ,
    -- the results of the request's commands, in the order they were sent: [{type, revision, data}]
    ADD COLUMN command_results JSONB,
    -- the logical request: the ids it makes up (a new person's, a new goal's) derive from it, so running it again
    -- after a crash makes up the same ones; kept when a retry takes an applied key over
    ADD COLUMN request_id      UUID;

UPDATE idempotency_keys SET request_id = claim_id WHERE request_id IS NULL;
ALTER TABLE idempotency_keys ALTER COLUMN request_id SET DEFAULT gen_random_uuid(),
                             ALTER COLUMN request_id SET NOT NULL;

-- the command's transaction finds its key by the claim alone (command metadata carries ids only)
CREATE UNIQUE INDEX ux_idempotency_keys_claim_id ON idempotency_keys (claim_id);
