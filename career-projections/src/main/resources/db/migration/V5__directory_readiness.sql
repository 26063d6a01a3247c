-- The directory keeps each person's sustained record (outcomes per quarter and where the streak restarts)
-- to compute readiness with the domain's own policy.
ALTER TABLE directory_person
    ADD COLUMN sustained_record JSONB NOT NULL DEFAULT '{"outcomes": [], "countFrom": null}'::jsonb,
    ADD COLUMN readiness_reason TEXT;
CREATE INDEX ix_directory_person_readiness ON directory_person (readiness);
