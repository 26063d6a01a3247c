-- Each stored event remembers the transaction that wrote it, so processors read only what every transaction
-- older than the oldest one still running has committed (PostgreSQL's snapshot xmin). A slow writer holding a
-- low global index then holds readers back until it commits, instead of leaving a gap that Axon forgets after
-- its gap timeout, which would lose the event for every read model. Rows stored before this migration have no
-- transaction id and are all committed: they are always readable. Adding a nullable column does not rewrite
-- the table; the default applies to new rows only.
ALTER TABLE domain_event_entry ADD COLUMN tx_id xid8;
ALTER TABLE domain_event_entry ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();
